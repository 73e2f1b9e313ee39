// @vitest-environment node
// Table tests for the collector's pure policy: the HTTP V2 request contract, scripted
// faults, paths, body decoding, the persisted insert_id set and the command line.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.mjs';
import { isAllowedControlOrigin } from '../src/control-handler.mjs';
import { describeStatuses } from '../src/collector-state.mjs';
import { eventsFileName } from '../src/event-log.mjs';
import { sseFrame } from '../src/event-stream.mjs';
import { createFaultScript, faultAnswer, normaliseFault, throttleBody } from '../src/fault-script.mjs';
import { isIngestPath, pathOf, preflightHeaders } from '../src/http-answers.mjs';
import { parseInsertIdLines } from '../src/insert-id-registry.mjs';
import { decodeBody, encodingOf } from '../src/read-body.mjs';
import { minIdLengthOf, parseJson, validateUpload } from '../src/validate-upload.mjs';

const ok = (extra: object = {}) => ({ event_type: 'Clicked', device_id: 'device-1', ...extra });
const upload = (events: unknown, extra: object = {}) => ({ api_key: 'key-123', events, ...extra });

describe('validateUpload: request fields', () => {
  it.each([
    ['a JSON array', [], 'invalid'],
    ['null', null, 'invalid'],
    ['a string', 'text', 'invalid'],
    ['no api_key', { events: [ok()] }, 'api_key'],
    ['an empty api_key', { api_key: ' ', events: [ok()] }, 'api_key'],
    ['a numeric api_key', { api_key: 42, events: [ok()] }, 'api_key'],
    ['no events', { api_key: 'k' }, 'events'],
    ['events not an array', { api_key: 'k', events: { 0: ok() } }, 'events'],
    ['an empty events array', { api_key: 'k', events: [] }, 'events'],
  ])('%s → 400 with the documented body', (_name, payload, expected) => {
    const verdict = validateUpload(payload);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.status).toBe(400);
    expect(verdict.body).toEqual(
      expected === 'invalid'
        ? { code: 400, error: 'Invalid JSON request body' }
        : { code: 400, error: 'Request missing required field', missing_field: expected },
    );
  });

  it('accepts a valid upload and returns its events untouched', () => {
    const events = [
      ok(),
      ok({ user_id: 'user-1', device_id: undefined }),
      ok({ time: 1_700_000_000_000, insert_id: 'abc' }),
    ];
    expect(validateUpload(upload(events))).toEqual({ ok: true, events });
  });

  it('413 above maxEventsPerRequest, accepted at exactly the limit', () => {
    expect(validateUpload(upload([ok(), ok(), ok()]), { maxEventsPerRequest: 2 })).toEqual({
      ok: false,
      status: 413,
      body: { code: 413, error: 'Payload too large' },
    });
    expect(validateUpload(upload([ok(), ok()]), { maxEventsPerRequest: 2 }).ok).toBe(true);
  });
});

describe('validateUpload: per-event fields', () => {
  const fieldsOf = (events: unknown[], extra: object = {}) => {
    const verdict = validateUpload(upload(events, extra));
    if (verdict.ok) throw new Error('expected a 400');
    return verdict.body;
  };

  it.each([
    ['missing event_type', ok({ event_type: undefined }), 'events_with_missing_fields', { event_type: [1] }],
    ['empty event_type', ok({ event_type: '' }), 'events_with_missing_fields', { event_type: [1] }],
    ['numeric event_type', ok({ event_type: 7 }), 'events_with_invalid_fields', { event_type: [1] }],
    ['neither user_id nor device_id', { event_type: 'x' }, 'events_with_missing_fields', { device_id: [1] }],
    ['null ids', { event_type: 'x', user_id: null, device_id: null }, 'events_with_missing_fields', { device_id: [1] }],
    ['short device_id', ok({ device_id: 'abcd' }), 'events_with_invalid_id_lengths', { device_id: [1] }],
    ['short user_id', ok({ user_id: 'ab' }), 'events_with_invalid_id_lengths', { user_id: [1] }],
    ['numeric user_id', ok({ user_id: 12345 }), 'events_with_invalid_fields', { user_id: [1] }],
    ['fractional time', ok({ time: 1.5 }), 'events_with_invalid_fields', { time: [1] }],
    ['string time', ok({ time: '2026-01-01' }), 'events_with_invalid_fields', { time: [1] }],
    ['numeric insert_id', ok({ insert_id: 5 }), 'events_with_invalid_fields', { insert_id: [1] }],
    ['an event that is not an object', 'Clicked', 'events_with_invalid_fields', { event: [1] }],
  ])('%s → named in %s, nothing else', (_name, bad, field, expected) => {
    const body = fieldsOf([ok(), bad, ok()]);
    expect(body.code).toBe(400);
    expect(body[field]).toEqual(expected);
    const others = [
      'events_with_missing_fields',
      'events_with_invalid_fields',
      'events_with_invalid_id_lengths',
    ].filter((name) => name !== field);
    for (const other of others) expect(body[other]).toEqual({});
  });

  it('names every bad event by index, across all three maps, with the most important error message', () => {
    const body = fieldsOf([
      ok({ device_id: 'ab' }),
      ok(),
      ok({ event_type: undefined }),
      ok({ device_id: 'xy', user_id: 'u' }),
      ok({ time: -1 }),
    ]);
    expect(body).toEqual({
      code: 400,
      error: 'Request missing required field',
      events_with_invalid_fields: { time: [4] },
      events_with_missing_fields: { event_type: [2] },
      events_with_invalid_id_lengths: { device_id: [0, 3], user_id: [3] },
    });
  });

  it.each([
    ['only short ids', [ok({ device_id: 'ab' })], 'Invalid id length for user_id or device_id'],
    ['only invalid fields', [ok({ time: 'x' })], 'Invalid field values on some events'],
  ])('error message for %s', (_name, events, message) => {
    expect(fieldsOf(events).error).toBe(message);
  });

  it('options.min_id_length lowers or raises the id length rule', () => {
    expect(validateUpload(upload([ok({ device_id: 'ab' })], { options: { min_id_length: 2 } })).ok).toBe(true);
    expect(
      fieldsOf([ok({ device_id: 'abcdef' })], { options: { min_id_length: 10 } }).events_with_invalid_id_lengths,
    ).toEqual({ device_id: [0] });
  });

  it.each([
    [undefined, 5],
    [{}, 5],
    [{ min_id_length: 0 }, 0],
    [{ min_id_length: 3 }, 3],
    [{ min_id_length: -1 }, 5],
    [{ min_id_length: '3' }, 5],
    [{ min_id_length: 2.5 }, 5],
    ['nonsense', 5],
  ])('minIdLengthOf(%j) = %d', (options, expected) => {
    expect(minIdLengthOf(options)).toBe(expected);
  });
});

describe('parseJson', () => {
  it.each([
    ['{"a":1}', { ok: true, value: { a: 1 } }],
    ['[]', { ok: true, value: [] }],
    ['', { ok: false }],
    ['{"a":', { ok: false }],
    ['api_key=k', { ok: false }],
  ])('%j', (text, expected) => {
    expect(parseJson(text)).toEqual(expected);
  });
});

describe('scripted faults', () => {
  it.each([
    [{ status: 500 }, { status: 500, times: 1 }],
    [
      { status: 429, times: 3, retryAfterSeconds: 2 },
      { status: 429, times: 3, retryAfterSeconds: 2 },
    ],
    [{ drop: true }, { drop: true, times: 1 }],
    [{ delayMs: 50 }, { delayMs: 50, times: 1 }],
  ])('normaliseFault(%j)', (fault, expected) => {
    expect(normaliseFault(fault)).toEqual(expected);
  });

  it.each([
    ['not an object', 500, /must be an object/],
    ['an array', [], /must be an object/],
    ['a status out of range', { status: 99 }, /status/],
    ['a status as text', { status: '500' }, /status/],
    ['zero times', { status: 500, times: 0 }, /times/],
    ['fractional times', { status: 500, times: 1.5 }, /times/],
    ['negative Retry-After', { status: 429, retryAfterSeconds: -1 }, /retryAfterSeconds/],
    ['negative delay', { delayMs: -5 }, /delayMs/],
    ['drop as text', { drop: 'yes' }, /drop/],
    ['a body that is not an object', { status: 400, body: 'bad' }, /body/],
    ['throttled as a list', { status: 429, throttled: ['u'] }, /throttled/],
    ['nothing to do', { times: 2 }, /needs a status, drop or delayMs/],
  ])('rejects %s', (_name, fault, message) => {
    expect(() => normaliseFault(fault)).toThrow(message);
  });

  it('a queue hands out each fault `times` times, in order, then nothing', () => {
    const script = createFaultScript();
    expect(script.push([{ status: 500, times: 2 }, { status: 429 }])).toBe(2);
    expect(script.pending()).toBe(3);
    expect([script.next()?.status, script.next()?.status, script.next()?.status, script.next()]).toEqual([
      500,
      500,
      429,
      undefined,
    ]);
    expect(script.pending()).toBe(0);
  });

  it('a single fault object is accepted; a bad list queues nothing; clear empties', () => {
    const script = createFaultScript();
    script.push({ status: 503 });
    expect(() => script.push([{ status: 500 }, { status: 'x' }])).toThrow(TypeError);
    expect(script.pending()).toBe(1);
    script.clear();
    expect(script.next()).toBeUndefined();
  });

  it('pushing does not let later mutation of the caller’s object change the queue', () => {
    const script = createFaultScript();
    const fault = { status: 500, times: 2 };
    script.push([fault]);
    script.next();
    expect(fault.times).toBe(2);
    expect(script.pending()).toBe(1);
  });

  const events = [
    { event_type: 'a', user_id: 'user-1', device_id: 'dev-1' },
    { event_type: 'b', device_id: 'dev-2' },
    { event_type: 'c', user_id: 'user-1', device_id: 'dev-2' },
    'not an event',
  ];

  it('429 without `throttled` throttles everyone in the request (documented body shape)', () => {
    expect(throttleBody({ events, epsThreshold: 30 })).toEqual({
      code: 429,
      error: 'Too many requests for some devices and users',
      eps_threshold: 30,
      throttled_devices: { 'dev-1': 1, 'dev-2': 2 },
      throttled_users: { 'user-1': 2 },
      throttled_events: [0, 1, 2, 3],
      exceeded_daily_quota_users: {},
      exceeded_daily_quota_devices: {},
    });
  });

  it.each([
    [{ users: ['user-1'] }, [0, 2], { 'user-1': 31 }, {}],
    [{ devices: { 'dev-2': 99 } }, [1, 2], {}, { 'dev-2': 99 }],
    [{ users: ['nobody'] }, [], { nobody: 31 }, {}],
  ])('429 throttled %j names only those events', (throttled, indices, users, devices) => {
    const body = throttleBody({ throttled, events, epsThreshold: 30 });
    expect(body.throttled_events).toEqual(indices);
    expect(body.throttled_users).toEqual(users);
    expect(body.throttled_devices).toEqual(devices);
  });

  it.each([
    [{ status: 500 }, 500, { code: 500, error: 'Internal Server Error' }, {}],
    [{ status: 503 }, 503, { code: 503, error: 'Service Unavailable' }, {}],
    [{ status: 408 }, 408, { code: 408, error: 'Request Timeout' }, {}],
    [{ status: 413 }, 413, { code: 413, error: 'Payload too large' }, {}],
    [{ status: 400 }, 400, { code: 400, error: 'Scripted fault: bad request' }, {}],
    [{ status: 503, retryAfterSeconds: 1.2 }, 503, { code: 503, error: 'Service Unavailable' }, { 'Retry-After': '2' }],
    [{ status: 400, body: { code: 400, missing_field: 'api_key' } }, 400, { code: 400, missing_field: 'api_key' }, {}],
  ])('faultAnswer(%j)', (fault, status, body, headers) => {
    expect(faultAnswer({ fault, events: [], epsThreshold: 30 })).toEqual({ status, body, headers });
  });
});

describe('paths, CORS and encodings', () => {
  it.each([
    ['/2/httpapi', true],
    ['/2/httpapi/', true],
    ['/batch', true],
    ['/proxy/amplitude/2/httpapi', true],
    ['/eu/batch', true],
    ['/', false],
    ['/2/http', false],
    ['/batches', false],
    ['/_control/stats', false],
  ])('isIngestPath(%s) = %s', (path, expected) => {
    expect(isIngestPath(path)).toBe(expected);
  });

  it.each([
    [undefined, '/'],
    ['/2/httpapi?x=1', '/2/httpapi'],
    ['/a#b', '/a'],
    ['?only=query', '/'],
  ])('pathOf(%j) = %s', (url, expected) => {
    expect(pathOf(url)).toBe(expected);
  });

  it('preflight echoes the requested headers, or names the usual ones', () => {
    expect(preflightHeaders('content-type,x-custom')).toMatchObject({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
      'Access-Control-Allow-Headers': 'content-type,x-custom',
      'Access-Control-Max-Age': '600',
    });
    expect(preflightHeaders(undefined)['Access-Control-Allow-Headers']).toBe('Content-Type, Content-Encoding');
  });

  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['gzip', 'gzip'],
    [' GZIP ', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', undefined],
    ['deflate', undefined],
  ])('encodingOf(%j) = %s', (header, expected) => {
    expect(encodingOf(header)).toBe(expected);
  });

  const json = Buffer.from('{"a":1}');
  it.each([
    ['plain, under the limit', { raw: json, overflow: false, maxBodyBytes: 100 }, 'ok'],
    ['plain, over the limit', { raw: json, overflow: false, maxBodyBytes: 3 }, 413],
    ['plain, overflowed while reading', { raw: json, overflow: true, maxBodyBytes: 100 }, 413],
    [
      'gzip, under the limit',
      { raw: gzipSync(json), overflow: false, contentEncoding: 'gzip', maxBodyBytes: 100 },
      'ok',
    ],
    [
      'gzip that inflates past the limit',
      { raw: gzipSync(Buffer.alloc(50_000)), overflow: false, contentEncoding: 'gzip', maxBodyBytes: 1000 },
      413,
    ],
    ['gzip header but plain bytes', { raw: json, overflow: false, contentEncoding: 'gzip', maxBodyBytes: 100 }, 400],
    ['an unknown encoding', { raw: json, overflow: false, contentEncoding: 'br', maxBodyBytes: 100 }, 400],
  ])('decodeBody: %s', async (_name, input, expected) => {
    const result = await decodeBody(input);
    if (expected === 'ok') {
      expect(result.ok && result.body.toString()).toBe('{"a":1}');
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.status).toBe(expected);
    }
  });
});

describe('persistence formats', () => {
  const day = 24 * 60 * 60 * 1000;
  const now = 1_800_000_000_000;

  it('insert_id lines: keeps the window, skips damaged and expired lines', () => {
    const text = [
      JSON.stringify([now - 1000, 'fresh']),
      JSON.stringify([now - 8 * day, 'expired']),
      '{"torn": ',
      JSON.stringify(['not a time', 'x']),
      JSON.stringify([now - 2 * day, 42]),
      '',
      JSON.stringify([now - 6 * day, 'six-days']),
    ].join('\n');
    const seen = parseInsertIdLines({ text, now, windowMs: 7 * day });
    expect([...seen.keys()]).toEqual(['fresh', 'six-days']);
    expect(seen.get('fresh')).toBe(now - 1000);
  });

  it('one NDJSON file per UTC day', () => {
    expect(eventsFileName(Date.UTC(2026, 10, 29, 23, 59))).toBe('events-2026-11-29.ndjson');
    expect(eventsFileName(Date.UTC(2026, 11, 1, 0, 0))).toBe('events-2026-12-01.ndjson');
  });

  it('SSE frames carry one JSON data line', () => {
    expect(sseFrame('events', { events: [{ a: 'line\nbreak' }] })).toBe(
      'event: events\ndata: {"events":[{"a":"line\\nbreak"}]}\n\n',
    );
  });

  it.each([
    [[], 'none'],
    [[{ status: 500 }, { status: 500 }, { status: 200 }, { status: 0 }], '500×2, 200×1, no answer×1'],
  ])('describeStatuses', (requests, expected) => {
    expect(describeStatuses(requests as never)).toBe(expected);
  });
});

describe('control API origin check', () => {
  it.each([
    [undefined, '127.0.0.1:8787', true],
    ['http://127.0.0.1:8787', '127.0.0.1:8787', true],
    ['http://localhost:8787', 'localhost:8787', true],
    ['http://evil.example', '127.0.0.1:8787', false],
    ['http://127.0.0.1:9999', '127.0.0.1:8787', false],
    ['null', '127.0.0.1:8787', false],
    ['http://127.0.0.1:8787', undefined, false],
  ])('origin %j on host %j → %s', (origin, host, expected) => {
    expect(isAllowedControlOrigin({ origin, host })).toBe(expected);
  });
});

describe('command line', () => {
  it.each([
    [[], { port: 8787, host: '127.0.0.1', dataDir: '.collector-data', quiet: false }],
    [['--port', '0'], { port: 0 }],
    [['--port=9000', '--host', '0.0.0.0'], { port: 9000, host: '0.0.0.0' }],
    [['--data-dir', '/tmp/x', '--quiet'], { dataDir: '/tmp/x', quiet: true }],
    [['-h', '--port=9001'], { port: 9001 }],
  ])('%j', (argv, expected) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok && parsed.options).toMatchObject(expected);
  });

  it.each([
    [['--port', 'abc'], /--port needs a number/],
    [['--port', '70000'], /--port/],
    [['--port'], /--port/],
    [['--host'], /--host needs a value/],
    [['--data-dir='], /--data-dir needs a value/],
    [['--verbose'], /unknown argument "--verbose"/],
    [['-x'], /unknown argument "-x"/],
    [['8787'], /unknown argument "8787"/],
    [['--port', '--quiet'], /--port needs a value/],
    [['--quiet=yes'], /--quiet takes no value/],
  ])('%j is refused with a clear message', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('--help asks for the usage', () => {
    expect(parseCliArgs(['--help'])).toMatchObject({ ok: true, help: true });
  });
});
