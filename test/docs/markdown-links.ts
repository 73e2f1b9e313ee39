/**
 * What the documentation check reads in a Markdown file: its links and the anchors its headings
 * make. Pure functions (no file system), table-tested in repository-docs.test.ts.
 */

export interface MarkdownLink {
  /** As written: `../core/README.md#options`, `#delivery`, `https://…`. */
  target: string;
  /** 1-based line of the link. */
  line: number;
}

const FENCE = /^\s{0,3}(```|~~~)/;

/** The file's lines with fenced code blocks blanked: neither links nor headings in code count. */
const linesOutsideFences = (markdown: string): string[] => {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const opening = FENCE.exec(line);
    if (fence) {
      if (opening && opening[1] === fence) fence = undefined;
      return '';
    }
    if (opening) {
      fence = opening[1];
      return '';
    }
    return line;
  });
};

/** Inline code spans removed too: a link written in code is an example. */
const proseLines = (markdown: string): string[] =>
  linesOutsideFences(markdown).map((line) => line.replace(/(`+)[\s\S]*?\1/g, ''));

const INLINE_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/;
const HTML_LINK = /\b(?:href|src)\s*=\s*"([^"]+)"/g;

/** Inline links and images, reference definitions and HTML href/src, outside code. */
export const extractLinks = (markdown: string): MarkdownLink[] => {
  const links: MarkdownLink[] = [];
  proseLines(markdown).forEach((text, index) => {
    const line = index + 1;
    for (const match of text.matchAll(INLINE_LINK)) links.push({ target: match[1], line });
    for (const match of text.matchAll(HTML_LINK)) links.push({ target: match[1], line });
    const definition = REFERENCE_DEFINITION.exec(text);
    if (definition) links.push({ target: definition[1], line });
  });
  return links;
};

/** A link that leaves the file system: `https:`, `mailto:`, protocol-relative `//host`. */
export const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** The rendered text of a heading's Markdown: code, links, images and emphasis reduced to their text. */
const headingText = (source: string): string =>
  source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/\*/g, '')
    .trim();

/**
 * The anchor GitHub gives a heading: lower case, every character that is not a letter, digit,
 * space, `-` or `_` removed, spaces made hyphens.
 */
export const githubSlug = (heading: string): string =>
  headingText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

const ATX_HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const HTML_ID = /<[a-z][^>]*\s(?:id|name)\s*=\s*"([^"]+)"/gi;

/** Every anchor a link into this file may use: heading slugs (repeats get `-1`, `-2` …) and HTML ids. */
export const headingAnchors = (markdown: string): Set<string> => {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of linesOutsideFences(markdown)) {
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1]);
      const count = seen.get(slug) || 0;
      seen.set(slug, count + 1);
      anchors.add(count ? `${slug}-${count}` : slug);
    }
    for (const match of line.matchAll(HTML_ID)) anchors.add(match[1]);
  }
  return anchors;
};

/** Where a link points: the path part (percent-decoded; '' for the file itself) and the anchor, if any. */
export const splitTarget = (target: string): { path: string; anchor?: string } => {
  const hash = target.indexOf('#');
  const rawPath = (hash < 0 ? target : target.slice(0, hash)).split('?')[0];
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // a malformed escape stays as written: the file will not be found, and that is reported
  }
  return hash < 0 ? { path } : { path, anchor: target.slice(hash + 1) };
};
