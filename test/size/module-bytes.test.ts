import { describe, expect, it } from 'vitest';
// Plain JavaScript used by the benchmarks' "where the bytes go" table (issue 9).
import { bytesBySource, stringLiterals } from '../bench/module-bytes.mjs';

const map = (mappings: string, sources: string[]) => ({ mappings, sources });

describe('bytesBySource: minified bytes attributed through a source map', () => {
  it.each([
    {
      name: 'two segments on one line, each to its source',
      code: 'abcdef',
      // col 0 → source 0; col +3 → source +1
      map: map('AAAA,GCAA', ['../../../src/a.ts', '../../../../core/src/b.ts']),
      expected: { 'browser/src/a.ts': 3, 'core/src/b.ts': 3 },
    },
    {
      name: 'a negative source delta returns to an earlier source; a new line resets the column',
      code: 'abcd\nefgh',
      // line 1: col 0 → source 0, col +2 → source +1; line 2: col 0 → source −1
      map: map('AAAA,ECAA;ADAA', ['../src/a.ts', '../src/b.ts']),
      expected: { 'browser/src/a.ts': 6, 'browser/src/b.ts': 2 },
    },
    {
      name: 'a dependency is named by its package; a segment without a source is unmapped',
      code: 'abcdefgh',
      // col 0 → source 0; col +4, no source
      map: map('AAAA,I', ['../../node_modules/.pnpm/idb-keyval@6.3.0/node_modules/idb-keyval/dist/index.js']),
      expected: { 'idb-keyval': 4, '(unmapped)': 4 },
    },
  ])('$name', ({ code, map, expected }) => {
    expect(Object.fromEntries(bytesBySource(code, map, 'browser'))).toEqual(expected);
  });
});

describe('stringLiterals: bytes of every string literal, quotes excluded', () => {
  it.each([
    { code: 'var a="hello";', bytes: 5 },
    { code: "var a='';", bytes: 0 },
    { code: 'var a=`ab${1}cd`;', bytes: 4 },
    { code: 'var a=`x${1}`;', bytes: 1 },
    { code: 'var a=1;', bytes: 0 },
    { code: 'f("x",{k:"yz"});', bytes: 3 },
  ])('$code → $bytes', ({ code, bytes }) => {
    expect(stringLiterals(code).bytes).toBe(bytes);
  });

  it('blanking long repeated messages saves gzip bytes', () => {
    const code = Array.from({ length: 40 }, (_, i) => `log("message number ${i} explains what went wrong");`).join('');
    expect(stringLiterals(code).gzipSaved).toBeGreaterThan(0);
  });
});
