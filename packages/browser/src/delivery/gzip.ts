/** Bodies smaller than this go uncompressed: gzip would cost more than it saves. */
export const COMPRESSION_THRESHOLD_BYTES = 2048;

export const canCompress = (): boolean =>
  typeof CompressionStream === 'function' && typeof Response === 'function' && typeof Blob === 'function';

/** gzip with the platform's CompressionStream (off the main thread's JS). */
export const gzip = (text: string): Promise<ArrayBuffer> =>
  new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();

export interface PreparedBody {
  body: string | ArrayBuffer;
  headers: { [name: string]: string };
}

/** The body to send and the headers it needs: gzip above the threshold when asked and possible. */
export const prepareBody = async (text: string, compress: boolean): Promise<PreparedBody> => {
  if (compress && text.length >= COMPRESSION_THRESHOLD_BYTES && canCompress()) {
    try {
      return { body: await gzip(text), headers: { 'Content-Encoding': 'gzip' } };
    } catch {
      // fall through: an uncompressed request is always acceptable
    }
  }
  return { body: text, headers: {} };
};
