/**
 * Browsers let the keepalive requests a page has in flight (keepalive fetches and beacons) carry
 * 64 KiB of body together; one that would pass that is refused. Uploads use keepalive only while
 * their body fits what is left, so an upload in flight when the page goes away still arrives.
 * Shared by every delivery of the page (the limit is the page's), with room kept for requests
 * the page itself makes.
 */
export const KEEPALIVE_BUDGET_BYTES = 63 * 1024;

let inFlight = 0;

/** Reserves `bytes` for a keepalive request; false when they do not fit (send without keepalive). */
export const reserveKeepalive = (bytes: number): boolean => {
  if (inFlight + bytes > KEEPALIVE_BUDGET_BYTES) return false;
  inFlight += bytes;
  return true;
};

/** The request ended (answered or failed): its bytes are free again. */
export const releaseKeepalive = (bytes: number): void => {
  inFlight = Math.max(0, inFlight - bytes);
};

/** Bytes of a request body as the browser counts them. */
export const bodyBytes = (body: string | ArrayBuffer, textBytes: (text: string) => number): number =>
  typeof body === 'string' ? textBytes(body) : body.byteLength;
