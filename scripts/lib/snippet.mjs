import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';
import { root } from './run.mjs';

/** Minifies the readable snippet into dist/snippet.min.js (the copy shown in the README). */
export const buildSnippet = async () => {
  const source = readFileSync(`${root}packages/browser/snippet/snippet.js`, 'utf8');
  const { code } = await minify(source, {
    ecma: 2015,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  writeFileSync(`${root}packages/browser/dist/snippet.min.js`, `${code}\n`);
  return code;
};
