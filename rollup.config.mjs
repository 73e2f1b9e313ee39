// One build for every package: ESM + CJS per package (dependencies external), and the
// script-tag IIFE bundles (everything inlined, minified). Type declarations come from
// `tsc -b` (scripts/build.mjs runs both).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const root = fileURLToPath(new URL('.', import.meta.url));
const packagesDir = `${root}packages/`;

/** Resolves `@sightline/x` to its TypeScript source, so bundles never need a prior build. */
const sightlineSources = () => ({
  name: 'sightline-sources',
  resolveId(id) {
    const match = /^@sightline\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(id);
    if (!match) return null;
    const file = `${packagesDir}${match[1]}/src/${match[2] || 'index'}.ts`;
    return existsSync(file) ? file : null;
  },
});

const ts = (dir) =>
  typescript({
    tsconfig: `${root}tsconfig.base.json`,
    include: [`${packagesDir}*/src/**/*.ts`],
    compilerOptions: { composite: false, declaration: false, emitDeclarationOnly: false, noEmit: false, sourceMap: true, outDir: `${dir}/dist` },
    noEmitOnError: true,
  });

const packages = readdirSync(packagesDir).filter((name) => {
  const manifest = `${packagesDir}${name}/package.json`;
  return existsSync(manifest) && existsSync(`${packagesDir}${name}/src/index.ts`);
});

const libraryBuilds = packages.map((name) => {
  const dir = `${packagesDir}${name}`;
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const external = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  const entries = { index: `${dir}/src/index.ts` };
  if (existsSync(`${dir}/src/lite.ts`)) entries.lite = `${dir}/src/lite.ts`;
  return {
    input: entries,
    external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    plugins: [ts(dir)],
    output: [
      { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true },
      { dir: `${dir}/dist`, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', sourcemap: true, exports: 'named' },
    ],
  };
});

/** Script-tag bundles: `sightline.min.js` exposes the global `sightline`. */
const scriptBuilds = [
  { input: `${packagesDir}browser/src/script.ts`, file: `${packagesDir}browser/dist/sightline.min.js`, name: 'sightline' },
].filter((build) => existsSync(build.input)).map(({ input, file, name }) => ({
  input,
  plugins: [sightlineSources(), nodeResolve({ browser: true }), ts(`${packagesDir}browser`)],
  output: {
    file,
    format: 'iife',
    name,
    sourcemap: true,
    plugins: [terser({ ecma: 2018, compress: { passes: 2 }, format: { comments: false } })],
  },
}));

export default [...libraryBuilds, ...scriptBuilds];
