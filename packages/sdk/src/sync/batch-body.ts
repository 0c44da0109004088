import { CanonicalEncoders } from '../json/canonical-bytes';
import { canonicalJson } from '../json/canonical-json';
import { acceptedOperationsHash } from '../json/operations-hash';

const PREFIX = Buffer.from('{"upsert":[');
const COMMA = 44;

/** A batch body as sent, and the receipt hash that covers it when the exchange accepts every operation. */
export interface EncodedBatch {
  /** UTF-8 JSON of `{"upsert":[…],"delete":[…]}`, its records in canonical form (RFC 8785). */
  bytes: Buffer;
  allAcceptedHash: string;
}

/**
 * The body of one batch, written record by record as rows are mapped: each record's canonical JSON is encoded
 * once, into bytes off the JS heap, and serves as the wire body, the receipt hash and the snapshot hash alike.
 */
export class BatchBodyWriter {
  #buffer: Buffer;
  #length = PREFIX.length;
  /** End offsets of the records written (each record ends with a separator byte). */
  #ends: number[] = [];
  readonly #encoders: CanonicalEncoders;

  readonly #release: (buffer: Buffer) => void;

  constructor(
    encoders: CanonicalEncoders,
    buffer: Buffer = Buffer.allocUnsafeSlow(1 << 12),
    /** Where the buffer goes once the batch is sent (see `BodyBuffers`). */
    release: (buffer: Buffer) => void = () => {},
  ) {
    this.#encoders = encoders;
    this.#buffer = buffer.length >= 1 << 12 ? buffer : Buffer.allocUnsafeSlow(1 << 12);
    this.#release = release;
    PREFIX.copy(this.#buffer, 0);
  }

  /** Hands the buffer back for another batch: the body's bytes must no longer be needed. */
  release(): void {
    this.#release(this.#buffer);
  }

  get records(): number {
    return this.#ends.length;
  }

  get byteLength(): number {
    return this.#length;
  }

  /** Appends a record; returns its canonical JSON bytes (a view that later appends leave as it is). */
  append(record: Record<string, unknown>): Uint8Array {
    const start = this.#length;
    let end = this.#encoders.encodeLine(record, this.#buffer, start);
    while (end < 0) {
      this.#grow();
      end = this.#encoders.encodeLine(record, this.#buffer, start);
    }
    this.#buffer[end - 1] = COMMA;
    this.#length = end;
    this.#ends.push(end);
    return this.#buffer.subarray(start, end - 1);
  }

  /** Takes back the record appended last (a row the change filter found unchanged). */
  dropLast(): void {
    this.#ends.pop();
    this.#length = this.#ends.at(-1) ?? PREFIX.length;
  }

  /** The finished body with the delete keys after the records, and the hash of all its operations. */
  finish(deleteKeys: ReadonlyArray<Record<string, unknown>>): EncodedBatch {
    const deletes = deleteKeys.map((key) => canonicalJson(key));
    const records: Uint8Array[] = [];
    let start = PREFIX.length;
    for (const end of this.#ends) {
      records.push(this.#buffer.subarray(start, end - 1));
      start = end;
    }
    const allAcceptedHash = acceptedOperationsHash(records, deletes);

    if (this.#ends.length === 0) {
      return { bytes: Buffer.from(`{"delete":[${deletes.join(',')}]}`), allAcceptedHash };
    }
    const tail = deletes.length > 0 ? `],"delete":[${deletes.join(',')}]}` : ']}';
    // The last record's separator becomes the closing bracket.
    const tailBytes = Buffer.from(tail.slice(1));
    while (this.#length + tailBytes.length > this.#buffer.length) this.#grow();
    this.#buffer[this.#length - 1] = 93;
    tailBytes.copy(this.#buffer, this.#length);
    return { bytes: this.#buffer.subarray(0, this.#length + tailBytes.length), allAcceptedHash };
  }

  #grow(): void {
    const larger = Buffer.allocUnsafeSlow(this.#buffer.length * 2);
    this.#buffer.copy(larger, 0, 0, this.#length);
    this.#buffer = larger;
  }
}

/** The canonical JSON of one record as UTF-8 bytes (for rows that are not sent, e.g. replayed on resume). */
export function canonicalBytes(record: Record<string, unknown>, encoders: CanonicalEncoders): Uint8Array {
  return Buffer.from(new BatchBodyWriter(encoders).append(record));
}

/**
 * Buffers for batch bodies, reused from batch to batch: a sync sends thousands of bodies of about the same size,
 * and buffers left for the garbage collector to find pile up outside the JS heap, where it looks last.
 */
export class BodyBuffers {
  readonly encoders = new CanonicalEncoders();
  #free: Buffer[] = [];
  #size = 1 << 18;

  writer(): BatchBodyWriter {
    const buffer = this.#free.pop() ?? Buffer.allocUnsafeSlow(this.#size);
    return new BatchBodyWriter(this.encoders, buffer, (used) => {
      // Bodies that outgrew the usual size set the size for new buffers; smaller ones are not kept.
      if (used.length > this.#size) {
        this.#size = used.length;
        this.#free = [];
      }
      if (used.length === this.#size && this.#free.length < 16) this.#free.push(used);
    });
  }
}
