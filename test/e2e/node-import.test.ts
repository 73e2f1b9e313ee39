import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';

const runNode = (code: string) => execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' }).trim();

describe('SSR / worker safety: the built packages import in plain Node', () => {
  it.each([
    ['@sightline/core (CJS)', "const m = require('./packages/core/dist/index.cjs'); console.log(typeof m.CoreClient)"],
    ['@sightline/browser (CJS)', "const m = require('./packages/browser/dist/index.cjs'); console.log(typeof m.track)"],
    ['@sightline/core (ESM)', "import('./packages/core/dist/index.mjs').then((m) => console.log(typeof m.CoreClient))"],
    [
      '@sightline/browser (ESM)',
      "import('./packages/browser/dist/index.mjs').then((m) => console.log(typeof m.track))",
    ],
  ])('%s', (_name, code) => {
    expect(runNode(code)).toBe('function');
  });

  it('every package and the lean entry import in plain Node, CJS and ESM (no window at module level)', () => {
    const entries = readdirSync(join(ROOT, 'packages'))
      .flatMap((name) => ['index', 'lite'].map((entry) => `packages/${name}/dist/${entry}`))
      .filter((base) => existsSync(join(ROOT, `${base}.cjs`)) && existsSync(join(ROOT, `${base}.mjs`)));
    expect(entries.length).toBeGreaterThanOrEqual(12);
    const output = runNode(`
      const entries = ${JSON.stringify(entries)};
      const counts = entries.map((base) => Object.keys(require('./' + base + '.cjs')).length);
      Promise.all(entries.map((base) => import('./' + base + '.mjs'))).then((modules) =>
        console.log(counts.every((n) => n > 0) && modules.every((m) => Object.keys(m).length > 0) ? 'ok' : 'empty'));
    `);
    expect(output).toBe('ok');
  });

  it('the browser client initialises and tracks in Node without throwing (and the process ends by itself)', () => {
    const output = runNode(`
      const s = require('./packages/browser/dist/index.cjs');
      s.init('node-key-12345', { logLevel: 0, serverUrl: 'http://127.0.0.1:9/none', flushMaxRetries: 1 }).promise
        .then((r) => { const t = s.track('from node'); console.log(r.code, typeof s.getDeviceId(), typeof t.promise.then); });
    `);
    expect(output).toBe('200 string function');
  });
});
