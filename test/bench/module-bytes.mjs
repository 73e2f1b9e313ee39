// Where a minified script's bytes go, from its source map: the figures behind the size goals'
// "why". Bytes are attributed to the source each minified segment maps back to.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parseAst } from 'rollup/parseAst';
import { minify } from 'terser';
import { root } from '../../scripts/lib/run.mjs';
import { gzipBytes } from '../../scripts/lib/size-report.mjs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One source-map segment's VLQ fields. */
export const decodeSegment = (segment) => {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
};

/**
 * Minified bytes per source: `core/src/client.ts`, or a dependency's package name. The maps'
 * source paths climb a varying number of levels, so a source is named by what follows them:
 * `src/…` is the bundled package's own (`ownPackage`), `<package>/src/…` another's.
 */
export const bytesBySource = (code, map, ownPackage) => {
  const label = (source) => {
    const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(source);
    if (dependency) return dependency[1];
    const path = source.replace(/^(?:\.\.\/)+/, '');
    return path.startsWith('src/') ? `${ownPackage}/${path}` : path;
  };
  const lines = code.split('\n');
  const bytes = new Map();
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    const segments = [];
    for (const segment of line.split(',').filter(Boolean)) {
      const fields = decodeSegment(segment);
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push({ column, source: fields.length > 1 ? source : -1 });
    }
    segments.forEach((segment, index) => {
      const end = index + 1 < segments.length ? segments[index + 1].column : lines[lineIndex].length;
      const name = segment.source < 0 ? '(unmapped)' : label(map.sources[segment.source]);
      bytes.set(name, (bytes.get(name) || 0) + end - segment.column);
    });
  });
  return bytes;
};

/** Every string literal's bytes, and the gzip bytes saved if each were empty. */
export const stringLiterals = (code) => {
  const ranges = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    // A string Literal's range includes its quotes; a TemplateElement's is the text alone.
    if (node.type === 'Literal' && typeof node.value === 'string') ranges.push([node.start + 1, node.end - 1]);
    if (node.type === 'TemplateElement') ranges.push([node.start, node.end]);
    for (const child of Object.values(node))
      (Array.isArray(child) ? child : [child]).forEach((item) => item && typeof item === 'object' && visit(item));
  };
  visit(parseAst(code));
  let blanked = '';
  let cursor = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    blanked += code.slice(cursor, start);
    cursor = end;
  }
  blanked += code.slice(cursor);
  return { bytes: code.length - blanked.length, gzipSaved: gzipBytes(code) - gzipBytes(blanked) };
};

/** Names declared `private` or `protected` anywhere in the packages' sources. */
const privateMemberNames = () => {
  const names = new Set();
  for (const pkg of readdirSync(`${root}packages`)) {
    const sources = `${root}packages/${pkg}/src`;
    if (!existsSync(sources)) continue; // a package without sources (the private test utilities)
    for (const file of readdirSync(sources, { recursive: true }).filter((name) => name.endsWith('.ts'))) {
      for (const match of readFileSync(`${sources}/${file}`, 'utf8').matchAll(
        /\b(?:private|protected) (?:readonly )?([A-Za-z_$][\w$]*)/g,
      ))
        names.add(match[1]);
    }
  }
  return [...names];
};

/**
 * Gzip bytes saved by mangling every private member's name: an upper bound, since a private
 * name that is also a public or wire name would be mangled too.
 */
export const privateNameManglingSaving = async (code) => {
  const names = privateMemberNames();
  const mangled = await minify(code, {
    ecma: 2018,
    compress: false,
    mangle: { properties: { regex: new RegExp(`^(?:${names.join('|')})$`) } },
  });
  return gzipBytes(code) - gzipBytes(mangled.code);
};

/** The report's figures for one minified file with a `.map` beside it, built from `ownPackage`. */
export const whereTheBytesGo = async (file, { ownPackage, top = 8 }) => {
  const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '');
  const bySource = [...bytesBySource(code, JSON.parse(readFileSync(`${file}.map`, 'utf8')), ownPackage).entries()].sort(
    (a, b) => b[1] - a[1],
  );
  const rest = bySource.slice(top).reduce((sum, [, bytes]) => sum + bytes, 0);
  return {
    minifiedBytes: code.length,
    gzipBytes: gzipBytes(code),
    modules: [...bySource.slice(0, top), [`${bySource.length - top} other modules`, rest]],
    strings: stringLiterals(code),
    manglingSaved: await privateNameManglingSaving(code),
  };
};
