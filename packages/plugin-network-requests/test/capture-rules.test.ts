import { describe, expect, it, vi } from 'vitest';
import { compileCaptureRules, decideCapture, findRule, type RequestTarget } from '../src/capture-rules.js';
import type { NetworkCaptureRule } from '../src/options.js';

const target = (url: string, method = 'GET'): RequestTarget => {
  const parsed = new URL(url);
  return { url, urlWithoutQuery: url.split(/[?#]/)[0], hostname: parsed.hostname, method };
};

const decide = (rules: unknown, url: string, status: number, method = 'GET') => {
  const report = vi.fn();
  const compiled = compileCaptureRules(rules, report);
  return { rule: decideCapture(compiled, target(url, method), status), compiled, report };
};

describe('default capture: status 0 and 500–599', () => {
  it.each([
    [undefined, 500, true],
    [undefined, 503, true],
    [undefined, 599, true],
    [undefined, 0, true],
    [undefined, 200, false],
    [undefined, 404, false],
    [undefined, 600, false],
    [[], 500, true],
    [[], 404, false],
    [[{}], 0, true],
    [[{}], 404, false],
  ])('captureRules %j, status %i → captured %s', (rules, status, expected) => {
    expect(!!decide(rules, 'https://api.example.com/x', status).rule).toBe(expected);
  });
});

describe('rule matching', () => {
  const cases: Array<[string, NetworkCaptureRule[], string, string, number, boolean]> = [
    ['statusCodeRange 400-599 captures a 404', [{ statusCodeRange: '400-599' }], 'https://a.com/x', 'GET', 404, true],
    [
      'statusCodeRange 400-599 leaves out network failures',
      [{ statusCodeRange: '400-599' }],
      'https://a.com/x',
      'GET',
      0,
      false,
    ],
    ['statusCodeRange 200 captures success', [{ statusCodeRange: '200' }], 'https://a.com/x', 'GET', 200, true],
    ['urls: exact string', [{ urls: ['https://a.com/api/status'] }], 'https://a.com/api/status', 'GET', 500, true],
    [
      'urls: exact string ignores query and fragment',
      [{ urls: ['https://a.com/api/status'] }],
      'https://a.com/api/status?x=1#y',
      'GET',
      500,
      true,
    ],
    ['urls: a different URL', [{ urls: ['https://a.com/api/status'] }], 'https://a.com/api/other', 'GET', 500, false],
    ['urls: RegExp', [{ urls: [/https:\/\/a\.com\/api\/.*/] }], 'https://a.com/api/v1/x', 'GET', 500, true],
    ['urls: RegExp not matching', [{ urls: [/https:\/\/b\.com\//] }], 'https://a.com/api/v1/x', 'GET', 500, false],
    ['urls: empty list matches nothing', [{ urls: [] }], 'https://a.com/x', 'GET', 500, false],
    ['hosts: wildcard', [{ hosts: ['*.a.com'] }], 'https://api.a.com/x', 'GET', 500, true],
    ['hosts: no match', [{ hosts: ['*.a.com'] }], 'https://a.com/x', 'GET', 500, false],
    ['methods: listed', [{ methods: ['post', 'PUT'] }], 'https://a.com/x', 'POST', 500, true],
    ['methods: not listed', [{ methods: ['POST'] }], 'https://a.com/x', 'GET', 500, false],
    ['methods: *', [{ methods: ['*'] }], 'https://a.com/x', 'DELETE', 500, true],
    [
      'urls and methods both must hold',
      [{ urls: [/a\.com/], methods: ['POST'] }],
      'https://a.com/x',
      'GET',
      500,
      false,
    ],
    [
      'the last applicable rule decides (specific rules at the bottom)',
      [{ statusCodeRange: '500-599' }, { hosts: ['api.a.com'], statusCodeRange: '400-499' }],
      'https://api.a.com/x',
      'GET',
      503,
      false,
    ],
    [
      'an earlier rule still decides for other hosts',
      [{ statusCodeRange: '500-599' }, { hosts: ['api.a.com'], statusCodeRange: '400-499' }],
      'https://b.com/x',
      'GET',
      503,
      true,
    ],
    ['no applicable rule → not captured', [{ hosts: ['b.com'] }], 'https://a.com/x', 'GET', 500, false],
  ];
  it.each(cases)('%s', (_label, rules, url, method, status, expected) => {
    expect(!!decide(rules, url, status, method).rule).toBe(expected);
  });

  it('a global RegExp keeps no state between requests', () => {
    const { compiled } = decide([{ urls: [/a\.com/g] }], 'https://a.com/', 500);
    for (let i = 0; i < 3; i++) expect(decideCapture(compiled, target('https://a.com/x'), 500)).toBeDefined();
  });

  it('findRule ignores status', () => {
    const compiled = compileCaptureRules([{ urls: [/a\.com/], requestBody: { allowlist: ['a'] } }], vi.fn());
    expect(findRule(compiled, target('https://a.com/x'))?.requestBody).toBeDefined();
    expect(findRule(compiled, target('https://b.com/x'))).toBeUndefined();
  });
});

describe('bad options are reported, never thrown', () => {
  it.each([
    ['captureRules not an array', 'oops', 500, true],
    ['a rule that is not an object', [null, { statusCodeRange: '400-499' }], 404, true],
    ['statusCodeRange with no valid code falls back to the default', [{ statusCodeRange: 'abc' }], 500, true],
    ['statusCodeRange partly valid keeps the valid part', [{ statusCodeRange: '404,xyz' }], 404, true],
    ['urls not an array: every URL', [{ urls: 'https://a.com' }], 500, true],
    ['urls entries of the wrong type are skipped', [{ urls: [42, /a\.com/] }], 500, true],
    ['methods not an array: every method', [{ methods: 'POST' }], 500, true],
    ['hosts entries of the wrong type are skipped', [{ hosts: [3, 'a.com'] }], 500, true],
  ])('%s', (_label, rules, status, expected) => {
    const { rule, report } = decide(rules, 'https://a.com/x', status);
    expect(!!rule).toBe(expected);
    expect(report).toHaveBeenCalled();
  });

  it('values that cannot be printed (no toString, a throwing one) are reported, not thrown (public API fuzz)', () => {
    const unprintable = Object.create(null);
    const throwing = {
      toString: () => {
        throw new Error('no');
      },
    };
    const rules = [unprintable, { urls: [unprintable], hosts: [throwing], statusCodeRange: unprintable }];
    const report = vi.fn();
    expect(() => compileCaptureRules(rules, report)).not.toThrow();
    expect(report).toHaveBeenCalledTimes(4); // statusCodeRange twice (invalid, so the default), urls, hosts
  });

  it('valid options report nothing', () => {
    expect(
      decide([{ urls: [/x/], hosts: ['a.com'], methods: ['GET'], statusCodeRange: '0,500-599' }], 'https://a.com/x', 0)
        .report,
    ).not.toHaveBeenCalled();
  });
});
