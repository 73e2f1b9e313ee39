// What each tarball holds: the files its manifest names, no build caches or tests, and source
// maps that work — every source resolves to a file inside the tarball, with its content.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedFiles } from '../../scripts/check-packable.mjs';
import { packageNames, packedPackage } from './support/packed.js';

const filesIn = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();

const MAP_COMMENT = /\/[/*]# sourceMappingURL=(\S+?)(?:\s*\*\/)?\s*$/;

describe.each(packageNames())('%s', (name) => {
  it('holds the files its manifest names, a README, LICENSE and CHANGELOG, and no caches or tests', () => {
    const { root, manifest } = packedPackage(name);
    const files = filesIn(root);
    expect(namedFiles(manifest).filter((file: string) => !files.includes(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']));
    expect(files.filter((file) => /tsbuildinfo|(^|\/)(test|node_modules|\.tmp)\//.test(file))).toEqual([]);
    expect(manifest).not.toHaveProperty('private');
  });

  it(
    'ships a source map for every module and declaration file, each source ' + 'inside the tarball with its content',
    () => {
      const { root } = packedPackage(name);
      const files = filesIn(root);
      const shipped = new Set(files);
      // Built files only: the collector's hand-written dist/index.d.cts is a copy of its source.
      const built = files.filter((file) => /^dist\/(?!inlined-sources\/).*\.(mjs|cjs|d\.ts|min\.js)$/.test(file));
      const problems: string[] = [];
      const maps = new Set<string>();
      for (const file of built) {
        const comment = MAP_COMMENT.exec(readFileSync(join(root, file), 'utf8'));
        // The snippet is pasted inline into pages: a map comment there would point at the page's host.
        if (!comment) {
          if (!file.endsWith('snippet.min.js')) problems.push(`${file}: no sourceMappingURL`);
          continue;
        }
        const map = relative(root, resolve(root, dirname(file), comment[1]))
          .split(sep)
          .join('/');
        if (shipped.has(map)) maps.add(map);
        else problems.push(`${file}: its map ${map} is not in the tarball`);
      }
      for (const mapFile of maps) {
        const map = JSON.parse(readFileSync(join(root, mapFile), 'utf8'));
        map.sources.forEach((source: string, index: number) => {
          const path = relative(root, resolve(root, dirname(mapFile), map.sourceRoot ?? '', source))
            .split(sep)
            .join('/');
          const content = map.sourcesContent?.[index];
          if (path.startsWith('..') || !shipped.has(path)) problems.push(`${mapFile}: ${source} is not in the tarball`);
          else if (readFileSync(join(root, path), 'utf8').length === 0) problems.push(`${mapFile}: ${source} is empty`);
          else if (typeof content === 'string' && content !== readFileSync(join(root, path), 'utf8'))
            problems.push(`${mapFile}: the content of ${source} differs from the shipped file`);
          // TypeScript writes no sourcesContent into declaration maps; their sources ship in src/.
          else if (typeof content !== 'string' && !mapFile.endsWith('.d.ts.map'))
            problems.push(`${mapFile}: ${source} has no sourcesContent`);
        });
      }
      expect(problems).toEqual([]);
      expect(maps.size).toBeGreaterThan(0);
    },
  );
});
