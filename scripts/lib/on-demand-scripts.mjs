// The script-tag build's on-demand files: features the main script loads only when asked for,
// from its own folder, each checked against the SRI hash the main script carries. They are
// built before the main scripts, which then embed their names, globals and hashes.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { integrity } from './package-files.mjs';

/** One entry per on-demand feature: the package that builds it, its file next to sightline.min.js, its global. */
export const ON_DEMAND_SCRIPTS = [
  { feature: 'preview', pkg: 'preview', file: 'sightline-preview.min.js', global: 'sightlinePreview' },
  // The opt-in autocapture features (packages/browser/src/opt-in-files.ts); element interactions
  // carries frustration interactions, which share its element properties and privacy code.
  {
    feature: 'element-interactions',
    pkg: 'plugin-element-interactions',
    file: 'sightline-element-interactions.min.js',
    global: 'sightlineElementInteractions',
  },
  {
    feature: 'network-requests',
    pkg: 'plugin-network-requests',
    file: 'sightline-network-requests.min.js',
    global: 'sightlineNetworkRequests',
  },
  {
    feature: 'web-vitals',
    pkg: 'plugin-web-vitals',
    file: 'sightline-web-vitals.min.js',
    global: 'sightlineWebVitals',
  },
];

/**
 * Script-tag builds use `x.script.ts` in place of `x.ts` where one exists (on-demand loading instead of
 * `import()`).
 */
export const scriptVariants = () => ({
  name: 'sightline-script-variants',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
    const variant = join(dirname(importer), source.replace(/\.js$/, '.script.ts'));
    return existsSync(variant) ? variant : null;
  },
});

/**
 * Replaces the browser package's `on-demand/on-demand-scripts.ts` with the files in `distDir`:
 * name, global and the SRI hash of the bytes just built. A missing file fails the build.
 */
export const embedOnDemandScripts = (moduleFile, distDir) => ({
  name: 'sightline-on-demand-scripts',
  load(id) {
    if (id !== moduleFile) return null;
    const scripts = {};
    for (const { feature, file, global } of ON_DEMAND_SCRIPTS) {
      const path = join(distDir, file);
      if (!existsSync(path)) this.error(`${path} must be built before the main script that loads it`);
      scripts[feature] = { file, global, integrity: integrity(path) };
      this.addWatchFile(path);
    }
    // Generated code maps to no source: the shipped on-demand-scripts.ts is not what ran.
    return { code: `export const ON_DEMAND_SCRIPTS = ${JSON.stringify(scripts)};`, map: { mappings: '' } };
  },
});
