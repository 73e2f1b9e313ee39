// A script bundle inlines other packages (core, dom, plugins, idb-keyval, web-vitals). Its source
// map must still name files inside the package that ships it, wherever the package is served
// from (a CDN, a copy on the app's own host), so each foreign source is shipped next to the
// bundle as `dist/inlined-sources/<package name>/<path in that package>`; the package's own
// sources keep pointing at its `src/`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const INLINED_SOURCES_DIR = 'inlined-sources';

const isInside = (dir, file) => {
  const path = relative(dir, file);
  return path !== '' && !path.startsWith('..') && !path.startsWith(sep);
};

/** The nearest folder above `file` with a named package.json, and that name. */
const owningPackage = (file) => {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
    if (name) return { dir, name };
  }
  return undefined;
};

/**
 * Where one source of a map in `mapDir` (a package's dist) is read from: unchanged when it lies in
 * the package itself (outside its node_modules), else a copy under `inlined-sources/`. Pure but
 * for reading the owning package's name.
 * @param {{ source: string, mapDir: string, packageDir: string }} input
 * @returns {{ source: string, copyTo?: string }} `copyTo`: the copy's path inside `mapDir`
 */
export const shippedSource = ({ source, mapDir, packageDir }) => {
  const file = resolve(mapDir, source);
  if (isInside(packageDir, file) && !file.split(sep).includes('node_modules')) return { source };
  const owner = owningPackage(file);
  if (!owner) throw new Error(`${file}: no package.json names the package this source belongs to`);
  const copyTo = [INLINED_SOURCES_DIR, owner.name, relative(owner.dir, file)].join('/').split(sep).join('/');
  return { source: relative(mapDir, join(mapDir, copyTo)).split(sep).join('/'), copyTo };
};

/**
 * Rollup output plugin for a script bundle of the package in `packageDir`: rewrites the emitted
 * map's foreign sources and emits their copies (from the map's own `sourcesContent`).
 * @param {{ packageDir: string }} options
 */
export const inlinedSources = ({ packageDir }) => ({
  name: 'sightline-inlined-sources',
  generateBundle(options, bundle) {
    const mapDir = options.dir ?? dirname(options.file);
    for (const asset of Object.values(bundle)) {
      if (asset.type !== 'asset' || !asset.fileName.endsWith('.map')) continue;
      const map = JSON.parse(String(asset.source));
      map.sources = map.sources.map((source, index) => {
        const shipped = shippedSource({ source, mapDir, packageDir });
        const content = map.sourcesContent?.[index];
        if (shipped.copyTo) {
          if (typeof content !== 'string') throw new Error(`${asset.fileName}: ${source} has no sourcesContent`);
          if (!bundle[shipped.copyTo]) this.emitFile({ type: 'asset', fileName: shipped.copyTo, source: content });
        }
        return shipped.source;
      });
      asset.source = JSON.stringify(map);
    }
  },
});
