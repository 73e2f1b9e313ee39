// The lean entry is tree-shakeable (issue 4): an app that bundles `@sightline/browser/lite`
// with two hand-picked plugins carries none of the other plugins' code. Bundled with rollup
// and node-resolve the way an app would, from the packages' built files as their `exports`
// maps name them (run `node scripts/build.mjs` first). Node environment, no browser.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserPlugin from '@rollup/plugin-terser';
import { rollup, type Plugin } from 'rollup';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';

// Its types read as CommonJS under NodeNext (no "type": "module"), but Node's import gets the ESM
// build, whose default export is the plugin function itself.
const terser = terserPlugin as unknown as typeof terserPlugin.default;

const PACKAGES = join(ROOT, 'packages');
const ENTRY = '\0tree-shaking-entry';
const SIGHTLINE_ID = /^@sightline\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/;

/** Event names that only their own plugin defines, and the plugin's folder. */
const PLUGIN_MARKERS = {
  'plugin-element-interactions': [
    '[Amplitude] Element Clicked',
    '[Amplitude] Element Changed',
    '[Amplitude] Rage Click',
    '[Amplitude] Dead Click',
  ],
  'plugin-network-requests': ['[Amplitude] Network Request'],
  'plugin-web-vitals': ['[Amplitude] Web Vitals'],
  'plugin-form-interactions': ['[Amplitude] Form Started', '[Amplitude] Form Submitted'],
  'plugin-file-downloads': ['[Amplitude] File Downloaded'],
};
/** A string only the capture preview (@sightline/preview) has. */
const PREVIEW_MARKER = 'Sightline capture preview';
/** Strings of the `web-vitals` library itself (its rating and the entry types it observes). */
const WEB_VITALS_LIBRARY_MARKERS = ['needs-improvement', 'layout-shift', 'largest-contentful-paint'];

type ExportTarget = string | { import?: ExportTarget; default?: ExportTarget };
interface Manifest {
  exports?: Record<string, ExportTarget>;
  sideEffects?: boolean | string[];
}

/** The file an `import` resolves to: the `import` condition (nested conditions too), else `default`. */
const importFile = (target: ExportTarget | undefined): string | undefined =>
  typeof target === 'string' ? target : target && importFile(target.import ?? target.default);

/** `"sideEffects": false`, or a list of file-name patterns (`*.min.js`: the script files) the file is not in. */
const isSideEffectFree = (sideEffects: Manifest['sideEffects'], file: string) =>
  sideEffects === false ||
  (Array.isArray(sideEffects) &&
    !sideEffects.some((pattern) =>
      pattern.startsWith('*') ? basename(file).endsWith(pattern.slice(1)) : basename(file) === pattern,
    ));

const manifestOf = (pkg: string): Manifest => JSON.parse(readFileSync(join(PACKAGES, pkg, 'package.json'), 'utf8'));

/**
 * Resolves `@sightline/<pkg>[/<entry>]` as node-resolve would for an installed package: the
 * `import` file of its exports map, with its `"sideEffects"` passed on to rollup. Before a
 * build the file is missing and the test says so.
 */
const sightlineDist = (): Plugin => ({
  name: 'sightline-dist',
  resolveId(id) {
    const match = SIGHTLINE_ID.exec(id);
    if (!match) return null;
    const manifest = manifestOf(match[1]);
    const target = manifest.exports?.[match[2] ? `./${match[2]}` : '.'];
    const file = importFile(target);
    if (!file) throw new Error(`${id} is not in the exports map of packages/${match[1]}/package.json`);
    const path = join(PACKAGES, match[1], file);
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`node scripts/build.mjs\` first`);
    return { id: path, moduleSideEffects: isSideEffectFree(manifest.sideEffects, file) ? false : null };
  },
});

const virtualEntry = (code: string): Plugin => ({
  name: 'virtual-entry',
  resolveId: (id) => (id === ENTRY ? ENTRY : null),
  load: (id) => (id === ENTRY ? code : null),
});

interface Bundled {
  code: string;
  /** Files that kept code in the bundle, relative to the repository. */
  modules: string[];
  /** The code of each chunk split off by a dynamic import. */
  lazyChunks: string[];
}

const bundle = async (code: string, { minify = false } = {}): Promise<Bundled> => {
  const build = await rollup({
    input: ENTRY,
    plugins: [virtualEntry(code), sightlineDist(), nodeResolve({ browser: true })],
    onwarn: (warning) => {
      throw new Error(`rollup: ${warning.message}`);
    },
  });
  try {
    const { output } = await build.generate({
      format: 'es',
      plugins: minify ? [terser({ format: { comments: false } })] : [],
    });
    const [chunk, ...rest] = output;
    if (chunk.type !== 'chunk') throw new Error('expected an entry chunk');
    const modules = Object.entries(chunk.modules)
      .filter(([id, info]) => id !== ENTRY && info.renderedLength > 0)
      .map(([id]) => id.slice(ROOT.length));
    const lazyChunks = rest.flatMap((item) => (item.type === 'chunk' ? [item.code] : []));
    return { code: chunk.code, modules, lazyChunks };
  } finally {
    await build.close();
  }
};

const LEAN_WITH_TWO_PLUGINS = `
import { init, track, add } from '@sightline/browser/lite';
import { pageViewsPlugin } from '@sightline/plugin-page-views';
import { pageUrlEnrichmentPlugin } from '@sightline/plugin-page-url-enrichment';
add(pageViewsPlugin());
add(pageUrlEnrichmentPlugin());
init('API_KEY');
track('Signed Up');
`;
const LEAN_INIT_TRACK = `
import { init, track } from '@sightline/browser/lite';
init('API_KEY');
track('Signed Up');
`;
const FULL_INIT_TRACK = `
import { init, track } from '@sightline/browser';
init('API_KEY', { autocapture: { elementInteractions: true, networkTracking: true, webVitals: true } });
track('Signed Up');
`;

const dropped = Object.keys(PLUGIN_MARKERS);
/** The opt-in plugins: the full entry imports them on demand, so a bundler splits each off. */
const OPT_IN = ['plugin-element-interactions', 'plugin-network-requests', 'plugin-web-vitals'];
const defaults = dropped.filter((pkg) => !OPT_IN.includes(pkg));
const fromPackage = (modules: string[], pkg: string) => modules.filter((file) => file.startsWith(`packages/${pkg}/`));
const webVitalsLibrary = (modules: string[]) => modules.filter((file) => /node_modules\/web-vitals\//.test(file));

const report = (name: string, code: string) => {
  const bytes = Buffer.from(code);
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `[size] ${name}: ${kB(bytes.length)} raw, ${kB(gzipSync(bytes, { level: 9 }).length)} gzip, ` +
      `${kB(brotliCompressSync(bytes).length)} brotli`,
  );
};

describe('issue 4: the lean entry tree-shakes (rollup + node-resolve on the built packages)', () => {
  it('lite + page views + page URL enrichment carries no other plugin code and no web-vitals library', async () => {
    const { code, modules } = await bundle(LEAN_WITH_TWO_PLUGINS);
    // The picked plugins are there (else the absences below would prove nothing).
    expect(code).toContain('[Amplitude] Page Viewed');
    expect(fromPackage(modules, 'plugin-page-views').length).toBeGreaterThan(0);
    expect(fromPackage(modules, 'plugin-page-url-enrichment').length).toBeGreaterThan(0);
    for (const pkg of dropped) {
      expect(fromPackage(modules, pkg), pkg).toEqual([]);
      for (const marker of PLUGIN_MARKERS[pkg as keyof typeof PLUGIN_MARKERS])
        expect(code, marker).not.toContain(marker);
    }
    expect(webVitalsLibrary(modules)).toEqual([]);
    for (const marker of WEB_VITALS_LIBRARY_MARKERS) expect(code, marker).not.toContain(marker);
  });

  it('the full entry, bundled the same way, carries the default plugins and none of the opt-in ones', async () => {
    const { code, modules } = await bundle(FULL_INIT_TRACK);
    for (const pkg of defaults) {
      expect(fromPackage(modules, pkg).length, pkg).toBeGreaterThan(0);
      for (const marker of PLUGIN_MARKERS[pkg as keyof typeof PLUGIN_MARKERS]) expect(code, marker).toContain(marker);
    }
    for (const pkg of OPT_IN) {
      expect(fromPackage(modules, pkg), pkg).toEqual([]);
      for (const marker of PLUGIN_MARKERS[pkg as keyof typeof PLUGIN_MARKERS])
        expect(code, marker).not.toContain(marker);
    }
    expect(webVitalsLibrary(modules)).toEqual([]);
  });

  it('the full entry splits each opt-in plugin (the web-vitals library with its own) and the capture preview off, imported on demand', async () => {
    const full = await bundle(FULL_INIT_TRACK);
    expect(full.code).not.toContain(PREVIEW_MARKER);
    expect(full.code).toMatch(/import\(['"]\.\/[^'"]+\.js['"]\)/); // the split chunks, imported on demand
    const chunkWith = (marker: string) => full.lazyChunks.filter((chunk) => chunk.includes(marker));
    for (const pkg of OPT_IN)
      for (const marker of PLUGIN_MARKERS[pkg as keyof typeof PLUGIN_MARKERS])
        expect(chunkWith(marker), marker).toHaveLength(1);
    for (const marker of WEB_VITALS_LIBRARY_MARKERS)
      expect(chunkWith(marker)).toEqual(chunkWith('[Amplitude] Web Vitals'));
    expect(chunkWith(PREVIEW_MARKER)).toHaveLength(1);
    // Network requests and web vitals do not share a chunk: turning one on loads only its own.
    expect(chunkWith('[Amplitude] Network Request')[0]).not.toContain('[Amplitude] Web Vitals');
    expect((await bundle(LEAN_INIT_TRACK)).lazyChunks).toEqual([]);
  });

  it('lite with init + track only carries no plugin package at all; sizes reported', async () => {
    const lean = await bundle(LEAN_INIT_TRACK);
    const plugins = lean.modules.filter((file) => /^packages\/plugin-/.test(file));
    expect(plugins).toEqual([]);
    expect(lean.code).not.toContain('[Amplitude] Page Viewed');
    expect(lean.code).toContain('/2/httpapi'); // the delivery engine is in: this is a working client

    report('lite init+track (rollup + terser)', (await bundle(LEAN_INIT_TRACK, { minify: true })).code);
    report(
      'lite + page views + page URL enrichment (rollup + terser)',
      (await bundle(LEAN_WITH_TWO_PLUGINS, { minify: true })).code,
    );
    report('full entry init+track (rollup + terser)', (await bundle(FULL_INIT_TRACK, { minify: true })).code);
  });
});
