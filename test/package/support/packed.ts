// What the package suite's global setup made: every package packed once, each tarball unpacked,
// and one consumer app with the tarballs (not the workspace) installed. Every test file reads it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export interface PackedPackage {
  /** `@sightline/core` */
  name: string;
  /** The tarball `pnpm pack` wrote. */
  tarball: string;
  /** The tarball's `package/` folder, unpacked. */
  root: string;
  /** Its package.json as packed (workspace:* ranges replaced). */
  manifest: Manifest;
}

export interface Manifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  files?: string[];
  [field: string]: unknown;
}

export interface PackedContext {
  /** Why packing failed; every test of the suite then fails with it. */
  packError?: string;
  packages: PackedPackage[];
  /** The consumer app (test/package/consumer-app with the tarballs installed). */
  appDir: string;
  /** Why installing the tarballs into the app failed. */
  appError?: string;
  /** The import specifiers of every module entry (`@sightline/browser/lite`, …), the collector's last. */
  moduleSpecifiers: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: PackedContext;
  }
}

/** Subpaths of a manifest's exports that are modules (a conditions object), not files such as a script. */
export const moduleSubpaths = (manifest: Manifest): string[] =>
  Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'object' && target !== null)
    .map(([subpath]) => subpath);

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The name of every published package in packages/ (not the private test-utils), the rows of each
 * per-package test (read before packing).
 */
export const packageNames = (): string[] =>
  readdirSync(join(ROOT, 'packages'))
    .filter((dir) => existsSync(join(ROOT, 'packages', dir, 'package.json')))
    .map((dir): Manifest => JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as Manifest)
    .filter((manifest) => !manifest.private)
    .map((manifest) => manifest.name)
    .sort();

/** One packed package; throws (failing the calling test) when packing failed. */
export const packedPackage = (name: string): PackedPackage => {
  const context = inject('packed');
  if (context.packError) throw new Error(`packing failed: ${context.packError}`);
  const packed = context.packages.find((candidate) => candidate.name === name);
  if (!packed) throw new Error(`${name} was not packed`);
  return packed;
};

/** The consumer app's folder; throws when packing or installing failed. */
export const consumerApp = (): string => {
  const context = inject('packed');
  if (context.packError) throw new Error(`packing failed: ${context.packError}`);
  if (context.appError) throw new Error(`installing the tarballs failed: ${context.appError}`);
  return context.appDir;
};
