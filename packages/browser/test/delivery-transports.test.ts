import { afterEach, describe, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { COMPRESSION_THRESHOLD_BYTES, prepareBody } from '../src/delivery/gzip.js';
import { parseJsonBody, parseRetryAfter } from '../src/delivery/retry-after.js';
import { captureDeliveryPlatform } from '../src/delivery/delivery-platform.js';
import { KEEPALIVE_BUDGET_BYTES } from '../src/delivery/keepalive-budget.js';
import { createExitTransport, createTransport, REQUEST_TIMEOUT_MS } from '../src/delivery/transports.js';
import { silentLogger } from '@sightline/test-utils';

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
    expect(parseRetryAfter(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
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

/** The platform as delivery captures it at init, from whatever the test stubbed before. */
const platformWith = (globals: Record<string, unknown>) => {
  for (const [name, value] of Object.entries(globals)) vi.stubGlobal(name, value);
  const log = silentLogger();
  return { platform: captureDeliveryPlatform(log), log };
};

const initOf = (fetchMock: ReturnType<typeof vi.fn>, call = 0) =>
  (fetchMock.mock.calls[call] as unknown as [string, RequestInit])[1];

class FakeXhr {
  static sent: unknown[] = [];
  status = 200;
  responseText = '{"code":200}';
  onload?: () => void;
  onerror?: () => void;
  ontimeout?: () => void;
  onabort?: () => void;
  open(..._args: unknown[]): void {}
  setRequestHeader(_name: string, _value: string): void {}
  getResponseHeader(_name: string): string | null {
    return null;
  }
  send(body: unknown) {
    FakeXhr.sent.push(body);
    setTimeout(() => this.onload!(), 0);
  }
}

describe('fetch transport', () => {
  it('posts JSON with custom headers, keepalive, and reads status, body and Retry-After', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => fakeResponse(429, '{"code":429}', { 'Retry-After': '2' }));
    const { platform } = platformWith({ fetch: fetchMock });
    const transport = createTransport(
      { transport: { type: 'fetch', headers: { 'X-Proxy-Key': 'abc' } }, compress: false },
      platform,
    );
    const response = await transport.send({ url: 'http://127.0.0.1:1/2/httpapi', body: '{"events":[]}' });
    expect(response).toEqual({ status: 429, body: { code: 429 }, retryAfterMs: 2000 });
    expect(fetchMock.mock.calls[0][0]).toBe('http://127.0.0.1:1/2/httpapi');
    const init = initOf(fetchMock);
    // keepalive: an upload in flight when the page goes away still arrives.
    expect(init).toMatchObject({ method: 'POST', body: '{"events":[]}', keepalive: true });
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Proxy-Key': 'abc' });
    // Marked as the SDK's own upload, so network capture never reports it.
    expect((init as { [key: symbol]: unknown })[Symbol.for('sightline.sdk-request')]).toBe(true);
  });

  it('keepalive only while the bodies in flight fit the page budget (64 KiB for all keepalive requests)', async () => {
    const answers: (() => void)[] = [];
    const fetchMock = vi.fn(
      () => new Promise<Response>((resolve) => answers.push(() => resolve(fakeResponse(200, '{}')))),
    );
    const { platform } = platformWith({ fetch: fetchMock });
    const transport = createTransport({ transport: 'fetch', compress: false }, platform);
    const body = 'x'.repeat(Math.ceil(KEEPALIVE_BUDGET_BYTES * 0.6));
    const first = transport.send({ url: 'http://x', body });
    const second = transport.send({ url: 'http://x', body });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect([initOf(fetchMock, 0).keepalive, initOf(fetchMock, 1).keepalive]).toEqual([true, false]);
    answers.forEach((answer) => answer());
    await Promise.all([first, second]);
    void transport.send({ url: 'http://x', body });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3));
    expect(initOf(fetchMock, 2).keepalive).toBe(true); // the budget is free again
    answers[2]();
  });

  it('abandons an upload that hangs past the timeout (status 0, retried later)', async () => {
    vi.useFakeTimers();
    const { platform } = platformWith({
      fetch: vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_, reject) =>
            init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          ),
      ),
    });
    const sending = createTransport({ transport: 'fetch', compress: false }, platform).send({
      url: 'http://x',
      body: '{}',
    });
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    expect((await sending).status).toBe(0);
    vi.useRealTimers();
  });

  it('answers status 0 on a network error, and tries no other transport', async () => {
    const { platform, log } = platformWith({
      fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
      XMLHttpRequest: FakeXhr,
    });
    FakeXhr.sent = [];
    const response = await createTransport({ transport: 'fetch', compress: false }, platform).send({
      url: 'http://x',
      body: '{}',
    });
    expect(response.status).toBe(0);
    expect(FakeXhr.sent).toEqual([]);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('blocked by an extension');
      },
    ],
    ['rejects unlike a network error', () => Promise.reject(new Error('wrapped and broken'))],
    ['returns no promise', () => undefined],
  ])(
    'a fetch that %s: XMLHttpRequest takes the same request, logged once, and fetch is skipped from then on',
    async (_label, broken) => {
      const fetchMock = vi.fn(broken);
      const { platform, log } = platformWith({ fetch: fetchMock, XMLHttpRequest: FakeXhr });
      FakeXhr.sent = [];
      const transport = createTransport({ transport: 'fetch', compress: false }, platform);
      expect(await transport.send({ url: 'http://x', body: '{"n":1}' })).toMatchObject({ status: 200 });
      expect(await transport.send({ url: 'http://x', body: '{"n":2}' })).toMatchObject({ status: 200 });
      expect(FakeXhr.sent).toEqual(['{"n":1}', '{"n":2}']);
      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn).toHaveBeenCalledWith(
        expect.stringMatching(/fetch does not work on this page.*uploads use XMLHttpRequest instead/),
      );
    },
  );

  it('uses fetch as it was at init: a page that replaces window.fetch later does not reach the uploads', async () => {
    const original = vi.fn(async () => fakeResponse(200, '{}'));
    const { platform } = platformWith({ fetch: original });
    const patched = vi.fn(() => {
      throw new Error('patched later');
    });
    vi.stubGlobal('fetch', patched);
    await createTransport({ transport: 'fetch', compress: false }, platform).send({ url: 'http://x', body: '{}' });
    expect(original).toHaveBeenCalledTimes(1);
    expect(patched).not.toHaveBeenCalled();
  });
});

describe('xhr transport', () => {
  it('posts with headers and reports status and Retry-After; an error is status 0', async () => {
    const opened: unknown[] = [];
    const headers: Record<string, string> = {};
    let fail = false;
    class RecordingXhr extends FakeXhr {
      override status = 503;
      override responseText = '{"code":503}';
      override open(...args: unknown[]) {
        opened.push(args);
      }
      override setRequestHeader(name: string, value: string) {
        headers[name] = value;
      }
      override getResponseHeader(name: string) {
        return name === 'Retry-After' ? '1' : null;
      }
      override send() {
        setTimeout(() => (fail ? this.onerror!() : this.onload!()), 0);
      }
    }
    const { platform } = platformWith({ XMLHttpRequest: RecordingXhr });
    const transport = createTransport(
      { transport: { type: 'xhr', headers: { 'X-A': '1' } }, compress: false },
      platform,
    );
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

  it(
    'uses XMLHttpRequest.prototype.send as it was at init; one that throws ' +
      'hands the request on (fetch, then beacon)',
    async () => {
      class Patchable extends FakeXhr {}
      const { platform } = platformWith({ XMLHttpRequest: Patchable, fetch: undefined });
      Patchable.prototype.send = () => {
        throw new Error('patched later');
      };
      FakeXhr.sent = [];
      const transport = createTransport({ transport: 'xhr', compress: false }, platform);
      expect(await transport.send({ url: 'http://x', body: '{"a":1}' })).toMatchObject({ status: 200 });
      expect(FakeXhr.sent).toEqual(['{"a":1}']);

      class Broken extends FakeXhr {
        override send() {
          throw new Error('patched before the SDK loaded');
        }
      }
      const sendBeacon = vi.fn(() => true);
      const { platform: hostile, log } = platformWith({
        XMLHttpRequest: Broken,
        fetch: undefined,
        navigator: { ...navigator, sendBeacon },
      });
      const response = await createTransport({ transport: 'xhr', compress: false }, hostile).send({
        url: 'http://x',
        body: '{"b":2}',
      });
      expect(response.status).toBe(200);
      expect(sendBeacon).toHaveBeenCalledWith('http://x', '{"b":2}');
      expect(log.warn).toHaveBeenCalledTimes(2); // XMLHttpRequest, then fetch (missing): one line each
    },
  );
});

describe('beacon transport', () => {
  it('a queued beacon counts as sent (no answer to read); a refused one waits for a retry', async () => {
    const sendBeacon = vi.fn(() => true);
    const { platform } = platformWith({ navigator: { ...navigator, sendBeacon } });
    const transport = createTransport({ transport: 'beacon', compress: true }, platform);
    expect((await transport.send({ url: 'http://x/2/httpapi', body: '{"a":1}' })).status).toBe(200);
    expect(sendBeacon).toHaveBeenCalledWith('http://x/2/httpapi', '{"a":1}');
    sendBeacon.mockReturnValueOnce(false);
    expect((await transport.send({ url: 'http://x/2/httpapi', body: '{"a":1}' })).status).toBe(0);
  });
});

describe('page-exit transport', () => {
  it(
    'a keepalive fetch, started before send returns, as text/plain (no ' +
      'preflight); its answer is read if the page lives',
    async () => {
      const fetchMock = vi.fn(async () => fakeResponse(200, '{"code":200}'));
      const sendBeacon = vi.fn(() => true);
      const { platform } = platformWith({ fetch: fetchMock, navigator: { ...navigator, sendBeacon } });
      const answer = createExitTransport(platform).send({ url: 'http://x', body: '{}', exiting: true });
      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(initOf(fetchMock)).toMatchObject({
        keepalive: true,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      });
      expect(await answer).toMatchObject({ status: 200, body: { code: 200 } });
      expect(sendBeacon).not.toHaveBeenCalled();
    },
  );

  it(
    'past the keepalive budget a beacon takes it (no answer: undefined); a ' + 'refused beacon leaves a plain fetch',
    async () => {
      const pending: (() => void)[] = [];
      const fetchMock = vi.fn(
        () => new Promise<Response>((resolve) => pending.push(() => resolve(fakeResponse(200, '{}')))),
      );
      const sendBeacon = vi.fn(() => true);
      const { platform } = platformWith({ fetch: fetchMock, navigator: { ...navigator, sendBeacon } });
      const exit = createExitTransport(platform);
      const body = 'x'.repeat(Math.ceil(KEEPALIVE_BUDGET_BYTES * 0.6));
      void exit.send({ url: 'http://x', body, exiting: true });
      expect(await exit.send({ url: 'http://x', body, exiting: true })).toBeUndefined();
      expect(sendBeacon).toHaveBeenCalledTimes(1);
      sendBeacon.mockReturnValueOnce(false);
      void exit.send({ url: 'http://x', body, exiting: true });
      expect(fetchMock).toHaveBeenCalledTimes(2);
      expect([initOf(fetchMock, 0).keepalive, initOf(fetchMock, 1).keepalive]).toEqual([true, false]);
      pending.forEach((resolve) => resolve());
    },
  );

  it(
    'a fetch that throws: the beacon takes it, logged once; with neither, the ' +
      'request is refused (rejects), never thrown',
    async () => {
      const sendBeacon = vi.fn(() => true);
      const { platform, log } = platformWith({
        fetch: () => {
          throw new Error('blocked');
        },
        navigator: { ...navigator, sendBeacon },
      });
      const exit = createExitTransport(platform);
      expect(await exit.send({ url: 'http://x', body: '{}', exiting: true })).toBeUndefined();
      expect(await exit.send({ url: 'http://x', body: '{}', exiting: true })).toBeUndefined();
      expect(log.warn).toHaveBeenCalledTimes(1);
      sendBeacon.mockImplementation(() => {
        throw new Error('no beacons either');
      });
      await expect(exit.send({ url: 'http://x', body: '{}', exiting: true })).rejects.toThrow();
    },
  );
});
