/** `statusCodeRange` policy: `"0,200-299,413,500-599"`. Pure. */

export type StatusRange = readonly [number, number];

export interface ParsedStatusCodeRange {
  ranges: StatusRange[];
  /** Parts that were not a code or a `low-high` range; reported by the caller. */
  invalid: string[];
}

/** A code (`413`) or a range (`500-599`): the high end is optional. */
const CODE_OR_RANGE = /^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$/;

/** Parses the comma-separated codes and ranges; bad parts are skipped and listed, never thrown. */
export function parseStatusCodeRange(spec: unknown): ParsedStatusCodeRange {
  const ranges: StatusRange[] = [];
  const invalid: string[] = [];
  // Named by type, not printed: String() throws for an object without toString (a bad option must not).
  if (typeof spec !== 'string') return { ranges, invalid: [spec === null ? 'null' : typeof spec] };
  for (const rawPart of spec.split(',')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const match = CODE_OR_RANGE.exec(part);
    const low = match ? Number(match[1]) : NaN; // NaN: no match, and compares false below
    const high = match && match[2] ? Number(match[2]) : low;
    if (low <= high) ranges.push([low, high]);
    else invalid.push(part);
  }
  return { ranges, invalid };
}

export function isStatusInRanges(status: number, ranges: readonly StatusRange[]): boolean {
  for (const [low, high] of ranges) if (status >= low && status <= high) return true;
  return false;
}
