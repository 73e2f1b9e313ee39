// Script files are a published interface: every one is reachable through the exports map of the
// installed package, and integrity.json holds the Subresource Integrity hash of each.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consumerApp, packageNames, packedPackage } from './support/packed.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sha384 = (file: string) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
const scriptFilesIn = (dist: string) =>
  existsSync(dist)
    ? readdirSync(dist, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.min.js'))
        .sort()
    : [];

const withScripts = packageNames().filter((name) => name === '@sightline/browser' || name.includes('/plugin-'));

describe.each(withScripts)('%s', (name) => {
  it('resolves every script file and integrity.json through its exports, from an installed app', () => {
    const { root, manifest } = packedPackage(name);
    const resolveFromApp = createRequire(join(consumerApp(), 'package.json')).resolve;
    const installed = join(consumerApp(), 'node_modules', name);
    const scripts = scriptFilesIn(join(root, 'dist'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) expect(resolveFromApp(`${name}/dist/${file}`)).toBe(join(installed, 'dist', file));
    const named = Object.entries(manifest.exports ?? {}).filter(
      ([subpath, target]) => !subpath.includes('*') && String(target).endsWith('.min.js'),
    );
    expect(named.map(([subpath]) => subpath)).toContain('./script');
    for (const [subpath, target] of named)
      expect(resolveFromApp(`${name}/${subpath.slice(2)}`)).toBe(join(installed, String(target)));
    expect(resolveFromApp(`${name}/integrity.json`)).toBe(join(installed, 'dist/integrity.json'));
  });

  it('ships integrity.json with the sha384 of each script file', () => {
    const { root } = packedPackage(name);
    const recorded = JSON.parse(readFileSync(join(root, 'dist/integrity.json'), 'utf8'));
    const scripts = scriptFilesIn(join(root, 'dist'));
    expect(Object.keys(recorded).sort()).toEqual(scripts);
    for (const file of scripts) expect(recorded[file], file).toBe(sha384(join(root, 'dist', file)));
  });
});

describe('the async snippet', () => {
  it("is the README's copy, built from the readable source, and loads the URL the source names", () => {
    const built = readFileSync(join(packedPackage('@sightline/browser').root, 'dist/snippet.min.js'), 'utf8').trim();
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`<script>${built}</script>`);
    const source = readFileSync(join(ROOT, 'packages/browser/snippet/snippet.js'), 'utf8');
    const url = /\}\)\(window, document, 'sightline', '([^']+)'\);\s*$/.exec(source)?.[1];
    expect(url).toBeTruthy();
    expect(built).toContain(`"${url}"`);
  });
});
