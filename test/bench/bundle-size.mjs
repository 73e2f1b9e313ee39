// Bundles a tiny app the way an npm user's bundler would (rollup + node-resolve + terser, the
// packages' built ESM) and returns its gzip size: the figure a custom build actually pays.
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { root } from '../../scripts/lib/run.mjs';
import { gzipBytes } from '../../scripts/lib/size-report.mjs';

const ENTRY = '\0bench-entry';

/** `@sightline/x` and `@sightline/x/lite` → that package's built ESM. */
const builtPackages = () => ({
  name: 'sightline-built-packages',
  resolveId(id) {
    if (id === ENTRY) return id;
    const match = /^@sightline\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(id);
    return match ? `${root}packages/${match[1]}/dist/${match[2] || 'index'}.mjs` : null;
  },
});

export const bundledGzipBytes = async (source) => {
  const bundle = await rollup({
    input: ENTRY,
    plugins: [
      { name: 'entry', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? source : null) },
      builtPackages(),
      nodeResolve({ browser: true }),
    ],
    onwarn: () => undefined,
  });
  const { output } = await bundle.generate({
    format: 'es',
    plugins: [terser({ ecma: 2018, compress: { passes: 2 } })],
  });
  await bundle.close();
  return gzipBytes(output[0].code);
};

/** The lean entry with no plugin, for `init` + `track`. */
export const LEAN_INIT_TRACK = `import { init, track } from '@sightline/browser/lite'; init('key'); track('Event');`;

/** The lean entry with the five default plugins added by hand: what the full entry's defaults cost. */
export const LEAN_WITH_DEFAULTS = `import { init, track, add } from '@sightline/browser/lite';
import { attributionPlugin } from '@sightline/plugin-attribution';
import { pageViewsPlugin } from '@sightline/plugin-page-views';
import { formInteractionsPlugin } from '@sightline/plugin-form-interactions';
import { fileDownloadsPlugin } from '@sightline/plugin-file-downloads';
import { pageUrlEnrichmentPlugin } from '@sightline/plugin-page-url-enrichment';
add(attributionPlugin()); add(pageViewsPlugin()); add(formInteractionsPlugin()); add(fileDownloadsPlugin());
add(pageUrlEnrichmentPlugin()); init('key'); track('Event');`;

/** The full entry with its default options: the entry chunk (the opt-in plugins are split off). */
export const FULL_INIT_TRACK = `import { init, track } from '@sightline/browser'; init('key'); track('Event');`;

/** The rollup bundles size budgets name (scripts/lib/size-budgets.mjs), by name. */
export const BUNDLES = {
  'lean init + track': LEAN_INIT_TRACK,
  'lean + the five default plugins': LEAN_WITH_DEFAULTS,
  'full entry init + track': FULL_INIT_TRACK,
};

/** Each plugin added to the lean client, as a custom build adds it: [package, export]. */
export const PLUGINS = {
  'page views': ['plugin-page-views', 'pageViewsPlugin'],
  attribution: ['plugin-attribution', 'attributionPlugin'],
  'form interactions': ['plugin-form-interactions', 'formInteractionsPlugin'],
  'file downloads': ['plugin-file-downloads', 'fileDownloadsPlugin'],
  'page URL enrichment': ['plugin-page-url-enrichment', 'pageUrlEnrichmentPlugin'],
  'element interactions': ['plugin-element-interactions', 'elementInteractionsPlugin'],
  'frustration interactions': ['plugin-element-interactions', 'frustrationInteractionsPlugin'],
  'network requests': ['plugin-network-requests', 'networkRequestsPlugin'],
  'web vitals': ['plugin-web-vitals', 'webVitalsPlugin'],
  'experiment helper': ['plugin-experiment', 'createExperiment'],
};

export const withPlugin = ([pkg, name]) =>
  `import { init, track, add } from '@sightline/browser/lite'; import { ${name} } from '@sightline/${pkg}'; ` +
  `add(${name}); init('key'); track('Event');`;
