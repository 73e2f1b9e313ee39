// A fresh app with the packed tarballs installed (see support/global-setup.ts): it type-checks
// under every moduleResolution, bundles with rollup and imports from Node ESM and CommonJS.
// A new case that runs a Node script in the app: put the script in consumer-app/node/ and run it
// with runCommand(process.execPath, [...], { cwd: consumerApp(), timeoutMs }) — a script that
// does not exit by itself comes back with timedOut: true.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { describe, expect, inject, it } from 'vitest';
import { describeResult, runCommand } from './support/command.js';
import { consumerApp } from './support/packed.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('a consumer app installing the tarballs', () => {
  it.each(['bundler', 'node16', 'nodenext'])(
    'type-checks with skipLibCheck: false under moduleResolution %s',
    async (resolution) => {
      const result = await runCommand(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], {
        cwd: consumerApp(),
      });
      expect(result.code, describeResult(result)).toBe(0);
    },
  );

  it('bundles with rollup, every @sightline module read from the installed packages', async () => {
    const appDir = consumerApp();
    const warnings: string[] = [];
    const build = await rollup({
      input: join(appDir, 'web/main.js'),
      plugins: [nodeResolve({ browser: true, rootDir: appDir })],
      onwarn: (warning) => warnings.push(warning.message),
    });
    const { output } = await build.generate({ format: 'es' });
    await build.close();
    const modules = Object.keys(output[0].modules);
    const installed = realpathSync(join(appDir, 'node_modules'));
    const sightline = modules.filter((id) => id.includes('@sightline'));
    expect(warnings).toEqual([]);
    const packages = new Set(sightline.map((id) => /@sightline[\\/]([a-z-]+)/.exec(id)?.[1]));
    expect([...packages].sort()).toEqual(['browser', 'core', 'dom', 'plugin-page-views', 'plugin-web-vitals']);
    expect(sightline.filter((id) => !realpathSync(id).startsWith(installed))).toEqual([]);
    // The lean entry with two plugins: the unused plugins' code is not in the bundle.
    expect(modules.some((id) => id.includes('plugin-web-vitals'))).toBe(true);
    expect(modules.some((id) => id.includes('plugin-network-requests'))).toBe(false);
  });

  it('imports every entry from Node ESM and requires it from CommonJS, with the same exports', async () => {
    const appDir = consumerApp();
    const specifiers = inject('packed').moduleSpecifiers;
    const esm = await runCommand(process.execPath, ['node/import-all.mjs', ...specifiers], {
      cwd: appDir,
      timeoutMs: 30_000,
    });
    expect(esm.code, describeResult(esm)).toBe(0);
    const cjs = await runCommand(process.execPath, ['node/require-all.cjs', ...specifiers], {
      cwd: appDir,
      timeoutMs: 30_000,
    });
    expect(cjs.code, describeResult(cjs)).toBe(0);
    const esmNames: Record<string, string[]> = JSON.parse(esm.stdout);
    expect(Object.keys(esmNames)).toEqual(specifiers);
    for (const specifier of specifiers) expect(esmNames[specifier].length, specifier).toBeGreaterThan(0);
    expect(JSON.parse(cjs.stdout)).toEqual(esmNames);
  });
});
