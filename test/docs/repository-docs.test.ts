/**
 * The documentation stands on its own: every relative link and #anchor in every tracked
 * Markdown file resolves, every `docs/…` page the code cites exists (with the heading it names),
 * and nothing in the repository refers to documents that are not in it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractLinks, githubSlug, headingAnchors, isExternal, splitTarget } from './markdown-links.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const THIS_FILE = relative(ROOT, fileURLToPath(import.meta.url));

/** Tracked files plus new ones not ignored: what a commit of the tree would hold. */
const repositoryFiles = (): string[] =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && existsSync(join(ROOT, file)));

const readText = (file: string): string | undefined => {
  const bytes = readFileSync(join(ROOT, file));
  return bytes.includes(0) ? undefined : bytes.toString('utf8'); // binary files say nothing
};

const anchorsCache = new Map<string, Set<string>>();
const anchorsOf = (file: string): Set<string> => {
  let anchors = anchorsCache.get(file);
  if (!anchors) anchorsCache.set(file, (anchors = headingAnchors(readFileSync(join(ROOT, file), 'utf8'))));
  return anchors;
};

/** Why a link written in `file` does not resolve, or undefined when it does. */
const linkProblem = (file: string, target: string): string | undefined => {
  const { path, anchor } = splitTarget(target);
  // `/x` is relative to the repository root, as the code host renders it.
  const absolute =
    path === '' ? join(ROOT, file) : path.startsWith('/') ? join(ROOT, path) : resolve(ROOT, dirname(file), path);
  const inRepository = relative(ROOT, absolute);
  if (inRepository.startsWith('..')) return 'points outside the repository';
  if (!existsSync(absolute)) return 'no such file';
  if (anchor === undefined || anchor === '') return undefined;
  if (!absolute.endsWith('.md') || statSync(absolute).isDirectory()) return undefined; // line anchors of code files
  return anchorsOf(inRepository).has(anchor) ? undefined : `no heading #${anchor} in ${inRepository}`;
};

describe('the Markdown reader behind the check', () => {
  it.each([
    ['## Never throw into the host page', 'never-throw-into-the-host-page'],
    ['## `@sightline/core`', 'sightlinecore'],
    [
      '### `trackExposure({ flagKey, variant?, experimentKey? }, eventOptions?)`',
      'trackexposure-flagkey-variant-experimentkey--eventoptions',
    ],
    ['## Script tag and async snippet', 'script-tag-and-async-snippet'],
    ['## [Linked](other.md) and *emphasis*', 'linked-and-emphasis'],
    ['## 429 / 5xx: retried', '429--5xx-retried'],
    ['## snake_case stays', 'snake_case-stays'],
  ])('%s → #%s', (heading, slug) => {
    expect(githubSlug(heading.replace(/^#+\s*/, ''))).toBe(slug);
  });

  it('finds links in prose, not in code', () => {
    const markdown = [
      'See [the options](options.md#init-options) and ![logo](img/logo.png "Logo").',
      'Inline `[not a link](nowhere.md)` is code.',
      '```js',
      "import x from './[not](a-link.md)';",
      '```',
      '[ref]: ../README.md',
      '<a href="wire-format.md#endpoints">endpoints</a>',
      'External [site](https://example.com) too.',
    ].join('\n');
    expect(extractLinks(markdown)).toEqual([
      { target: 'options.md#init-options', line: 1 },
      { target: 'img/logo.png', line: 1 },
      { target: '../README.md', line: 6 },
      { target: 'wire-format.md#endpoints', line: 7 },
      { target: 'https://example.com', line: 8 },
    ]);
  });

  it(
    'gives repeated headings numbered anchors, keeps code in headings, honours ' +
      'HTML ids; headings in code blocks make none',
    () => {
      const markdown = [
        '# Options',
        '## Defaults',
        '## Defaults',
        '## `cookieOptions`',
        '```',
        '## Not a heading',
        '```',
        '<a id="custom"></a>',
      ];
      expect([...headingAnchors(markdown.join('\n'))]).toEqual([
        'options',
        'defaults',
        'defaults-1',
        'cookieoptions',
        'custom',
      ]);
    },
  );

  it.each([
    ['options.md#init-options', { path: 'options.md', anchor: 'init-options' }],
    ['#delivery', { path: '', anchor: 'delivery' }],
    ['my%20file.md', { path: 'my file.md' }],
    ['../core/', { path: '../core/' }],
  ])('splits %s', (target, expected) => {
    expect(splitTarget(target)).toEqual(expected);
  });

  it.each([
    ['https://example.com/x', true],
    ['mailto:someone@example.com', true],
    ['//cdn.example/x.js', true],
    ['docs/options.md', false],
    ['#anchor', false],
  ])('%s is external: %s', (target, external) => {
    expect(isExternal(target)).toBe(external);
  });
});

describe('the repository documentation', () => {
  const files = repositoryFiles();
  const markdown = files.filter((file) => file.endsWith('.md'));

  it('has the documentation pages', () => {
    for (const page of [
      'README',
      'options',
      'events',
      'wire-format',
      'delivery',
      'privacy',
      'migrating-from-amplitude',
      'troubleshooting',
      'architecture',
    ])
      expect(markdown).toContain(`docs/${page}.md`);
  });

  it('every relative link and #anchor in every Markdown file resolves', () => {
    const broken: string[] = [];
    for (const file of markdown) {
      for (const { target, line } of extractLinks(readFileSync(join(ROOT, file), 'utf8'))) {
        if (isExternal(target)) continue;
        const problem = linkProblem(file, target);
        if (problem) broken.push(`${file}:${line} (${target}): ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every docs/ page the code and tests cite exists, with the section named after it', () => {
    // `docs/architecture.md`, `docs/delivery.md#drop-reasons`, `docs/architecture.md, "Nothing is lost"`.
    const citation = /(?<![\w./-])docs\/([\w-]+\.md)(?:#([\w-]+)|,\s*"([^"]+)")?/g;
    const broken: string[] = [];
    for (const file of files) {
      const text = file === THIS_FILE ? undefined : readText(file);
      if (!text) continue;
      for (const match of text.matchAll(citation)) {
        const [cited, page, anchor, heading] = match;
        const target = `docs/${page}`;
        if (!existsSync(join(ROOT, target))) broken.push(`${file}: ${cited}: no such page`);
        else if (anchor && !anchorsOf(target).has(anchor)) broken.push(`${file}: ${cited}: no such anchor`);
        else if (heading && !anchorsOf(target).has(githubSlug(heading)))
          broken.push(`${file}: ${cited}: no such section`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('nothing refers to documents outside the repository or to their row ids', () => {
    const outside = /\.\.\/shared|\bFEATURES\b|\bDECISIONS\b/;
    // Ids such as B57, OQ-11 or C.5; hex colours, hashes and base64 runs are not ids.
    const rowId = /(?<![\w#+/=.-])(?:OQ-\d+|[A-F]\d{2,3}|[A-F]\.\d+)(?![\w+/=-])/;
    const found: string[] = [];
    for (const file of files) {
      if (file === THIS_FILE || file === 'pnpm-lock.yaml') continue;
      const text = readText(file);
      if (!text) continue;
      text.split('\n').forEach((line, index) => {
        const match = outside.exec(line) || rowId.exec(line);
        if (match) found.push(`${file}:${index + 1}: ${match[0]}`);
      });
    }
    expect(found).toEqual([]);
  });
});
