import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures';

const runNode = (code: string) => execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' }).trim();

describe('SSR / worker safety: the built packages import in plain Node', () => {
  it.each([
    ['@sightline/core (CJS)', "const m = require('./packages/core/dist/index.cjs'); console.log(typeof m.CoreClient)"],
    ['@sightline/browser (CJS)', "const m = require('./packages/browser/dist/index.cjs'); console.log(typeof m.track)"],
    ['@sightline/core (ESM)', "import('./packages/core/dist/index.mjs').then((m) => console.log(typeof m.CoreClient))"],
    ['@sightline/browser (ESM)', "import('./packages/browser/dist/index.mjs').then((m) => console.log(typeof m.track))"],
  ])('%s', (_name, code) => {
    expect(runNode(code)).toBe('function');
  });

  it('the browser client initialises and tracks in Node without throwing', () => {
    const output = runNode(`
      const s = require('./packages/browser/dist/index.cjs');
      s.init('node-key-12345', { logLevel: 0, serverUrl: 'http://127.0.0.1:9/none', flushIntervalMillis: 60000 }).promise
        .then((r) => { const t = s.track('from node'); console.log(r.code, typeof s.getDeviceId(), typeof t.promise.then); process.exit(0); });
    `);
    expect(output).toBe('200 string function');
  });
});
