/**
 * `[Amplitude] File Downloaded`: one capturing, passive click listener on the
 * document covers every link, including links added or changed after load and links inside
 * open shadow roots. The link URL and
 * file name are scrubbed; the link text is masked like any element text.
 */
import {
  getDocument,
  type Config,
  type Logger,
  type Plugin,
  type Properties,
  type ResultPromise,
} from '@sightline/core';
import { readElementText, scrubUrl } from '@sightline/dom';
import {
  DEFAULT_FILE_EXTENSIONS,
  EVENT_FILE_DOWNLOADED,
  FILE_EXTENSION,
  FILE_NAME,
  LINK_ID,
  LINK_TEXT,
  LINK_URL,
  PLUGIN_NAME,
} from './constants.js';
import { downloadTargetOf, normalizeExtensions } from './download-link.js';

export interface FileDownloadsOptions {
  /** Replaces the documented extension list. Case-insensitive, with or without the dot. */
  fileExtensions?: string[];
  /** Added to the documented extension list, e.g. `['dmg', 'apk']`. */
  additionalFileExtensions?: string[];
}

export interface FileDownloadsClient {
  track(eventType: string, eventProperties?: Properties): ResultPromise;
}

/**
 * The link clicked. At the document a click inside an open shadow root targets its host, so the
 * composed path (innermost first, across shadow boundaries) is searched; closed roots stay closed.
 * It stops at the document (the listener's own node): looking a name up on the document or the
 * window goes through their named-element lookup, which cost more than the rest of the search.
 */
const linkOf = (event: Event): HTMLAnchorElement | undefined => {
  for (const node of event.composedPath()) {
    if (node === event.currentTarget) return;
    const name = (node as Element).localName;
    if ((name === 'a' || name === 'area') && (node as Element).hasAttribute('href')) return node as HTMLAnchorElement;
  }
};

export const fileDownloadsPlugin = (options: FileDownloadsOptions = {}): Plugin<FileDownloadsClient> => {
  let client: FileDownloadsClient | undefined;
  let logger: Logger | undefined;
  let detach: (() => void) | undefined;
  let extensions = normalizeExtensions(DEFAULT_FILE_EXTENSIONS);

  const onClick = (event: Event): void => {
    try {
      const link = linkOf(event);
      if (!client || !link) return;
      const href = link.getAttribute('href') || '';
      const base = link.ownerDocument.baseURI || '';
      const target = downloadTargetOf(href, base, extensions);
      if (!target) return;
      client.track(EVENT_FILE_DOWNLOADED, {
        [FILE_EXTENSION]: target.extension,
        [FILE_NAME]: scrubUrl(target.pathname),
        [LINK_ID]: link.getAttribute('id') || '',
        [LINK_TEXT]: readElementText(link),
        [LINK_URL]: scrubUrl(link.href || href),
      });
    } catch (error) {
      if (logger) logger.error('file downloads: click handling failed', error);
    }
  };

  return {
    name: PLUGIN_NAME,
    type: 'enrichment',

    setup(config: Config, downloadsClient: FileDownloadsClient) {
      client = downloadsClient;
      logger = config.loggerProvider;
      const replace = options.fileExtensions;
      const extra = options.additionalFileExtensions;
      if ((replace !== undefined && !Array.isArray(replace)) || (extra !== undefined && !Array.isArray(extra))) {
        logger.warn('file downloads: fileExtensions / additionalFileExtensions must be arrays of strings; ignored');
      }
      extensions = normalizeExtensions([
        ...(Array.isArray(replace) ? replace : DEFAULT_FILE_EXTENSIONS),
        ...(Array.isArray(extra) ? extra : []),
      ]);
      const document = getDocument();
      if (!document) return; // SSR / worker
      // Capture phase: a click handler that stops propagation must not hide the download.
      const listenerOptions: AddEventListenerOptions = { capture: true, passive: true };
      document.addEventListener('click', onClick, listenerOptions);
      detach = () => document.removeEventListener('click', onClick, listenerOptions);
    },

    teardown() {
      if (detach) detach();
      detach = undefined;
      client = undefined;
    },
  };
};

/** Maps `autocapture.fileDownloads` (boolean, default `true`) to plugin options, or `undefined` when off. */
export const fileDownloadsOptionsFrom = (value: unknown): FileDownloadsOptions | undefined => {
  if (value === false) return undefined;
  if (value && typeof value === 'object') return value;
  return {};
};
