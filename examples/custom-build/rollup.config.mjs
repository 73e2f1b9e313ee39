// Bundles src/main.js with the lean client and only the plugins it imports into dist/app.js.
// Everything else (forms, downloads, network, web vitals ...) is left out by tree-shaking:
// every @sightline package declares `"sideEffects": false`.
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { workspaceDist } from '../workspace-dist.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  input: here('src/main.js'),
  plugins: [workspaceDist(), nodeResolve({ browser: true })],
  output: {
    file: here('dist/app.js'),
    format: 'es',
    sourcemap: true,
    plugins: [terser({ format: { comments: false } })],
  },
};
