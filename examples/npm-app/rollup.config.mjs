// Bundles src/main.js and @sightline/browser into dist/app.js, one minified ES module file.
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
    file: here('dist/app.js'),
    format: 'es',
    sourcemap: true,
    plugins: [terser({ format: { comments: false } })],
  },
};
