import { describe, expect, it } from 'vitest';
import { compileBodyRule, parseBodyPath, parseJsonBody, pruneBody } from '../src/body-pruning.js';
import { MAX_BODY_DEPTH, MAX_CAPTURED_BODY_BYTES } from '../src/constants.js';

const body = { a: 'A', b: { c: 'C', d: { e: 'E', f: 'F' } }, g: 'G' };
const prune = (value: unknown, allowlist?: string[], excludelist?: string[]) =>
  pruneBody(value, compileBodyRule({ allowlist, excludelist }));

describe('documented body capture examples', () => {
  it.each([
    [['a'], { a: 'A' }],
    [['b/c'], { b: { c: 'C' } }],
    [['b/**'], { b: { c: 'C', d: { e: 'E', f: 'F' } } }],
    [['b/d/*'], { b: { d: { e: 'E', f: 'F' } } }],
    [['*'], { a: 'A', g: 'G' }],
    // The page's `a/b/*` row is inconsistent ("a" is a string); nothing is below "a".
    [['a/b/*'], undefined],
  ])('allowlist %j → %j', (allowlist, expected) => {
    expect(prune(body, allowlist)).toEqual(expected);
  });
});

describe('body capture rules', () => {
  it.each([
    ['leading slash is optional', ['/a'], undefined, { a: 'A' }],
    ['several paths merge', ['a', 'b/c', 'g'], undefined, { a: 'A', b: { c: 'C' }, g: 'G' }],
    ['** alone keeps everything', ['**'], undefined, body],
    ['** in the middle matches any depth', ['**/e'], undefined, { b: { d: { e: 'E' } } }],
    ['** matches zero levels', ['b/**/c'], undefined, { b: { c: 'C' } }],
    ['missing path captures nothing', ['x/y'], undefined, undefined],
    ['excludelist wins over allowlist', ['b/**'], ['b/d/e'], { b: { c: 'C', d: { f: 'F' } } }],
    ['excludelist removes what it names, branches included', ['**'], ['*'], undefined],
    ['excludelist with a nested wildcard', ['**'], ['b/d/*'], { a: 'A', b: { c: 'C', d: {} }, g: 'G' }],
    ['allowlist names only values: a branch name alone captures nothing', ['b'], undefined, undefined],
    ['excluding everything captures nothing', ['a'], ['**'], undefined],
    ['excluding the only field captures nothing', ['a'], ['a'], undefined],
    ['excluding a whole branch', ['**'], ['b'], { a: 'A', g: 'G' }],
  ])('%s', (_label, allowlist, excludelist, expected) => {
    expect(prune(body, allowlist, excludelist)).toEqual(expected);
  });

  it('the documented `blocklist` spelling works like excludelist', () => {
    expect(pruneBody(body, compileBodyRule({ allowlist: ['*'], blocklist: ['a'] }))).toEqual({ g: 'G' });
  });

  it('arrays keep their structure; * and indexes select elements', () => {
    const list = {
      items: [
        { id: 1, name: 'x' },
        { id: 2, name: 'y' },
      ],
      total: 2,
    };
    expect(prune(list, ['items/*/id'])).toEqual({ items: [{ id: 1 }, { id: 2 }] });
    expect(prune(list, ['items/1/name'])).toEqual({ items: [{ name: 'y' }] });
    expect(prune(list, ['items/**'], ['items/0'])).toEqual({ items: [{ id: 2, name: 'y' }] });
    expect(prune([{ a: 1 }, { a: 2 }], ['*/a'])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(prune(list, ['items/x'])).toBeUndefined();
  });

  it('JSON-pointer escapes ~1 and ~0 name keys with / and ~', () => {
    expect(prune({ 'a/b': 1, 'c~d': 2, a: { b: 3 } }, ['a~1b', 'c~0d'])).toEqual({ 'a/b': 1, 'c~d': 2 });
  });

  it('card numbers, SSNs and emails inside captured strings are masked', () => {
    expect(
      prune({ user: { email: 'jane@example.com', note: 'card 4111 1111 1111 1111', id: 7 } }, ['user/**']),
    ).toEqual({
      user: { email: '*****', note: 'card *****', id: 7 },
    });
  });

  it('never mutates the body it reads (XHR json responses belong to the page)', () => {
    const original = JSON.parse(JSON.stringify(body));
    const copy = JSON.parse(JSON.stringify(body));
    prune(copy, ['b/**'], ['b/d']);
    prune(copy, ['**'], ['a']);
    expect(copy).toEqual(original);
  });

  it('a scalar body is captured only by a root pattern', () => {
    expect(prune('text', ['**'])).toBe('text');
    expect(prune(5, ['a'])).toBeUndefined();
    expect(prune(null, ['**'])).toBeNull();
  });

  it.each([
    ['no rule', undefined],
    ['not an object', 'a'],
    ['no allowlist', { excludelist: ['a'] }],
    ['empty allowlist', { allowlist: [] }],
    ['allowlist of junk', { allowlist: ['', '/', 3, null] }],
    ['allowlist not an array', { allowlist: 'a' }],
  ])('captures nothing by default: %s', (_label, rule) => {
    expect(compileBodyRule(rule)).toBeUndefined();
    expect(pruneBody(body, compileBodyRule(rule))).toBeUndefined();
  });

  it('undefined body captures nothing', () => {
    expect(prune(undefined, ['**'])).toBeUndefined();
  });

  it('stays bounded on deep and wide bodies: no walk past the depth limit or the visit budget', () => {
    const nested = (levels: number) => {
      let value: Record<string, unknown> = { leaf: 'x' };
      for (let i = 0; i < levels; i++) value = { n: value };
      return value;
    };
    // Within the depth limit the leaf is found; 200 levels down it is never walked to.
    expect(JSON.stringify(prune(nested(MAX_BODY_DEPTH - 2), ['**/leaf']))).toContain('{"leaf":"x"}');
    expect(prune(nested(200), ['**/leaf'])).toBeUndefined();
    // A walk stops when its visit budget is spent: a prefix of the list is kept, not all 50,000 items.
    const wide = { list: Array.from({ length: 50_000 }, (_, i) => ({ i })) };
    const kept = (prune(wide, ['**/i']) as { list: unknown[] }).list;
    expect(kept[0]).toEqual({ i: 0 });
    expect(kept.length).toBeLessThan(wide.list.length / 2);
  });

  it('parseBodyPath', () => {
    expect(parseBodyPath('/a/**/**/b')).toEqual(['a', '**', 'b']);
    expect(parseBodyPath(' a ')).toEqual(['a']);
    expect(parseBodyPath('')).toBeUndefined();
    expect(parseBodyPath(1)).toBeUndefined();
  });
});

describe('JSON body parsing', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['[1,2]', [1, 2]],
    ['not json', undefined],
    ['', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseJsonBody(text)).toEqual(expected);
  });

  it('skips bodies over the size limit', () => {
    expect(parseJsonBody(`"${'x'.repeat(MAX_CAPTURED_BODY_BYTES)}"`)).toBeUndefined();
  });
});
