// @vitest-environment node
// The collector over real HTTP (Node's fetch against a server on a random port): the HTTP V2 /
// Batch contract, scripted faults, down/up, dedupe, persistence, the
// control API, the live stream and waitForEvents.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector } from '../src/index.mjs';

type Collector = Awaited<ReturnType<typeof startCollector>>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const API_KEY = 'collector-test-key';
const running: Collector[] = [];

const freshDir = () => mkdtempSync(join(tmpdir(), 'sightline-collector-test-'));

const start = async (options: Record<string, unknown> = {}) => {
  const collector = await startCollector({ port: 0, dataDir: freshDir(), quiet: true, ...options });
  running.push(collector);
  return collector;
};

afterEach(async () => {
  await Promise.all(running.splice(0).map((collector) => collector.close()));
});

let sequence = 0;
const event = (extra: Json = {}): Json => ({
  event_type: 'Button Clicked',
  device_id: 'device-abc-123',
  time: 1_790_000_000_000,
  insert_id: `insert-${++sequence}-${Math.random().toString(36).slice(2)}`,
  ...extra,
});

const post = async (
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
) => {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: (typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)) as BodyInit,
  });
  const text = await response.text();
  let json: Json | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
};

const upload = (collector: Collector, events: unknown[], extra: Json = {}) =>
  post(collector.ingestUrl, { api_key: API_KEY, events, ...extra });

describe('200', () => {
  it('answers the documented body and stores the events exactly as sent', async () => {
    const collector = await start();
    const events = [
      event({ event_properties: { plan: 'pro', nested: { a: [1, 2] } } }),
      event({ user_id: 'user-12345', device_id: undefined }),
    ];
    const before = Date.now();
    const { status, json, headers } = await upload(collector, events);
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(json).toEqual({
      code: 200,
      events_ingested: 2,
      payload_size_bytes: expect.any(Number),
      server_upload_time: expect.any(Number),
    });
    expect(json!.server_upload_time).toBeGreaterThanOrEqual(before);
    expect(json!.payload_size_bytes).toBe(Buffer.byteLength(JSON.stringify({ api_key: API_KEY, events })));
    expect(collector.events()).toEqual(JSON.parse(JSON.stringify(events)));
    expect(collector.stats()).toEqual({ requests: 1, accepted: 2, duplicates: 0, rejected: 0 });
  });

  it('serves the Batch API path and any prefix ending /2/httpapi or /batch', async () => {
    const collector = await start();
    for (const path of ['/batch', '/proxy/2/httpapi', '/eu/batch?x=1']) {
      const { status } = await post(`${collector.url}${path}`, { api_key: API_KEY, events: [event()] });
      expect(status).toBe(200);
    }
    expect(collector.events()).toHaveLength(3);
    expect(collector.requests().map((request: Json) => request.path)).toEqual([
      '/batch',
      '/proxy/2/httpapi',
      '/eu/batch',
    ]);
  });

  it('keeps arrival order across requests', async () => {
    const collector = await start();
    await upload(collector, [event({ event_type: 'one' }), event({ event_type: 'two' })]);
    await upload(collector, [event({ event_type: 'three' })]);
    expect(collector.events().map((stored: Json) => stored.event_type)).toEqual(['one', 'two', 'three']);
  });
});

describe('400 with the documented field names', () => {
  it.each([
    [
      'missing api_key',
      { events: [{ event_type: 'x', device_id: 'device-1' }] },
      { code: 400, error: 'Request missing required field', missing_field: 'api_key' },
    ],
    [
      'missing events',
      { api_key: API_KEY },
      { code: 400, error: 'Request missing required field', missing_field: 'events' },
    ],
    [
      'events not a list',
      { api_key: API_KEY, events: 'x' },
      { code: 400, error: 'Request missing required field', missing_field: 'events' },
    ],
    ['a body that is a list', [{ event_type: 'x' }], { code: 400, error: 'Invalid JSON request body' }],
  ])('%s', async (_name, body, expected) => {
    const collector = await start();
    const response = await post(collector.ingestUrl, body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual(expected);
    expect(collector.events()).toEqual([]);
  });

  it('invalid JSON', async () => {
    const collector = await start();
    const response = await post(collector.ingestUrl, '{"api_key": "k", "events": [');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ code: 400, error: 'Invalid JSON request body' });
    expect(collector.requests()[0]).toMatchObject({ status: 400, bodyText: '{"api_key": "k", "events": [' });
  });

  it('names bad events by index and ingests nothing from that request; the rest go through on resend', async () => {
    const collector = await start();
    const events = [
      event(),
      event({ event_type: undefined }),
      event({ device_id: 'ab' }),
      event({ device_id: undefined }),
      event(),
    ];
    const first = await upload(collector, events);
    expect(first.status).toBe(400);
    expect(first.json).toEqual({
      code: 400,
      error: 'Request missing required field',
      events_with_invalid_fields: {},
      events_with_missing_fields: { event_type: [1], device_id: [3] },
      events_with_invalid_id_lengths: { device_id: [2] },
    });
    expect(collector.events()).toEqual([]);
    expect(collector.stats()).toMatchObject({ accepted: 0, rejected: 5 });

    const resend = await upload(collector, [events[0], events[4]]);
    expect(resend.json).toMatchObject({ code: 200, events_ingested: 2 });
    expect(collector.events().map((stored: Json) => stored.insert_id)).toEqual([
      events[0].insert_id,
      events[4].insert_id,
    ]);
  });

  it('honours options.min_id_length from the body', async () => {
    const collector = await start();
    expect((await upload(collector, [event({ user_id: 'ab' })])).status).toBe(400);
    expect((await upload(collector, [event({ user_id: 'ab' })], { options: { min_id_length: 2 } })).status).toBe(200);
  });
});

describe('413 (documented 1 MB / 2,000 events limits)', () => {
  it('a body over maxBodyBytes', async () => {
    const collector = await start({ maxBodyBytes: 2000 });
    const big = await upload(collector, [event({ event_properties: { text: 'x'.repeat(3000) } })]);
    expect(big.status).toBe(413);
    expect(big.json).toEqual({ code: 413, error: 'Payload too large' });
    expect((await upload(collector, [event()])).status).toBe(200);
    expect(collector.events()).toHaveLength(1);
  });

  it('a gzip body that inflates past maxBodyBytes (measured decoded)', async () => {
    const collector = await start({ maxBodyBytes: 2000 });
    const body = gzipSync(
      JSON.stringify({ api_key: API_KEY, events: [event({ event_properties: { text: 'x'.repeat(5000) } })] }),
    );
    expect(body.length).toBeLessThan(2000);
    const response = await post(collector.ingestUrl, body, {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    });
    expect(response.status).toBe(413);
  });

  it('the default limit is 1 MB', async () => {
    const collector = await start();
    const response = await upload(collector, [event({ event_properties: { text: 'x'.repeat(1_000_001) } })]);
    expect(response.status).toBe(413);
  });

  it('more events than maxEventsPerRequest', async () => {
    const collector = await start({ maxEventsPerRequest: 3 });
    const response = await upload(collector, [event(), event(), event(), event()]);
    expect(response.status).toBe(413);
    expect(response.json).toEqual({ code: 413, error: 'Payload too large' });
    expect((await upload(collector, [event(), event(), event()])).status).toBe(200);
  });
});

describe('bodies: gzip and text/plain', () => {
  it('decodes Content-Encoding: gzip and records both raw and decoded bodies', async () => {
    const collector = await start();
    const payload = JSON.stringify({ api_key: API_KEY, events: [event({ event_type: 'Zipped' })] });
    const raw = gzipSync(payload);
    const response = await post(collector.ingestUrl, raw, {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(response.json!.payload_size_bytes).toBe(Buffer.byteLength(payload));
    expect(collector.events()[0].event_type).toBe('Zipped');
    const [request] = collector.requests();
    expect(request.rawBody.equals(raw)).toBe(true);
    expect(request.body.toString()).toBe(payload);
    expect(request.bodyText).toBe(payload);
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(request).toMatchObject({ method: 'POST', path: '/2/httpapi', status: 200, time: expect.any(Number) });
  });

  it('parses a text/plain body (sendBeacon) as JSON', async () => {
    const collector = await start();
    const response = await post(
      collector.ingestUrl,
      JSON.stringify({ api_key: API_KEY, events: [event({ event_type: 'Beaconed' })] }),
      {
        'Content-Type': 'text/plain;charset=UTF-8',
      },
    );
    expect(response.status).toBe(200);
    expect(collector.events()[0].event_type).toBe('Beaconed');
  });

  it.each([
    ['a gzip header on plain bytes', { 'Content-Encoding': 'gzip' }, 'Invalid gzip request body'],
    ['an encoding it cannot read', { 'Content-Encoding': 'br' }, 'Unsupported Content-Encoding: br'],
  ])('400 for %s', async (_name, headers, error) => {
    const collector = await start();
    const response = await post(collector.ingestUrl, JSON.stringify({ api_key: API_KEY, events: [event()] }), {
      'Content-Type': 'application/json',
      ...headers,
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ code: 400, error });
  });
});

describe('insert_id dedupe (7 days)', () => {
  it('drops a repeated insert_id silently, across and within requests, and counts it', async () => {
    const collector = await start();
    const a = event();
    const b = event();
    expect((await upload(collector, [a])).json).toMatchObject({ code: 200, events_ingested: 1 });
    const second = await upload(collector, [a, b, b]);
    expect(second.json).toMatchObject({ code: 200, events_ingested: 3 });
    expect(collector.events().map((stored: Json) => stored.insert_id)).toEqual([a.insert_id, b.insert_id]);
    expect(collector.stats()).toEqual({ requests: 2, accepted: 2, duplicates: 2, rejected: 0 });
  });

  it('events without an insert_id are never deduped', async () => {
    const collector = await start();
    const plain = event({ insert_id: undefined });
    await upload(collector, [plain, plain]);
    expect(collector.events()).toHaveLength(2);
  });

  it('writes NDJSON under dataDir and reloads the dedupe set after a restart with the same dataDir', async () => {
    const dataDir = freshDir();
    const first = await start({ dataDir });
    const a = event({ event_type: 'Persisted' });
    await upload(first, [a, event()]);
    await first.close();

    const files = readdirSync(dataDir).filter((name) => name.endsWith('.ndjson') && name.startsWith('events-'));
    expect(files).toEqual([`events-${new Date().toISOString().slice(0, 10)}.ndjson`]);
    const lines = readFileSync(join(dataDir, files[0]), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual(a);

    const second = await start({ dataDir });
    const fresh = event();
    await upload(second, [a, fresh]);
    expect(second.events().map((stored: Json) => stored.insert_id)).toEqual([fresh.insert_id]);
    expect(second.stats().duplicates).toBe(1);
  });

  it('reset() forgets events, requests, stats and the dedupe set, also across a restart', async () => {
    const dataDir = freshDir();
    const collector = await start({ dataDir });
    const a = event();
    await upload(collector, [a]);
    collector.script([{ status: 500 }]);
    collector.setDown(true);
    collector.reset();
    expect(collector.events()).toEqual([]);
    expect(collector.requests()).toEqual([]);
    expect(collector.stats()).toEqual({ requests: 0, accepted: 0, duplicates: 0, rejected: 0 });
    // Not down any more, no scripted 500 left, and `a` is new again.
    expect((await upload(collector, [a])).status).toBe(200);
    expect(collector.events()).toHaveLength(1);
    await collector.close();
    const restarted = await start({ dataDir });
    await upload(restarted, [a]);
    expect(restarted.stats().duplicates).toBe(1);
  });
});

describe('scripted faults', () => {
  it('500 three times, then 200: the retried events are stored exactly once', async () => {
    const collector = await start();
    collector.script([{ status: 500, times: 3 }]);
    const events = [event(), event()];
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await upload(collector, events);
      statuses.push(response.status);
      if (response.status === 500) expect(response.json).toEqual({ code: 500, error: 'Internal Server Error' });
    }
    expect(statuses).toEqual([500, 500, 500, 200]);
    expect(collector.events()).toHaveLength(2);
    expect(collector.stats()).toEqual({ requests: 4, accepted: 2, duplicates: 0, rejected: 6 });
    expect(collector.requests().map((request: Json) => request.status)).toEqual([500, 500, 500, 200]);
  });

  it('429 with Retry-After and the documented throttle body, readable cross-origin', async () => {
    const collector = await start();
    collector.script([{ status: 429, retryAfterSeconds: 2 }]);
    const response = await upload(collector, [event({ user_id: 'user-12345' }), event()]);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    expect(response.json).toEqual({
      code: 429,
      error: 'Too many requests for some devices and users',
      eps_threshold: 30,
      throttled_devices: { 'device-abc-123': 2 },
      throttled_users: { 'user-12345': 1 },
      throttled_events: [0, 1],
      exceeded_daily_quota_users: {},
      exceeded_daily_quota_devices: {},
    });
    expect(collector.events()).toEqual([]);
    expect((await upload(collector, [event()])).status).toBe(200);
  });

  it('429 naming only some users', async () => {
    const collector = await start();
    collector.script({ status: 429, throttled: { users: ['user-hot-1'] } });
    const response = await upload(collector, [event(), event({ user_id: 'user-hot-1' })]);
    expect(response.json).toMatchObject({
      throttled_events: [1],
      throttled_users: { 'user-hot-1': 31 },
      throttled_devices: {},
    });
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it.each([503, 408, 413, 400])('scripted %d answers that status once', async (status) => {
    const collector = await start();
    collector.script([{ status }]);
    const response = await upload(collector, [event()]);
    expect(response.status).toBe(status);
    expect(response.json!.code).toBe(status);
    expect((await upload(collector, [event()])).status).toBe(200);
  });

  it('a body override is answered as given', async () => {
    const collector = await start();
    collector.script([
      {
        status: 400,
        body: { code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { time: [0] } },
      },
    ]);
    const response = await upload(collector, [event(), event()]);
    expect(response.json).toEqual({
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { time: [0] },
    });
  });

  it('drop destroys the connection without an answer, once', async () => {
    const collector = await start();
    collector.script([{ drop: true }]);
    await expect(upload(collector, [event()])).rejects.toThrow();
    expect(collector.requests()).toHaveLength(1);
    expect(collector.requests()[0].status).toBe(0);
    expect(collector.stats()).toMatchObject({ requests: 1, accepted: 0, rejected: 1 });
    expect((await upload(collector, [event()])).status).toBe(200);
  });

  it('delayMs holds the answer, then processes normally', async () => {
    const collector = await start();
    collector.script([{ delayMs: 150 }]);
    const started = Date.now();
    const response = await upload(collector, [event()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
    expect(collector.events()).toHaveLength(1);
  });

  it('faults are taken in order and apply to ingestion only (a preflight does not use one up)', async () => {
    const collector = await start();
    collector.script([{ status: 503 }, { status: 500, times: 2 }]);
    await fetch(collector.ingestUrl, { method: 'OPTIONS' });
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await upload(collector, [event()])).status);
    expect(statuses).toEqual([503, 500, 500, 200]);
  });

  it('script() refuses a malformed fault with a TypeError and queues nothing', async () => {
    const collector = await start();
    // @ts-expect-error a malformed fault, on purpose
    expect(() => collector.script([{ status: 500 }, { status: 'boom' }])).toThrow(TypeError);
    expect((await upload(collector, [event()])).status).toBe(200);
  });
});

describe('down / up', () => {
  it('while down every ingestion request (and preflight) fails at the network level; up serves again', async () => {
    const collector = await start();
    collector.setDown(true);
    await expect(upload(collector, [event()])).rejects.toThrow();
    await expect(fetch(collector.ingestUrl, { method: 'OPTIONS' })).rejects.toThrow();
    expect(collector.events()).toEqual([]);
    // The inspector and control API stay reachable.
    expect((await fetch(`${collector.url}/_control/stats`)).status).toBe(200);
    collector.setDown(false);
    expect((await upload(collector, [event()])).status).toBe(200);
  });
});

describe('CORS', () => {
  it('answers a preflight 204 with methods, the requested headers and a max age', async () => {
    const collector = await start();
    const response = await fetch(collector.ingestUrl, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.test',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,content-encoding,x-custom',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, GET, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,content-encoding,x-custom');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(collector.requests()).toEqual([]);
  });

  it.each([
    ['a 400', { events: [] }, 400],
    ['a scripted 503', 'script', 503],
  ])('error answers carry CORS headers too (%s)', async (_name, body, status) => {
    const collector = await start();
    if (body === 'script') collector.script([{ status: 503 }]);
    const response = body === 'script' ? await upload(collector, [event()]) : await post(collector.ingestUrl, body);
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('GET on an ingestion path is 405 with JSON', async () => {
    const collector = await start();
    const response = await fetch(collector.ingestUrl);
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ code: 405, error: 'Method not allowed' });
  });
});

describe('control API over HTTP', () => {
  const control = (collector: Collector, path: string, init: RequestInit = {}) =>
    fetch(`${collector.url}/_control/${path}`, init);

  it('script, stats, events, down, up, reset', async () => {
    const collector = await start();
    const scripted = await control(collector, 'script', {
      method: 'POST',
      body: JSON.stringify([{ status: 503, times: 2 }]),
    });
    expect(await scripted.json()).toEqual({ ok: true, queued: 1, pending: 2 });
    expect((await upload(collector, [event()])).status).toBe(503);
    expect((await upload(collector, [event()])).status).toBe(503);
    const a = event();
    expect((await upload(collector, [a])).status).toBe(200);

    expect(await (await control(collector, 'stats')).json()).toEqual({
      requests: 3,
      accepted: 1,
      duplicates: 0,
      rejected: 2,
    });
    expect(await (await control(collector, 'events')).json()).toEqual([a]);

    expect(await (await control(collector, 'down', { method: 'POST' })).json()).toEqual({ ok: true, down: true });
    await expect(upload(collector, [event()])).rejects.toThrow();
    expect(await (await control(collector, 'up', { method: 'POST' })).json()).toEqual({ ok: true, down: false });
    expect((await upload(collector, [event()])).status).toBe(200);

    expect((await control(collector, 'reset', { method: 'POST' })).status).toBe(200);
    expect(collector.stats()).toEqual({ requests: 0, accepted: 0, duplicates: 0, rejected: 0 });
  });

  it.each([
    ['invalid JSON', '[{', /Invalid JSON request body/],
    ['a malformed fault', '[{"status":"x"}]', /fault.status/],
  ])('script with %s is 400 and queues nothing', async (_name, body, message) => {
    const collector = await start();
    const response = await control(collector, 'script', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(message);
    expect((await upload(collector, [event()])).status).toBe(200);
  });

  it('refuses requests from another origin (a web page cannot reset or read the collector)', async () => {
    const collector = await start();
    const response = await control(collector, 'reset', { method: 'POST', headers: { Origin: 'http://evil.test' } });
    expect(response.status).toBe(403);
    const own = await control(collector, 'stats', { headers: { Origin: collector.url } });
    expect(own.status).toBe(200);
  });

  it('unknown control actions and paths are 404 with JSON', async () => {
    const collector = await start();
    expect((await control(collector, 'explode', { method: 'POST' })).status).toBe(404);
    expect((await control(collector, 'reset')).status).toBe(404);
    const other = await fetch(`${collector.url}/nothing-here`);
    expect(other.status).toBe(404);
    expect((await other.json()).code).toBe(404);
  });
});

describe('live inspector', () => {
  it('serves the page, its script and style from files (no inline script, strict CSP)', async () => {
    const collector = await start();
    const page = await fetch(`${collector.url}/`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(html).toContain('<script src="/inspector.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>/);
    expect(html).not.toMatch(/<style|style="/);
    const script = await fetch(`${collector.url}/inspector.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain("new EventSource('/_events/stream')");
    expect((await fetch(`${collector.url}/inspector.css`)).status).toBe(200);
    expect((await fetch(`${collector.url}/favicon.ico`)).status).toBe(204);
  });

  it('the stream sends the existing events on connect, then each accepted batch', async () => {
    const collector = await start();
    const early = event({ event_type: 'Before Connect' });
    await upload(collector, [early]);
    const controller = new AbortController();
    const response = await fetch(`${collector.url}/_events/stream`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: snapshot\ndata: .*\n\n/);
    const snapshot = JSON.parse(/event: snapshot\ndata: (.*)\n\n/.exec(text)![1]);
    expect(snapshot.events).toEqual([early]);
    expect(snapshot.stats).toMatchObject({ accepted: 1 });

    const late = event({ event_type: 'After Connect' });
    await upload(collector, [late]);
    await readUntil(/event: events\ndata: .*\n\n/);
    const batch = JSON.parse(/event: events\ndata: (.*)\n\n/.exec(text)![1]);
    expect(batch.events).toEqual([late]);
    expect(batch.stats).toMatchObject({ accepted: 2 });

    collector.script([{ status: 503 }]);
    await upload(collector, [event(), event()]);
    await readUntil(/event: stats\ndata: .*\n\n/);
    expect(JSON.parse(/event: stats\ndata: (.*)\n\n/.exec(text)![1]).stats).toMatchObject({ accepted: 2, rejected: 2 });

    collector.reset();
    await readUntil(/event: reset\n/);
    controller.abort();
  });
});

describe('waitForEvents', () => {
  it('resolves once enough events arrived, with the events', async () => {
    const collector = await start();
    const waiting = collector.waitForEvents(3, { timeoutMs: 5000 });
    await upload(collector, [event(), event()]);
    await upload(collector, [event({ event_type: 'third' })]);
    const events = await waiting;
    expect(events).toHaveLength(3);
    expect(events[2].event_type).toBe('third');
    await expect(collector.waitForEvents(2)).resolves.toHaveLength(3);
  });

  it('rejects on timeout with how many arrived and what the requests got', async () => {
    const collector = await start();
    collector.script([{ status: 500 }]);
    await upload(collector, [event()]);
    await upload(collector, [event()]);
    await expect(collector.waitForEvents(3, { timeoutMs: 50 })).rejects.toThrow(
      'waitForEvents: expected at least 3 events within 50 ms, but 1 arrived (2 ingestion requests answered 500×1, ' +
        '200×1; 0 duplicates, 1 rejected)',
    );
  });

  it('rejects pending waits when the collector closes', async () => {
    const collector = await start();
    const waiting = collector.waitForEvents(1, { timeoutMs: 5000 });
    await collector.close();
    await expect(waiting).rejects.toThrow(/collector closed/);
  });
});

describe('never crashes on bad input', () => {
  it('a client that hangs up mid-body, and malformed HTTP, leave the server serving', async () => {
    const collector = await start();
    const { port } = new URL(collector.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /2/httpapi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ' +
            '1000\r\n\r\n{"api_key":',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    const garbage = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      socket.on('close', () => resolve(answer));
    });
    expect(garbage).toMatch(/^HTTP\/1.1 400/);
    expect((await upload(collector, [event()])).status).toBe(200);
  });

  it('starting on a busy port rejects instead of crashing', async () => {
    const collector = await start();
    await expect(
      startCollector({ port: Number(new URL(collector.url).port), dataDir: freshDir(), quiet: true }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it('close() is idempotent', async () => {
    const collector = await start();
    await Promise.all([collector.close(), collector.close()]);
    await expect(collector.close()).resolves.toBeUndefined();
  });
});
