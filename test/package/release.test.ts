// The release path: a package is packed only from a fresh build (prepack), and every package
// goes through `pnpm publish` (dry run).
import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { packProblems } from '../../scripts/check-packable.mjs';
import { describeResult, runCommand } from './support/command.js';
import { packedPackage } from './support/packed.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the packed @sightline/plugin-page-views (a built package with a script file) to break. */
const builtCopy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-prepack-'));
  folders.push(dir);
  cpSync(packedPackage('@sightline/plugin-page-views').root, dir, { recursive: true });
  return dir;
};

describe('prepack', () => {
  it('lets a built package through', () => {
    expect(packProblems(builtCopy())).toEqual([]);
  });

  it('refuses a package without its build', () => {
    const dir = builtCopy();
    rmSync(join(dir, 'dist'), { recursive: true });
    expect(packProblems(dir)).toEqual(expect.arrayContaining(['dist/index.mjs is missing']));
  });

  it('refuses a build older than a source', () => {
    const dir = builtCopy();
    // Edited after the build (a minute on: the copy's own file times are "now" to the millisecond).
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src/index.ts'), later, later);
    expect(packProblems(dir)).toEqual(expect.arrayContaining(['dist/index.mjs is older than src/']));
  });

  it('refuses an integrity.json that does not match a script file', () => {
    const dir = builtCopy();
    writeFileSync(join(dir, 'dist/integrity.json'), '{}\n');
    expect(packProblems(dir)).toEqual([
      'dist/integrity.json does not hold the hash of dist/sightline-plugin-page-views.min.js',
    ]);
  });
});

describe('publishing', () => {
  it('pnpm -r publish --dry-run succeeds for every package', async () => {
    const result = await runCommand(
      'pnpm',
      ['--recursive', '--filter', './packages/*', 'publish', '--dry-run', '--no-git-checks'],
      { cwd: ROOT, timeoutMs: 170_000 },
    );
    expect(result.code, describeResult(result)).toBe(0);
    const published = result.stdout.match(/^\+ @sightline\/\S+$/gm) ?? [];
    expect(published.length).toBeGreaterThanOrEqual(13);
  });
});
