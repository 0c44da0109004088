/**
 * How much of an error answer the client reads. A problem document with every lint finding of a large entry
 * fits many times over; an endless or huge page (a gateway's, a wrong address's) is cut here instead of being
 * held in memory or waited for.
 */
export const ERROR_BODY_LIMIT = 1024 * 1024;

/** The body as text, up to `limit` bytes; the rest is not read and the stream is cancelled. */
export async function boundedText(response: Response, limit: number = ERROR_BODY_LIMIT): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (size >= limit) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit));
}
