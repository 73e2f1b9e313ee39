// publint and Are the Types Wrong on every packed tarball: no message of any level, and types
// that resolve under node10, node16 (from CommonJS and from ESM) and bundler.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { describeResult, runCommand } from './support/command.js';
import { moduleSubpaths, packageNames, packedPackage } from './support/packed.js';

const attwManifest = createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json');
const attw = join(dirname(attwManifest), JSON.parse(readFileSync(attwManifest, 'utf8')).bin.attw);

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

  // The module entries (exports conditions objects) are checked; the script files and
  // integrity.json are files to serve or read, not modules to type.
  it('passes Are the Types Wrong under node10, node16 (CJS and ESM) and bundler', async () => {
    const { tarball, manifest } = packedPackage(name);
    const entrypoints = moduleSubpaths(manifest);
    expect(entrypoints).toContain('.');
    const result = await runCommand(
      process.execPath,
      [
        attw,
        tarball,
        '--format',
        'json',
        '--no-definitely-typed',
        '--profile',
        'strict',
        '--entrypoints',
        ...entrypoints,
      ],
      { cwd: process.cwd() },
    );
    const report = JSON.parse(result.stdout || '{}');
    expect(report.problems, describeResult(result)).toEqual({});
    expect(Object.keys(report.analysis.entrypoints)).toEqual(entrypoints);
    expect(result.code).toBe(0);
  });
});
