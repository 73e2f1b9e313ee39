#!/usr/bin/env node
// `prepack` of every package: refuses to pack (or publish) a package whose build is missing or
// older than its sources, or whose integrity.json does not match its script files. Building
// is the repository's job (`pnpm build` at the root: the packages build together), so a pack
// never builds one package on its own.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { integrity, scriptFilesIn } from './lib/package-files.mjs';

/** Every file path a manifest names (main, module, types, bin, exports, typesVersions), patterns left out. */
export const namedFiles = (manifest) => {
  const files = new Set();
  const add = (value) => {
    if (typeof value === 'string') {
      if (!value.includes('*')) files.add(value.replace(/^\.\//, ''));
    } else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  add([manifest.main, manifest.module, manifest.types, manifest.bin, manifest.exports, manifest.typesVersions]);
  return [...files].sort();
};

const newestIn = (dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce(
    (newest, file) => Math.max(newest, statSync(join(dir, file)).mtimeMs),
    0,
  );

/**
 * What stops the package in `dir` from being packed; empty when nothing does.
 * @param {string} dir
 * @returns {string[]}
 */
export const packProblems = (dir) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const named = namedFiles(manifest);
  const missing = named.filter((file) => !existsSync(join(dir, file)));
  if (missing.length > 0) return missing.map((file) => `${file} is missing`);

  const problems = [];
  const built = named.filter((file) => file.startsWith('dist/') && /\.[cm]?js$/.test(file));
  if (built.length > 0 && existsSync(join(dir, 'src'))) {
    const sourcesChanged = newestIn(join(dir, 'src'));
    for (const file of built)
      if (statSync(join(dir, file)).mtimeMs < sourcesChanged) problems.push(`${file} is older than src/`);
  }

  const dist = join(dir, 'dist');
  const scripts = scriptFilesIn(dist);
  const integrityFile = join(dist, 'integrity.json');
  if (scripts.length > 0) {
    const recorded = existsSync(integrityFile) ? JSON.parse(readFileSync(integrityFile, 'utf8')) : {};
    for (const file of scripts)
      if (recorded[file] !== integrity(join(dist, file)))
        problems.push(`dist/integrity.json does not hold the hash of dist/${file}`);
  }
  return problems;
};

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.cwd();
  const problems = packProblems(dir);
  if (problems.length > 0) {
    const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    console.error(
      `${name} cannot be packed: ${problems.join('; ')}.\nRun \`pnpm build\` at the repository root first.`,
    );
    process.exit(1);
  }
}
