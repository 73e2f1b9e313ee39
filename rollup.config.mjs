// One build for every package: ESM + CJS per package (dependencies external), and the
// script-tag IIFE bundles (everything inlined, minified). Type declarations come from
// `tsc -b` (scripts/build.mjs runs both).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { inlinedSources } from './scripts/lib/inlined-sources.mjs';
import { ON_DEMAND_SCRIPTS, embedOnDemandScripts, scriptVariants } from './scripts/lib/on-demand-scripts.mjs';

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

/**
 * TypeScript for one build. Its maps name each source relative to `rootDir` under an absolute
 * `sourceRoot`, which rollup resolves to the real file (without it TypeScript writes paths relative
 * to where it would have put the .js file, which rollup misreads). `inlineSources` carries each
 * source's text into the maps (`sourcesContent`).
 */
const ts = ({ include, rootDir, outDir }) =>
  typescript({
    tsconfig: `${root}tsconfig.base.json`,
    include,
    compilerOptions: {
      composite: false,
      declaration: false,
      declarationMap: false,
      emitDeclarationOnly: false,
      noEmit: false,
      sourceMap: true,
      inlineSources: true,
      rootDir,
      sourceRoot: rootDir,
      outDir,
    },
    noEmitOnError: true,
  });

// SIGHTLINE_PACKAGES=core,browser builds only those (a quicker loop while working on them).
const only = process.env.SIGHTLINE_PACKAGES ? process.env.SIGHTLINE_PACKAGES.split(',') : undefined;
const packages = readdirSync(packagesDir).filter((name) => {
  const manifest = `${packagesDir}${name}/package.json`;
  return existsSync(manifest) && existsSync(`${packagesDir}${name}/src/index.ts`) && (!only || only.includes(name));
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
    plugins: [ts({ include: [`${dir}/src/**/*.ts`], rootDir: `${dir}/src`, outDir: `${dir}/dist` })],
    output: [
      { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs', sourcemap: true },
      {
        dir: `${dir}/dist`,
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: '[name].cjs',
        sourcemap: true,
        exports: 'named',
      },
    ],
  };
});

/** `plugin-web-vitals` → `sightlineWebVitals`: the global a plugin's script bundle defines. */
const pluginGlobal = (name) =>
  `sightline${name.replace(/^plugin/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase())}`;

/**
 * Script-tag bundles: the on-demand files (scripts/lib/on-demand-scripts.mjs), `sightline.min.js`
 * (every plugin, global `sightline`), the lean `sightline-lite.min.js`, and one bundle per plugin
 * for custom script builds.
 */
const scriptBuilds = [
  // On-demand files first: the main scripts embed their SRI hashes.
  ...ON_DEMAND_SCRIPTS.map(({ pkg, file, global }) => ({
    pkg: 'browser', // written next to the main scripts
    input: `${packagesDir}${pkg}/src/index.ts`,
    file: `${packagesDir}browser/dist/${file}`,
    name: global,
  })),
  {
    pkg: 'browser',
    input: `${packagesDir}browser/src/script.ts`,
    file: `${packagesDir}browser/dist/sightline.min.js`,
    name: 'sightline',
  },
  {
    pkg: 'browser',
    input: `${packagesDir}browser/src/script-lite.ts`,
    file: `${packagesDir}browser/dist/sightline-lite.min.js`,
    name: 'sightline',
  },
  ...packages
    .filter((name) => name.startsWith('plugin-'))
    .map((name) => ({
      pkg: name,
      input: `${packagesDir}${name}/src/index.ts`,
      file: `${packagesDir}${name}/dist/sightline-${name}.min.js`,
      name: pluginGlobal(name),
    })),
]
  .filter((build) => existsSync(build.input))
  .map(({ pkg, input, file, name }) => ({
    input,
    plugins: [
      scriptVariants(),
      embedOnDemandScripts(`${packagesDir}browser/src/on-demand/on-demand-scripts.ts`, `${packagesDir}browser/dist`),
      sightlineSources(),
      nodeResolve({ browser: true }),
      // A script bundle inlines other packages' sources too: every package's src/ is in its reach.
      ts({ include: [`${packagesDir}*/src/**/*.ts`], rootDir: packagesDir, outDir: dirname(file) }),
    ],
    output: {
      file,
      format: 'iife',
      name,
      sourcemap: true,
      plugins: [
        terser({ ecma: 2018, compress: { passes: 2 }, format: { comments: false } }),
        inlinedSources({ packageDir: `${packagesDir}${pkg}` }),
      ],
    },
  }));

/** Emits files of the package as they are, beside the build's output: `{ [outputName]: sourcePath }`. */
const copyAsIs = (files) => ({
  name: 'sightline-copy-as-is',
  generateBundle() {
    for (const [fileName, source] of Object.entries(files))
      this.emitFile({ type: 'asset', fileName, source: readFileSync(source) });
  },
});

/**
 * The collector runs as plain ESM from src/ (no build step); `require` callers get one CommonJS
 * file with its typings (the hand-written ESM ones, copied) and the inspector's files beside it.
 */
const collectorDir = `${packagesDir}collector`;
const collectorBuilds = (!only || only.includes('collector')) && [
  {
    input: `${collectorDir}/src/index.mjs`,
    external: (id) => id.startsWith('node:'),
    plugins: [
      copyAsIs({
        'index.d.cts': `${collectorDir}/src/index.d.mts`,
        ...Object.fromEntries(
          readdirSync(`${collectorDir}/src/inspector`).map((file) => [
            `inspector/${file}`,
            `${collectorDir}/src/inspector/${file}`,
          ]),
        ),
      }),
    ],
    output: { dir: `${collectorDir}/dist`, format: 'cjs', entryFileNames: 'index.cjs', sourcemap: true },
  },
];

export default [...libraryBuilds, ...scriptBuilds, ...(collectorBuilds || [])];
