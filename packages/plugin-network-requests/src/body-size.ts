/** `[Amplitude] Request Body Size` / `Response Body Size` in bytes, without reading streams. Pure. */

/** UTF-8 length of a string, counted without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3; // BMP character, or a lone surrogate sent as U+FFFD
  }
  return bytes;
}

/**
 * The size of a request body as fetch / XHR would send it, when it is known without reading
 * anything: strings, URLSearchParams, Blobs, ArrayBuffers and views. FormData, streams and
 * documents give `undefined` (their encoded size is the browser's business).
 */
export function bodySize(body: unknown): number | undefined {
  try {
    if (body === undefined || body === null) return undefined;
    if (typeof body === 'string') return utf8ByteLength(body);
    if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams)
      return utf8ByteLength(body.toString());
    if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size;
    if (typeof ArrayBuffer !== 'undefined' && (body instanceof ArrayBuffer || ArrayBuffer.isView(body)))
      return (body as ArrayBuffer).byteLength;
    return undefined;
  } catch {
    return undefined;
  }
}

/** A `Content-Length` header value as a byte count; `undefined` when absent or malformed. */
export function contentLength(value: string | null | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
