import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { root } from './run.mjs';
import { integrity, packageDirs, scriptFilesIn } from './package-files.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Gzip size at level 9: the one every size figure and budget uses. */
export const gzipBytes = (source) => gzipSync(source, { level: 9 }).length;

/** Raw, gzip and brotli sizes of a file. */
export const measure = (file) => {
  const source = readFileSync(file);
  return { raw: source.length, gzip: gzipBytes(source), brotli: brotliCompressSync(source).length };
};

/** Every script bundle the build made: the full and lean clients, the snippet, each plugin. */
export const scriptBundles = () =>
  packageDirs()
    .flatMap((dir) => scriptFilesIn(join(dir, 'dist')).map((file) => `packages/${basename(dir)}/dist/${file}`))
    .sort();

export const printSizeReport = () => {
  console.log('\nSize report (raw / gzip / brotli):');
  for (const file of scriptBundles()) {
    const size = measure(`${root}${file}`);
    console.log(
      `  ${file.padEnd(70)} ${kb(size.raw).padStart(9)} / ${kb(size.gzip).padStart(8)} / ` +
        kb(size.brotli).padStart(8),
    );
  }
  for (const name of ['sightline.min.js', 'sightline-lite.min.js']) {
    const bundle = `${root}packages/browser/dist/${name}`;
    if (existsSync(bundle)) console.log(`Subresource Integrity for ${name}: ${integrity(bundle)}`);
  }
};
