import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markSdkRequest, NetworkProperty as P, SDK_REQUEST_MARKER } from '../src/index.js';
import { deferred, installFakeFetch, settle, startClient } from './harness.js';

const pageFetch = globalThis.fetch;
const stops: Array<() => Promise<unknown>> = [];

const start = async (...args: Parameters<typeof startClient>) => {
  const client = await startClient(...args);
  stops.push(client.stop);
  return client;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_700_000_000_000);
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  vi.useRealTimers();
});

afterAll(() => {
  globalThis.fetch = pageFetch;
});

describe('fetch wrapper transparency', () => {
  it('returns the very promise and Response the page fetch returned', async () => {
    const response = new Response('ok', { status: 200 });
    const original = Promise.resolve(response);
    const fake = installFakeFetch(() => original);
    await start();
    const init = { method: 'POST', body: 'x' };
    const returned = fetch('https://api.example.com/a', init);
    expect(returned).toBe(original);
    expect(await returned).toBe(response);
    expect(fake).toHaveBeenCalledWith('https://api.example.com/a', init);
  });

  it('a rejecting fetch rejects with the same error object, and the failure is captured (status 0)', async () => {
    const error = new TypeError('Failed to fetch');
    installFakeFetch(() => Promise.reject(error));
    const { properties } = await start();
    await expect(fetch('https://api.example.com/down')).rejects.toBe(error);
    await settle();
    expect(properties()).toEqual([
      expect.objectContaining({
        [P.URL]: 'https://api.example.com/down',
        [P.STATUS_CODE]: 0,
        [P.ERROR_CODE]: 'TypeError',
        [P.ERROR_MESSAGE]: 'Failed to fetch',
        [P.REQUEST_METHOD]: 'GET',
        [P.REQUEST_TYPE]: 'fetch',
      }),
    ]);
  });

  it('an exception thrown synchronously by the page fetch propagates unchanged', async () => {
    const error = new Error('sync boom');
    installFakeFetch(() => {
      throw error;
    });
    await start();
    expect(() => fetch('https://api.example.com/a')).toThrow(error);
  });

  it('passes `this` through unchanged', async () => {
    let seenThis: unknown;
    installFakeFetch(function (this: unknown) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- records the receiver the wrapper passed on
      seenThis = this;
      return Promise.resolve(new Response('', { status: 200 }));
    });
    await start();
    const holder = { fetch: globalThis.fetch };
    await holder.fetch('https://api.example.com/a');
    expect(seenThis).toBe(holder);
  });

  it('the page reads the body normally after a body rule cloned it', async () => {
    installFakeFetch(() =>
      Promise.resolve(
        new Response('{"id":7,"secret":"s"}', { status: 500, headers: { 'content-type': 'application/json' } }),
      ),
    );
    const { properties } = await start({ captureRules: [{ responseBody: { allowlist: ['id'] } }] });
    const response = await fetch('https://api.example.com/a');
    expect(await response.json()).toEqual({ id: 7, secret: 's' });
    await settle();
    expect(properties()[0][P.RESPONSE_BODY]).toEqual({ id: 7 });
    expect(properties()[0][P.RESPONSE_BODY_SIZE]).toBe(21);
  });

  it('never touches the body when no body rule asks for it', async () => {
    const response = new Response('{"a":1}', { status: 500 });
    const clone = vi.spyOn(response, 'clone');
    installFakeFetch(() => Promise.resolve(response));
    const { properties } = await start();
    await fetch('https://api.example.com/a');
    await settle();
    expect(properties()).toHaveLength(1);
    expect(clone).not.toHaveBeenCalled();
    expect(response.bodyUsed).toBe(false);
  });
});

describe('fetch event properties', () => {
  it('a 500 gives one event with every network request property', async () => {
    const answer = deferred<Response>();
    installFakeFetch(() => answer.promise);
    const { properties } = await start();
    const pending = fetch('https://api.example.com/orders?page=2&token=abc#frag', { method: 'post', body: '{"a":1}' });
    vi.setSystemTime(1_700_000_000_250);
    answer.resolve(new Response('{"error":"x"}', { status: 500, headers: { 'content-length': '13' } }));
    await pending;
    await settle();
    expect(properties()).toEqual([
      {
        [P.URL]: 'https://api.example.com/orders',
        [P.URL_QUERY]: 'page=2&token=*****',
        [P.URL_FRAGMENT]: 'frag',
        [P.REQUEST_METHOD]: 'POST',
        [P.STATUS_CODE]: 500,
        [P.START_TIME]: 1_700_000_000_000,
        [P.COMPLETION_TIME]: 1_700_000_000_250,
        [P.DURATION]: 250,
        [P.REQUEST_BODY_SIZE]: 7,
        [P.RESPONSE_BODY_SIZE]: 13,
        [P.REQUEST_TYPE]: 'fetch',
      },
    ]);
    expect(JSON.stringify(properties())).not.toContain('abc');
  });

  it.each([
    ['a 200 gives none by default', undefined, 200, 0],
    ['a 404 gives none by default', undefined, 404, 0],
    ['a 503 gives one by default', undefined, 503, 1],
    ['a 404 is captured with statusCodeRange "400-599"', { captureRules: [{ statusCodeRange: '400-599' }] }, 404, 1],
  ])('%s', async (_label, options, status, count) => {
    installFakeFetch(() => Promise.resolve(new Response('', { status })));
    const { requests } = await start(options);
    await fetch('https://api.example.com/a');
    await settle();
    expect(requests()).toHaveLength(count);
  });

  it('resolves relative URLs against the page and takes method and headers from a Request', async () => {
    installFakeFetch(() =>
      Promise.resolve(new Response('', { status: 502, headers: { etag: '"1"', 'set-cookie': 'a=b' } })),
    );
    const { properties } = await start({
      captureRules: [{ requestHeaders: ['x-trace', 'authorization'], responseHeaders: true }],
    });
    await fetch(new Request('/api/items', { method: 'PUT', headers: { 'X-Trace': 't1', Authorization: 'Bearer s' } }));
    await settle();
    expect(properties()[0]).toMatchObject({
      [P.URL]: new URL('/api/items', location.href).href,
      [P.REQUEST_METHOD]: 'PUT',
      [P.REQUEST_HEADERS]: { 'x-trace': 't1' },
      [P.RESPONSE_HEADERS]: { etag: '"1"' },
    });
    expect(JSON.stringify(properties())).not.toContain('Bearer');
  });

  it('captures the request body from init.body and from a Request (cloned before sending)', async () => {
    const bodiesSeen: string[] = [];
    installFakeFetch(async (input) => {
      if (input instanceof Request) bodiesSeen.push(await input.text());
      return new Response('', { status: 500 });
    });
    const { properties } = await start({ captureRules: [{ requestBody: { allowlist: ['user/id'] } }] });
    await fetch('https://api.example.com/a', { method: 'POST', body: '{"user":{"id":1,"email":"x@y.com"}}' });
    await fetch(new Request('https://api.example.com/b', { method: 'POST', body: '{"user":{"id":2}}' }));
    await settle();
    expect(bodiesSeen).toEqual(['{"user":{"id":2}}']);
    expect(properties().map((p) => p[P.REQUEST_BODY])).toEqual([{ user: { id: 1 } }, { user: { id: 2 } }]);
  });

  it('a body that is not JSON is simply not captured', async () => {
    installFakeFetch(() => Promise.resolve(new Response('<html>', { status: 500 })));
    const { properties } = await start({
      captureRules: [{ responseBody: { allowlist: ['**'] }, requestBody: { allowlist: ['**'] } }],
    });
    await fetch('https://api.example.com/a', { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    await settle();
    expect(properties()).toHaveLength(1);
    expect(properties()[0]).not.toHaveProperty(P.RESPONSE_BODY);
    expect(properties()[0]).not.toHaveProperty(P.REQUEST_BODY);
  });

  it('opaque (no-cors) responses are not reported as failures', async () => {
    const opaque = new Response(null, { status: 200 });
    Object.defineProperty(opaque, 'type', { value: 'opaque' });
    Object.defineProperty(opaque, 'status', { value: 0 });
    installFakeFetch(() => Promise.resolve(opaque));
    const { requests } = await start();
    await fetch('https://pixel.example.com/p', { mode: 'no-cors' });
    await settle();
    expect(requests()).toHaveLength(0);
  });

  it('data: and blob: URLs are not network requests', async () => {
    installFakeFetch(() => Promise.reject(new TypeError('bad')));
    const { requests } = await start();
    await expect(fetch('data:text/plain,hi')).rejects.toThrow('bad');
    await settle();
    expect(requests()).toHaveLength(0);
  });
});

describe('no feedback loop: the SDK’s own uploads are never captured', () => {
  it.each([
    [
      'serverUrl answering 500',
      { serverUrl: 'http://localhost:8123/2/httpapi' },
      'http://localhost:8123/2/httpapi',
      {},
    ],
    ['the default endpoint with ignoreAmplitudeRequests: false', {}, 'https://api2.amplitude.com/2/httpapi', {}],
    [
      'a request marked as the SDK’s own',
      {},
      'https://collector.example.com/upload',
      markSdkRequest({ method: 'POST' }),
    ],
    [
      'a marker set by hand with Symbol.for',
      {},
      'https://collector.example.com/upload',
      { [Symbol.for(SDK_REQUEST_MARKER)]: true },
    ],
  ])('%s', async (_label, init, url, requestInit) => {
    installFakeFetch(() => Promise.resolve(new Response('', { status: 500 })));
    const { requests } = await start({ ignoreAmplitudeRequests: false }, init);
    await fetch(url, requestInit);
    await settle();
    expect(requests()).toHaveLength(0);
  });

  it('ignoreHosts and amplitude.com hosts are skipped', async () => {
    installFakeFetch(() => Promise.resolve(new Response('', { status: 500 })));
    const { requests } = await start({ ignoreHosts: ['*.example.com'] });
    await fetch('https://api.example.com/a');
    await fetch('https://cdn.amplitude.com/a');
    await fetch('https://other.net/a');
    await settle();
    expect(requests()).toHaveLength(1);
  });
});

describe('one shared wrapper', () => {
  it('wraps once for two clients, each gets its event, and the last teardown restores the page fetch', async () => {
    const fake = installFakeFetch(() => Promise.resolve(new Response('', { status: 500 })));
    const first = await startClient();
    const wrapped = globalThis.fetch;
    expect(wrapped).not.toBe(fake);
    const second = await startClient();
    expect(globalThis.fetch).toBe(wrapped);
    await fetch('https://api.example.com/a');
    await settle();
    expect(fake).toHaveBeenCalledTimes(1);
    expect(first.requests()).toHaveLength(1);
    expect(second.requests()).toHaveLength(1);
    await first.stop();
    expect(globalThis.fetch).toBe(wrapped);
    await fetch('https://api.example.com/b');
    await settle();
    expect(first.requests()).toHaveLength(1);
    expect(second.requests()).toHaveLength(2);
    await second.stop();
    expect(globalThis.fetch).toBe(fake);
  });

  it('stays in the chain, inert, when another library wrapped on top, and is not wrapped twice later', async () => {
    const fake = installFakeFetch(() => Promise.resolve(new Response('', { status: 500 })));
    const first = await startClient();
    const ours = globalThis.fetch;
    const theirs = vi.fn((...args: Parameters<typeof fetch>) => ours(...args));
    globalThis.fetch = theirs;
    await first.stop();
    expect(globalThis.fetch).toBe(theirs);
    await fetch('https://api.example.com/a');
    await settle();
    expect(first.requests()).toHaveLength(0);
    expect(fake).toHaveBeenCalledTimes(1);
    const again = await start();
    expect(globalThis.fetch).toBe(theirs);
    await fetch('https://api.example.com/b');
    await settle();
    expect(again.requests()).toHaveLength(1);
    globalThis.fetch = ours;
  });

  it('a client whose tracking throws does not disturb the page or the other client', async () => {
    installFakeFetch(() => Promise.resolve(new Response('', { status: 500 })));
    const good = await start();
    const broken = await start();
    const track = vi.spyOn(broken.client, 'track').mockImplementation(() => {
      throw new Error('broken');
    });
    const response = await fetch('https://api.example.com/a');
    await settle();
    expect(response.status).toBe(500);
    expect(good.requests()).toHaveLength(1);
    expect(track).toHaveBeenCalled();
    expect(broken.logger.error).toHaveBeenCalled();
  });
});
