import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// Plain JavaScript shared with the build's size report.
import { SIZE_BUDGETS } from '../../scripts/lib/size-budgets.mjs';
import { measure } from '../../scripts/lib/size-report.mjs';
import { ROOT } from '../e2e/support/fixtures.js';

// Size is deterministic, so it is checked here (timing never is: see test/bench).
describe('script bundle gzip budgets (issue 9)', () => {
  it.each(SIZE_BUDGETS)('$file stays within $budgetKb KB gzip', ({ file, budgetKb, goalKb }) => {
    const path = join(ROOT, file);
    expect(existsSync(path), `${file} is built by scripts/build.mjs`).toBe(true);
    const { gzip } = measure(path);
    console.log(`${file}: ${(gzip / 1024).toFixed(1)} KB gzip (budget ${budgetKb} KB, goal ${goalKb} KB)`);
    expect(gzip / 1024).toBeLessThanOrEqual(budgetKb);
  });
});
