// Bundles src/main.js and @sightline/browser into dist/app.js, a minified ES module. The capture
// preview, which @sightline/browser imports only when `sightline.preview()` is called, becomes a
// chunk of its own in dist/ that the browser fetches then: the page pays nothing for it before.
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { workspaceDist } from '../workspace-dist.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  input: here('src/main.js'),
  // `browser: true` picks each dependency's browser build where it has one.
  plugins: [workspaceDist(), nodeResolve({ browser: true })],
  output: {
    dir: here('dist'),
    entryFileNames: 'app.js',
    chunkFileNames: '[name]-[hash].js',
    format: 'es',
    sourcemap: true,
    plugins: [terser({ format: { comments: false } })],
  },
};
