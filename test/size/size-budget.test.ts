import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// Plain JavaScript shared with the build's size report and the benchmark.
import { BUNDLE_BUDGETS, SIZE_BUDGETS } from '../../scripts/lib/size-budgets.mjs';
import { measure } from '../../scripts/lib/size-report.mjs';
import { BUNDLES, bundledGzipBytes } from '../bench/bundle-size.mjs';
import { ON_DEMAND_SCRIPTS } from '../../scripts/lib/on-demand-scripts.mjs';
import { ROOT } from '../e2e/support/fixtures.js';
import { OPT_IN_LABELS } from '../../packages/browser/src/opt-in-files.js';

// Size is deterministic, so it is checked here (timing never is: see test/bench).
describe('script bundle gzip budgets (issue 9)', () => {
  it.each(SIZE_BUDGETS)('$file stays within $budgetKb KB gzip', ({ file, budgetKb, goalKb }) => {
    const path = join(ROOT, file);
    expect(existsSync(path), `${file} is built by scripts/build.mjs`).toBe(true);
    const { gzip } = measure(path);
    console.log(`${file}: ${(gzip / 1024).toFixed(1)} KB gzip (budget ${budgetKb} KB, goal ${goalKb} KB)`);
    expect(gzip / 1024).toBeLessThanOrEqual(budgetKb);
  });

  it('every opt-in feature the full entry loads on demand is a file of the script-tag build, from its own package', () => {
    for (const feature of Object.keys(OPT_IN_LABELS))
      expect(ON_DEMAND_SCRIPTS.find((row) => row.feature === feature)).toMatchObject({ pkg: `plugin-${feature}` });
  });

  it('every on-demand file has a budget', () => {
    const budgeted = SIZE_BUDGETS.map(({ file }) => file);
    for (const { file } of ON_DEMAND_SCRIPTS) expect(budgeted).toContain(`packages/browser/dist/${file}`);
  });
});

describe('npm app bundle gzip budgets (rollup + terser on the built packages)', () => {
  it.each(BUNDLE_BUDGETS)(
    '$bundle stays within $budgetKb KB gzip',
    async ({ bundle, budgetKb, goalKb }) => {
      const source = BUNDLES[bundle as keyof typeof BUNDLES];
      expect(source, `${bundle} is one of test/bench/bundle-size.mjs's BUNDLES`).toBeDefined();
      const gzip = await bundledGzipBytes(source);
      console.log(`${bundle}: ${(gzip / 1024).toFixed(1)} KB gzip (budget ${budgetKb} KB, goal ${goalKb} KB)`);
      expect(gzip / 1024).toBeLessThanOrEqual(budgetKb);
    },
    60_000,
  );
});
