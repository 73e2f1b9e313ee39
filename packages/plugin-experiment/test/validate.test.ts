import { describe, expect, it } from 'vitest';
import { experimentKeyProblem, flagKeyProblem, variantProblem } from '@sightline/plugin-experiment';

describe('flag key rule (required)', () => {
  it.each([['my-experiment'], ['checkout_redesign'], ['Flag With Spaces'], ['x']])('accepts %j', (flagKey) => {
    expect(flagKeyProblem(flagKey)).toBeUndefined();
  });
  it.each([[undefined], [null], [''], ['   '], [42], [{}], [['a']], [true]])(
    'rejects %j with a clear message',
    (flagKey) => {
      expect(flagKeyProblem(flagKey)).toMatch(/flag key is required and must be a non-empty string/);
    },
  );
});

describe('variant rule (optional; lowercase kebab-case or snake_case)', () => {
  it.each([['treatment'], ['control'], ['on'], ['off'], ['variant-b'], ['variation_a'], ['v2'], ['a-b_c-1']])(
    'strict accepts %j',
    (variant) => expect(variantProblem(variant, true)).toBeUndefined(),
  );
  it.each([[undefined], [null]])('accepts %j (the user leaves the experiment)', (variant) => {
    expect(variantProblem(variant, true)).toBeUndefined();
    expect(variantProblem(variant, false)).toBeUndefined();
  });
  it.each([['Treatment'], ['variant b'], ['-lead'], ['trail_'], ['a--b'], ['a.b'], ['ümlaut'], ['CONTROL']])(
    'strict rejects %j and says what the format is',
    (variant) => expect(variantProblem(variant, true)).toMatch(/lowercase kebab-case or snake_case/),
  );
  it.each([['Treatment'], ['variant b'], ['a.b']])('lenient mode accepts %j', (variant) => {
    expect(variantProblem(variant, false)).toBeUndefined();
  });
  it.each([[''], [0], [1], [true], [{}], [['treatment']]])(
    'rejects the non-string or empty variant %j in both modes',
    (variant) => {
      expect(variantProblem(variant, true)).toMatch(/variant must be a non-empty string/);
      expect(variantProblem(variant, false)).toMatch(/variant must be a non-empty string/);
    },
  );
  it('keeps a huge bad variant out of the log message', () => {
    const problem = variantProblem('X'.repeat(10_000), true) as string;
    expect(problem.length).toBeLessThan(200);
  });
});

describe('experiment key rule (optional)', () => {
  it.each([[undefined], [null], ['run-2'], ['Run 2']])('accepts %j', (key) =>
    expect(experimentKeyProblem(key)).toBeUndefined(),
  );
  it.each([[''], ['  '], [3], [{}]])('rejects %j', (key) =>
    expect(experimentKeyProblem(key)).toMatch(/experiment key must be a non-empty string/),
  );
});
