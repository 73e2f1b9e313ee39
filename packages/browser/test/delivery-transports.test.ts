import { afterEach, describe, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { COMPRESSION_THRESHOLD_BYTES, prepareBody } from '../src/delivery/gzip.js';
import { parseJsonBody, parseRetryAfter } from '../src/delivery/retry-after.js';
import { createExitTransport, createTransport, REQUEST_TIMEOUT_MS } from '../src/delivery/transports.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    ['1.5', 1500],
    [' 12 ', 12_000],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value as string | null, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });

  it('reads JSON bodies and tolerates anything else', () => {
    expect(parseJsonBody('{"code":200}')).toEqual({ code: 200 });
    expect(parseJsonBody('<html>')).toBeNull();
    expect(parseJsonBody('')).toBeNull();
  });
});

describe('request body compression', () => {
  const big = JSON.stringify({ events: Array.from({ length: 100 }, (_, n) => ({ event_type: `event ${n}` })) });

  it('gzips bodies at or above 2 KB when asked, with Content-Encoding', async () => {
    expect(big.length).toBeGreaterThanOrEqual(COMPRESSION_THRESHOLD_BYTES);
    const prepared = await prepareBody(big, true);
    expect(prepared.headers).toEqual({ 'Content-Encoding': 'gzip' });
    expect(gunzipSync(Buffer.from(prepared.body as ArrayBuffer)).toString()).toBe(big);
  });

  it.each([
    ['small bodies', '{"a":1}', true],
    ['when not asked', big, false],
  ])('leaves %s uncompressed', async (_, text, compress) => {
    expect(await prepareBody(text, compress)).toEqual({ body: text, headers: {} });
  });

  it('sends uncompressed where CompressionStream is missing', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    expect(await prepareBody(big, true)).toEqual({ body: big, headers: {} });
  });
});

const fakeResponse = (status: number, body: string, headers: Record<string, string> = {}) =>
  ({
    status,
    text: async () => body,
    headers: { get: (name: string) => headers[name] ?? null },
  }) as unknown as Response;

describe('fetch transport', () => {
  it('posts JSON with custom headers and reads status, body and Retry-After', async () => {
    const fetchMock = vi.fn(async () => fakeResponse(429, '{"code":429}', { 'Retry-After': '2' }));
    vi.stubGlobal('fetch', fetchMock);
    const transport = createTransport({
      transport: { type: 'fetch', headers: { 'X-Proxy-Key': 'abc' } },
      compress: false,
    });
    const response = await transport.send({ url: 'http://127.0.0.1:1/2/httpapi', body: '{"events":[]}' });
    expect(response).toEqual({ status: 429, body: { code: 429 }, retryAfterMs: 2000 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:1/2/httpapi');
    expect(init).toMatchObject({ method: 'POST', body: '{"events":[]}', keepalive: false });
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Proxy-Key': 'abc' });
    // Marked as the SDK's own upload, so network capture never reports it.
    expect((init as { [key: symbol]: unknown })[Symbol.for('sightline.sdk-request')]).toBe(true);
  });

  it('abandons an upload that hangs past the timeout (status 0, retried later)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_, reject) =>
            init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          ),
      ),
    );
    const sending = createTransport({ transport: 'fetch', compress: false }).send({ url: 'http://x', body: '{}' });
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    expect((await sending).status).toBe(0);
    vi.useRealTimers();
  });

  it('answers status 0 on a network error instead of throwing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const response = await createTransport({ transport: 'fetch', compress: false }).send({
      url: 'http://x',
      body: '{}',
    });
    expect(response.status).toBe(0);
  });
});

describe('xhr transport', () => {
  it('posts with headers and reports status and Retry-After; an error is status 0', async () => {
    const opened: unknown[] = [];
    const headers: Record<string, string> = {};
    let fail = false;
    class FakeXhr {
      status = 503;
      responseText = '{"code":503}';
      onload?: () => void;
      onerror?: () => void;
      ontimeout?: () => void;
      onabort?: () => void;
      open(...args: unknown[]) {
        opened.push(args);
      }
      setRequestHeader(name: string, value: string) {
        headers[name] = value;
      }
      getResponseHeader(name: string) {
        return name === 'Retry-After' ? '1' : null;
      }
      send() {
        setTimeout(() => (fail ? this.onerror!() : this.onload!()), 0);
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const transport = createTransport({ transport: { type: 'xhr', headers: { 'X-A': '1' } }, compress: false });
    expect(await transport.send({ url: 'http://x/2/httpapi', body: '{}' })).toEqual({
      status: 503,
      body: { code: 503 },
      retryAfterMs: 1000,
    });
    expect(opened[0]).toEqual(['POST', 'http://x/2/httpapi', true]);
    expect(headers).toMatchObject({ 'Content-Type': 'application/json', 'X-A': '1' });
    fail = true;
    expect((await transport.send({ url: 'http://x', body: '{}' })).status).toBe(0);
  });
});

describe('beacon transport and the page-exit transport', () => {
  it('a queued beacon counts as sent; no headers, plain text body', async () => {
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon });
    const response = await createTransport({ transport: 'beacon', compress: true }).send({
      url: 'http://x/2/httpapi',
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(sendBeacon).toHaveBeenCalledWith('http://x/2/httpapi', '{"a":1}');
  });

  it('a refused beacon falls back to a keepalive fetch', async () => {
    vi.stubGlobal('navigator', { ...navigator, sendBeacon: vi.fn(() => false) });
    const fetchMock = vi.fn(async () => fakeResponse(200, '{"code":200}'));
    vi.stubGlobal('fetch', fetchMock);
    const response = await createExitTransport().send({ url: 'http://x', body: '{}', exiting: true });
    expect(response.status).toBe(200);
    expect((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].keepalive).toBe(true);
  });
});
