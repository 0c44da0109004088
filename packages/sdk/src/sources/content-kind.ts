import { open } from 'node:fs/promises';
import { SourceError } from './errors';
import type { SourceFormat } from './types';

/**
 * What the first bytes of an input say it is. A department's export folder holds workbooks, old .xls files,
 * PDFs and zipped exports beside its CSV files; reading one of those as CSV gives pages of garbled rejects,
 * so the kind is told before any row is read.
 */
export type ContentKind = 'zip' | 'ole2' | 'pdf' | 'gzip' | 'utf16' | 'binary' | 'text';

/** Bytes looked at: enough for every signature and for a fair share of a text's first lines. */
const HEAD_BYTES = 4096;

const signatures: ReadonlyArray<[ContentKind, readonly number[]]> = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['ole2', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['gzip', [0x1f, 0x8b]],
  ['utf16', [0xff, 0xfe]],
  ['utf16', [0xfe, 0xff]],
];

export function contentKindOf(head: Uint8Array): ContentKind {
  for (const [kind, bytes] of signatures) {
    if (bytes.every((byte, i) => head[i] === byte)) return kind;
  }
  // Text in UTF-8, GBK or GB18030 never holds a NUL byte.
  return head.subarray(0, HEAD_BYTES).includes(0) ? 'binary' : 'text';
}

const described: Record<ContentKind, { en: string; zh: string }> = {
  zip: { en: 'a ZIP file (an .xlsx workbook is one)', zh: 'ZIP 文件（.xlsx 工作簿即是）' },
  ole2: {
    en: 'an old Excel .xls (or other Office 97–2003) file',
    zh: '旧版 Excel .xls（Office 97–2003）文件',
  },
  pdf: { en: 'a PDF document', zh: 'PDF 文档' },
  gzip: { en: 'a gzip-compressed file', zh: 'gzip 压缩文件' },
  utf16: { en: 'UTF-16 text (Excel\'s "Unicode text")', zh: 'UTF-16 文本（Excel 的“Unicode 文本”）' },
  binary: { en: 'binary content', zh: '二进制内容' },
  text: { en: 'text', zh: '文本' },
};

const whatToDo: Record<ContentKind, { en: string; zh: string }> = {
  zip: { en: 'set source.format: xlsx in the mapping', zh: '请在映射文件中设置 source.format: xlsx' },
  ole2: { en: 'save it as .xlsx or as CSV', zh: '请另存为 .xlsx 或 CSV' },
  pdf: { en: 'export the data itself as CSV or .xlsx', zh: '请导出数据本身（CSV 或 .xlsx）' },
  gzip: { en: 'decompress it first', zh: '请先解压' },
  utf16: { en: 'save it as UTF-8 or GBK CSV', zh: '请另存为 UTF-8 或 GBK 编码的 CSV' },
  binary: { en: 'check that this is the export you meant', zh: '请确认是否选错了文件' },
  text: {
    en: 'set source.format: csv or ndjson in the mapping',
    zh: '请在映射文件中设置 source.format: csv 或 ndjson',
  },
};

/** The refusal for content of `kind` read as `format`, or undefined when the two fit. */
export function formatMismatch(
  kind: ContentKind,
  format: SourceFormat,
  name: string,
): SourceError | undefined {
  const fits = format === 'xlsx' ? kind === 'zip' : kind === 'text';
  if (fits) return undefined;
  const [article, label] = ({ csv: ['a', 'CSV'], ndjson: ['an', 'NDJSON'], xlsx: ['an', 'XLSX'] } as const)[
    format
  ];
  const { en, zh } = described[kind];
  const todo = whatToDo[kind];
  return new SourceError(
    'source/wrong-format',
    `${name} is not ${article} ${label} file: detected ${en}; ${todo.en}`,
    `${name} 不是 ${label} 文件：检测到${zh}；${todo.zh}`,
  );
}

/** Refuses a file (or bytes) whose first bytes show it cannot be read as `format`; streams are not looked at. */
export async function checkSourceFormat(
  source: string | Uint8Array | AsyncIterable<Uint8Array>,
  format: SourceFormat,
): Promise<void> {
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return;
  const head = typeof source === 'string' ? await headOf(source) : source.subarray(0, HEAD_BYTES);
  // An empty input is no wrong format: it reads as no rows, which the readers already report.
  if (head.length === 0) return;
  const refusal = formatMismatch(
    contentKindOf(head),
    format,
    typeof source === 'string' ? source : 'the sample',
  );
  if (refusal) throw refusal;
}

/** The first `size` bytes of a file (fewer when it is shorter). */
export async function headOf(path: string, size = HEAD_BYTES): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(size);
    const { bytesRead } = await file.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
