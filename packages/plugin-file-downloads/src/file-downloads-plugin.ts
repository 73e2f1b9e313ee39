/**
 * `[Amplitude] File Downloaded`: one capturing, passive click listener on the
 * document covers every link, including links added or changed after load and links inside
 * open shadow roots. The link URL and
 * file name are scrubbed; the link text is masked like any element text.
 */
import { getDocument, optionsUnlessOff, type Plugin, type TrackingClient } from '@sightline/core';
import { definePlugin, readElementText, scrubUrl } from '@sightline/dom';
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

/**
 * The link clicked. At the document a click inside an open shadow root targets its host, so the
 * composed path (innermost first, across shadow boundaries) is searched; closed roots stay closed.
 * It stops at the document (the listener's own node): looking a name up on the document or the
 * window goes through their named-element lookup, which cost more than the rest of the search.
 */
const linkOf = (event: Event): HTMLAnchorElement | undefined => {
  // Read once: a DOM getter per node of a deep page's path cost more than the rest of the walk.
  const listenerNode = event.currentTarget;
  const path = event.composedPath();
  for (let index = 0; index < path.length; index++) {
    const node = path[index];
    if (node === listenerNode) return;
    const name = (node as Element).localName;
    if ((name === 'a' || name === 'area') && (node as Element).hasAttribute('href')) return node as HTMLAnchorElement;
  }
};

export const fileDownloadsPlugin = (options: FileDownloadsOptions = {}): Plugin<TrackingClient> =>
  definePlugin<TrackingClient>({
    name: PLUGIN_NAME,
    start({ client, logger, listen }) {
      const replace = options.fileExtensions;
      const extra = options.additionalFileExtensions;
      if ((replace !== undefined && !Array.isArray(replace)) || (extra !== undefined && !Array.isArray(extra))) {
        logger.warn('file downloads: fileExtensions / additionalFileExtensions must be arrays of strings; ignored');
      }
      const extensions = normalizeExtensions([
        ...(Array.isArray(replace) ? replace : DEFAULT_FILE_EXTENSIONS),
        ...(Array.isArray(extra) ? extra : []),
      ]);
      const document = getDocument();
      if (!document) return; // SSR / worker
      // Passive capture phase: a click handler that stops propagation must not hide the download.
      listen(document, 'click', (event) => {
        const link = linkOf(event);
        if (!link) return;
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
      });
    },
  });

/** Maps `autocapture.fileDownloads` (boolean, default `true`) to plugin options, or `undefined` when off. */
export const fileDownloadsOptionsFrom: (value: unknown) => FileDownloadsOptions | undefined = optionsUnlessOff;
