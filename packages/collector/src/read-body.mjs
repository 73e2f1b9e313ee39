// Reading and decoding request bodies, with the size limit enforced on the decoded bytes.
import { gunzip } from 'node:zlib';
import { ERROR_MESSAGE } from './constants.mjs';
import { badRequestBody, payloadTooLargeBody } from './responses.mjs';

/** Gzip can add a little to incompressible data; allow for it before refusing the raw bytes. */
const GZIP_SLACK_BYTES = 64 * 1024;

/**
 * Reads the whole body but keeps at most `limitBytes + 1` of it, so an oversized upload is
 * drained (and answered 413) instead of buffered.
 * @param {import('node:http').IncomingMessage} request
 * @param {{ limitBytes: number }} options
 * @returns {Promise<{ raw: Buffer, overflow: boolean }>}
 */
export const readRawBody = (request, { limitBytes }) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    let kept = 0;
    let overflow = false;
    request.on('data', (chunk) => {
      if (overflow) return;
      if (kept + chunk.length > limitBytes) {
        overflow = true;
        return;
      }
      chunks.push(chunk);
      kept += chunk.length;
    });
    request.on('end', () => resolve({ raw: Buffer.concat(chunks), overflow }));
    request.on('error', reject);
  });

/** @param {{ gzip: boolean, maxBodyBytes: number }} input */
export const rawLimitFor = ({ gzip, maxBodyBytes }) => (gzip ? maxBodyBytes + GZIP_SLACK_BYTES : maxBodyBytes);

/**
 * @param {string | undefined} header the Content-Encoding header
 * @returns {'identity' | 'gzip' | undefined} undefined for an encoding the collector cannot read
 */
export const encodingOf = (header) => {
  const value = (header || '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  return undefined;
};

const gunzipAtMost = (raw, maxOutputLength) =>
  new Promise((resolve, reject) =>
    gunzip(raw, { maxOutputLength }, (error, result) => (error ? reject(error) : resolve(result))),
  );

/**
 * @param {{ raw: Buffer, overflow: boolean, contentEncoding?: string, maxBodyBytes: number }} input
 * @returns {Promise<{ ok: true, body: Buffer } | { ok: false, status: number, body: Record<string, unknown>, decoded:
 * Buffer }>}
 */
export const decodeBody = async ({ raw, overflow, contentEncoding, maxBodyBytes }) => {
  const encoding = encodingOf(contentEncoding);
  if (!encoding)
    return {
      ok: false,
      status: 400,
      body: badRequestBody(`${ERROR_MESSAGE.unsupportedEncoding}: ${contentEncoding}`),
      decoded: Buffer.alloc(0),
    };
  if (overflow)
    return {
      ok: false,
      status: 413,
      body: payloadTooLargeBody(),
      decoded: encoding === 'identity' ? raw : Buffer.alloc(0),
    };
  if (encoding === 'identity') {
    return raw.length > maxBodyBytes
      ? { ok: false, status: 413, body: payloadTooLargeBody(), decoded: raw }
      : { ok: true, body: raw };
  }
  try {
    // One byte over the limit is enough to know it is too large; never inflate a gzip bomb.
    const body = await gunzipAtMost(raw, maxBodyBytes + 1);
    return body.length > maxBodyBytes
      ? { ok: false, status: 413, body: payloadTooLargeBody(), decoded: body }
      : { ok: true, body };
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException | undefined} */ (error)?.code === 'ERR_BUFFER_TOO_LARGE')
      return { ok: false, status: 413, body: payloadTooLargeBody(), decoded: Buffer.alloc(0) };
    return { ok: false, status: 400, body: badRequestBody(ERROR_MESSAGE.invalidGzip), decoded: Buffer.alloc(0) };
  }
};
