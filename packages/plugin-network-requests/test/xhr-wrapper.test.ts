import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markSdkRequest, NetworkProperty as P } from '../src/index.js';
import { settle, startClient } from './harness.js';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', '*');
    response.setHeader('access-control-allow-methods', '*');
    response.setHeader('access-control-expose-headers', '*');
    if (request.method === 'OPTIONS') {
      response.statusCode = 204;
      response.end();
      return;
    }
    const status = Number(new URL(request.url || '/', 'http://x').searchParams.get('status') || 200);
    response.statusCode = status;
    response.setHeader('content-type', 'application/json');
    response.setHeader('etag', '"v1"');
    response.setHeader('set-cookie', 'sid=secret');
    response.end(JSON.stringify({ status, user: { id: 1, email: 'jane@example.com' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});
const start = async (...args: Parameters<typeof startClient>) => {
  const client = await startClient(...args);
  stops.push(client.stop);
  return client;
};

interface Run {
  trace: string[];
  status: number;
  text: string;
}

/** Sends one XHR and records every readyState and event the page can see. */
const send = (
  method: string,
  url: string,
  prepare: (xhr: XMLHttpRequest) => void = () => undefined,
  body?: string,
): Promise<Run> =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const trace: string[] = [];
    xhr.onreadystatechange = () => trace.push(`readyState ${xhr.readyState}`);
    for (const type of ['loadstart', 'progress', 'load', 'error', 'timeout', 'abort', 'loadend'])
      xhr.addEventListener(type, () => trace.push(type));
    xhr.onloadend = () => resolve({ trace, status: xhr.status, text: xhr.responseText });
    xhr.open(method, url);
    prepare(xhr);
    xhr.send(body);
  });

describe('XHR wrapper transparency', () => {
  it.each([
    ['a 200', '?status=200'],
    ['a 503', '?status=503'],
  ])('%s: readyState sequence, events, status and body are unchanged', async (_label, query) => {
    const without = await send('GET', `${base}/${query}`);
    await start();
    const withPlugin = await send('GET', `${base}/${query}`);
    expect(withPlugin).toEqual(without);
  });

  it('a network error: same sequence with and without the wrapper', async () => {
    const without = await send('GET', 'http://127.0.0.1:1/unreachable');
    await start();
    const withPlugin = await send('GET', 'http://127.0.0.1:1/unreachable');
    expect(withPlugin).toEqual(without);
    expect(withPlugin.status).toBe(0);
  });

  it('exceptions of open / send / setRequestHeader propagate unchanged', async () => {
    const capture = (action: () => void) => {
      try {
        action();
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    const actions = [
      () => new XMLHttpRequest().send(),
      () => new XMLHttpRequest().setRequestHeader('a', 'b'),
      () => new XMLHttpRequest().open('GET', 'http://[bad'),
    ];
    const without = actions.map(capture);
    await start();
    expect(actions.map(capture)).toEqual(without);
    expect(without.filter((outcome) => outcome !== 'no error').length).toBeGreaterThan(0);
  });

  it('restores the prototype methods on the last teardown', async () => {
    const { open, send: originalSend, setRequestHeader } = XMLHttpRequest.prototype;
    const client = await startClient();
    expect(XMLHttpRequest.prototype.send).not.toBe(originalSend);
    await client.stop();
    expect(XMLHttpRequest.prototype.open).toBe(open);
    expect(XMLHttpRequest.prototype.send).toBe(originalSend);
    expect(XMLHttpRequest.prototype.setRequestHeader).toBe(setRequestHeader);
  });
});

describe('XHR event properties', () => {
  it('a 503 gives one event with the exact properties', async () => {
    const { properties } = await start();
    await send('POST', `${base}/api?status=503&token=abc`, () => undefined, '{"q":1}');
    await settle();
    const [props] = properties();
    expect(properties()).toHaveLength(1);
    expect(props).toMatchObject({
      [P.URL]: `${base}/api`,
      [P.URL_QUERY]: 'status=503&token=*****',
      [P.REQUEST_METHOD]: 'POST',
      [P.STATUS_CODE]: 503,
      [P.REQUEST_BODY_SIZE]: 7,
      [P.REQUEST_TYPE]: 'xhr',
    });
    expect(props[P.RESPONSE_BODY_SIZE]).toBeGreaterThan(0);
    expect(props[P.DURATION]).toBe((props[P.COMPLETION_TIME] as number) - (props[P.START_TIME] as number));
    expect(props).not.toHaveProperty(P.ERROR_CODE);
    expect(JSON.stringify(props)).not.toContain('abc');
  });

  it('a network error gives status 0 with a local error code', async () => {
    const { properties } = await start();
    await send('GET', 'http://127.0.0.1:1/unreachable');
    await settle();
    expect(properties()).toEqual([
      expect.objectContaining({ [P.STATUS_CODE]: 0, [P.ERROR_CODE]: 'error', [P.REQUEST_TYPE]: 'xhr' }),
    ]);
  });

  it('a 200 gives none by default; a 404 is captured with statusCodeRange "400-599"', async () => {
    const { requests } = await start({ captureRules: [{ statusCodeRange: '400-599' }] });
    await send('GET', `${base}/?status=200`);
    await send('GET', `${base}/?status=404`);
    await settle();
    expect(requests().map((event) => (event.event_properties as Record<string, unknown>)[P.STATUS_CODE])).toEqual([
      404,
    ]);
  });

  it('captures allowed headers and JSON body fields, never credentials', async () => {
    const { properties } = await start({
      captureRules: [
        {
          statusCodeRange: '500-599',
          requestHeaders: ['x-trace', 'authorization'],
          responseHeaders: ['etag', 'set-cookie'],
          requestBody: { allowlist: ['q'] },
          responseBody: { allowlist: ['user/**'], excludelist: ['user/id'] },
        },
      ],
    });
    await send(
      'POST',
      `${base}/?status=500`,
      (xhr) => {
        xhr.setRequestHeader('X-Trace', 't1');
        xhr.setRequestHeader('Authorization', 'Bearer secret');
      },
      '{"q":"search","password":"p"}',
    );
    await settle();
    expect(properties()[0]).toMatchObject({
      [P.REQUEST_HEADERS]: { 'x-trace': 't1' },
      [P.RESPONSE_HEADERS]: { etag: '"v1"' },
      [P.REQUEST_BODY]: { q: 'search' },
      [P.RESPONSE_BODY]: { user: { email: '*****' } },
    });
    expect(JSON.stringify(properties())).not.toMatch(/secret|Bearer|jane|"p"/);
  });

  it('a request marked as the SDK’s own is not captured, nor one to serverUrl', async () => {
    const { requests } = await start({}, { serverUrl: `${base}/2/httpapi` });
    await send('GET', `${base}/?status=500`, (xhr) => markSdkRequest(xhr));
    await send('POST', `${base}/2/httpapi?status=500`);
    await settle();
    expect(requests()).toHaveLength(0);
  });

  it('a reused XHR reports each request with its own method and URL', async () => {
    const { properties } = await start();
    const xhr = new XMLHttpRequest();
    const once = (method: string, url: string) =>
      new Promise<void>((resolve) => {
        xhr.onloadend = () => resolve();
        xhr.open(method, url);
        xhr.send();
      });
    await once('GET', `${base}/first?status=500`);
    await once('DELETE', `${base}/second?status=502`);
    await settle();
    expect(properties().map((p) => [p[P.REQUEST_METHOD], p[P.URL], p[P.STATUS_CODE]])).toEqual([
      ['GET', `${base}/first`, 500],
      ['DELETE', `${base}/second`, 502],
    ]);
  });
});
