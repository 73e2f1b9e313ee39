/** sessionStorage shell for `AMP_URL_INFO`: survives refreshes within the tab session. */
import { getWindow, type Logger } from '@sightline/core';
import { URL_INFO_KEY } from './constants.js';
import type { UrlInfo } from './previous-page.js';

export interface UrlInfoStore {
  read(): UrlInfo | undefined;
  write(info: UrlInfo): void;
}

const storage = (): Storage | undefined => {
  try {
    const win = getWindow();
    return win ? win.sessionStorage : undefined;
  } catch {
    return undefined; // blocked storage: the plugin still works, the previous page only lives in memory
  }
};

const isUrlInfo = (value: unknown): value is UrlInfo =>
  !!value && typeof (value as UrlInfo).url === 'string' && typeof (value as UrlInfo).previousUrl === 'string';

export const createUrlInfoStore = (logger: Logger): UrlInfoStore => ({
  read() {
    try {
      const store = storage();
      const raw = store ? store.getItem(URL_INFO_KEY) : null;
      const parsed: unknown = raw ? JSON.parse(raw) : undefined;
      return isUrlInfo(parsed) ? parsed : undefined;
    } catch (error) {
      logger.warn('page URL enrichment: stored page info unreadable; starting fresh', error);
      return undefined;
    }
  },
  write(info) {
    try {
      const store = storage();
      if (store) store.setItem(URL_INFO_KEY, JSON.stringify(info));
    } catch (error) {
      logger.warn('page URL enrichment: could not store the page info', error);
    }
  },
});
