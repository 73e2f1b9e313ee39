/**
 * Whether a link points to a file download, and which — pure. The extension is read
 * from the URL's path, so `report.PDF?x=1#p` is a `pdf` download; case-insensitive.
 */
export interface DownloadTarget {
  /** Lower-case extension without the dot, e.g. `pdf`. */
  extension: string;
  /** The URL's path, e.g. `/files/report.PDF` (the documented File Name). */
  pathname: string;
}

/** Downloads are fetched over http(s) or opened from disk. */
const DOWNLOAD_PROTOCOL = /^(https?|file):$/;

export const normalizeExtensions = (extensions: readonly unknown[]): Set<string> =>
  new Set(
    extensions
      .filter((extension): extension is string => typeof extension === 'string' && extension !== '')
      .map((extension) => extension.replace(/^\./, '').toLowerCase()),
  );

export const downloadTargetOf = (
  href: string,
  base: string,
  extensions: ReadonlySet<string>,
): DownloadTarget | undefined => {
  let url: URL;
  try {
    url = new URL(href, base || undefined);
  } catch {
    return undefined;
  }
  if (!DOWNLOAD_PROTOCOL.test(url.protocol)) return undefined; // mailto:, javascript:, data:
  const lastSegment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const dot = lastSegment.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = lastSegment.slice(dot + 1).toLowerCase();
  return extensions.has(extension) ? { extension, pathname: url.pathname } : undefined;
};
