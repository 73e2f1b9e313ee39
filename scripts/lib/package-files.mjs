// Files the build adds to each package's dist beside what tsc and rollup write.
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './run.mjs';
import { integrity } from './snippet.mjs';

/** Package folders with a package.json. */
export const packageDirs = () =>
  readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')));

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

/** Every script file in a dist folder (any depth), relative to it: `*.min.js`, the convention. */
export const scriptFilesIn = (dist) =>
  existsSync(dist)
    ? readdirSync(dist, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.min.js'))
        .map((file) => file.split('\\').join('/'))
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
