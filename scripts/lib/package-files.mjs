// Files the build adds to each package's dist beside what tsc and rollup write. Node built-ins
// only: prepack (scripts/check-packable.mjs) uses it before any install.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INLINED_SOURCES_DIR } from './inlined-sources.mjs';
import { root } from './run.mjs';

/** Subresource Integrity hash of a built file, for `<script integrity="...">`. */
export const integrity = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

/** Published package folders: those with a package.json not marked private (test-utils is). */
export const packageDirs = () =>
  readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);

/**
 * `dist/types-cjs/`: the declarations again, under a package.json that makes TypeScript read
 * them as CommonJS — what a `require` of the package gets (`dist/types/` is read as ESM, as the
 * package is `"type": "module"`). Same depth as dist/types, so the declaration maps still
 * resolve to src/.
 */
export const writeCommonJsTypes = (dir) => {
  const esm = join(dir, 'dist/types');
  if (!existsSync(esm)) return;
  const cjs = join(dir, 'dist/types-cjs');
  rmSync(cjs, { recursive: true, force: true });
  cpSync(esm, cjs, { recursive: true });
  writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
};

/**
 * Every script file in a dist folder (any depth), relative to it: `*.min.js`, the convention.
 * Not the copies of other packages' sources a script bundle's map names.
 */
export const scriptFilesIn = (dist) =>
  existsSync(dist)
    ? readdirSync(dist, { recursive: true, encoding: 'utf8' })
        .map((file) => file.split('\\').join('/'))
        .filter((file) => file.endsWith('.min.js') && !file.startsWith(`${INLINED_SOURCES_DIR}/`))
        .sort()
    : [];

/**
 * `dist/integrity.json`: the Subresource Integrity hash (sha384) of each script file, keyed by
 * its path inside dist — for `<script integrity="…">`. Script files added later are picked up.
 */
export const writeIntegrityFile = (dir) => {
  const dist = join(dir, 'dist');
  const files = scriptFilesIn(dist);
  if (files.length === 0) return;
  const hashes = Object.fromEntries(files.map((file) => [file, integrity(join(dist, file))]));
  writeFileSync(join(dist, 'integrity.json'), `${JSON.stringify(hashes, null, 2)}\n`);
};
