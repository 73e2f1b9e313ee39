// publint and Are the Types Wrong on every packed tarball: no message of any level, and types
// that resolve under node10, node16 (from CommonJS and from ESM) and bundler.
import { readFileSync } from 'node:fs';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { moduleSubpaths, packageNames, packedPackage } from './support/packed.js';

describe.each(packageNames())('%s', (name) => {
  it('passes publint (strict, suggestions included)', async () => {
    const { tarball, manifest } = packedPackage(name);
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg ?? manifest) ?? message.code)).toEqual([]);
  });

  // Are the Types Wrong's own analysis (what its CLI runs), in this process for speed, with the
  // CLI's strict profile: every problem under every resolution counts. The module entries
  // (exports conditions objects) are checked; the script files and integrity.json are files to
  // serve or read, not modules to type.
  it('passes Are the Types Wrong under node10, node16 (CJS and ESM) and bundler', async () => {
    const { tarball, manifest } = packedPackage(name);
    const entrypoints = moduleSubpaths(manifest);
    expect(entrypoints).toContain('.');
    const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(tarball))), {
      entrypoints,
    });
    if (!analysis.types) throw new Error(`${name}: Are the Types Wrong found no types`);
    expect(analysis.problems).toEqual([]);
    expect(Object.keys(analysis.entrypoints)).toEqual(entrypoints);
    const resolutions = Object.values(analysis.entrypoints).flatMap((entry) => Object.keys(entry.resolutions));
    expect(new Set(resolutions)).toEqual(new Set(['node10', 'node16-cjs', 'node16-esm', 'bundler']));
  });
});
