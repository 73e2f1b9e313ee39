import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { root } from './run.mjs';
import { integrity } from './snippet.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Raw, gzip and brotli sizes of the script bundles. */
export const measure = (file) => {
  const source = readFileSync(file);
  return { raw: source.length, gzip: gzipSync(source, { level: 9 }).length, brotli: brotliCompressSync(source).length };
};

export const printSizeReport = () => {
  const files = ['packages/browser/dist/sightline.min.js', 'packages/browser/dist/snippet.min.js'].filter((file) => existsSync(`${root}${file}`));
  console.log('\nSize report (raw / gzip / brotli):');
  for (const file of files) {
    const size = measure(`${root}${file}`);
    console.log(`  ${file}: ${kb(size.raw)} / ${kb(size.gzip)} / ${kb(size.brotli)}`);
  }
  const bundle = `${root}packages/browser/dist/sightline.min.js`;
  if (existsSync(bundle)) console.log(`\nSubresource Integrity for sightline.min.js: ${integrity(bundle)}`);
};
