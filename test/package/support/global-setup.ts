// Packs every package once (`pnpm pack`, which runs each prepack check), unpacks the tarballs, and
// installs them into a copy of test/package/consumer-app — shared by every file of the suite. A
// failure is handed to the tests (each then fails with it) instead of aborting the whole run.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { describeResult, runCommand } from './command.js';
import { moduleSubpaths, packageNames, type Manifest, type PackedContext, type PackedPackage } from './packed.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const APP_TEMPLATE = join(ROOT, 'test/package/consumer-app');

const mustRun = async (command: string, args: string[], cwd: string) => {
  const result = await runCommand(command, args, { cwd, timeoutMs: 240_000 });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')}: ${describeResult(result)}`);
};

const packAll = async (dir: string): Promise<PackedPackage[]> => {
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const filters = packageNames().flatMap((name) => ['--filter', name]);
  await mustRun('pnpm', ['--recursive', ...filters, 'pack', '--pack-destination', tarballs], ROOT);
  const packed: PackedPackage[] = [];
  for (const file of readdirSync(tarballs).filter((name) => name.endsWith('.tgz'))) {
    const unpacked = join(dir, 'unpacked', file.replace(/\.tgz$/, ''));
    mkdirSync(unpacked, { recursive: true });
    await mustRun('tar', ['-xzf', join(tarballs, file), '-C', unpacked], dir);
    const root = join(unpacked, 'package');
    const manifest: Manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    packed.push({ name: manifest.name, tarball: join(tarballs, file), root, manifest });
  }
  return packed.sort((a, b) => a.name.localeCompare(b.name));
};

/** Every module entry's import specifier; the collector (Node-only) last. */
const specifiersOf = (packages: PackedPackage[]) =>
  packages
    .flatMap(({ name, manifest }) =>
      moduleSubpaths(manifest).map((subpath) => (subpath === '.' ? name : `${name}/${subpath.slice(2)}`)),
    )
    .sort((a, b) => Number(a.includes('/collector')) - Number(b.includes('/collector')) || a.localeCompare(b));

/** One import of every browser-side entry, ESM and CommonJS flavour, for the type checks. */
const writeEntryImports = (appDir: string, specifiers: string[]) => {
  const browserSide = specifiers.filter((specifier) => !specifier.startsWith('@sightline/collector'));
  const header =
    '// Written by test/package/support/global-setup.ts: every module entry, so each must resolve with types.\n';
  writeFileSync(
    join(appDir, 'src/entries.ts'),
    header +
      browserSide.map((specifier, index) => `import * as entry${index} from '${specifier}';`).join('\n') +
      `\nexport const entries = [${browserSide.map((_, index) => `entry${index}`).join(', ')}];\n`,
  );
  writeFileSync(
    join(appDir, 'src/entries.cts'),
    header +
      browserSide.map((specifier, index) => `import entry${index} = require('${specifier}');`).join('\n') +
      `\nexport const entries = [${browserSide.map((_, index) => `entry${index}`).join(', ')}];\n`,
  );
};

/** The template app with every tarball as a dependency (and as the override of every range asking for it). */
const installConsumerApp = async (appDir: string, packages: PackedPackage[], specifiers: string[]) => {
  cpSync(APP_TEMPLATE, appDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
  manifest.dependencies = Object.fromEntries(packages.map(({ name, tarball }) => [name, `file:${tarball}`]));
  // A package's own dependency on another (`@sightline/core: 0.1.0`) gets the tarball too, not the registry.
  manifest.overrides = Object.fromEntries(packages.map(({ name }) => [name, `$${name}`]));
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeEntryImports(appDir, specifiers);
  await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], appDir);
};

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-package-'));
  const context: PackedContext = { packages: [], appDir: join(dir, 'app'), moduleSpecifiers: [] };
  try {
    context.packages = await packAll(dir);
    context.moduleSpecifiers = specifiersOf(context.packages);
  } catch (error) {
    context.packError = String(error instanceof Error ? error.message : error);
  }
  if (!context.packError) {
    try {
      await installConsumerApp(context.appDir, context.packages, context.moduleSpecifiers);
    } catch (error) {
      context.appError = String(error instanceof Error ? error.message : error);
    }
  }
  project.provide('packed', context);
  return () => rmSync(dir, { recursive: true, force: true });
}
