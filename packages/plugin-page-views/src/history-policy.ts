/** Which SPA navigations are page views — pure, table-tested. */
import { HISTORY_PATH_ONLY } from './constants.js';

export type TrackHistoryChanges = 'all' | 'pathOnly';

const originAndPath = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return undefined;
  }
};

/** `all`: any URL change, hash included; `pathOnly`: only a change of origin or path. */
export const isPageChange = (mode: TrackHistoryChanges, previousUrl: string, url: string): boolean => {
  if (previousUrl === url) return false;
  if (mode !== HISTORY_PATH_ONLY) return true;
  const before = originAndPath(previousUrl);
  const after = originAndPath(url);
  // Unreadable URLs: fall back to comparing them whole rather than miss a page.
  return before === undefined || after === undefined || before !== after;
};
