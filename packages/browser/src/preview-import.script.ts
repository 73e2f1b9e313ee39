/**
 * The script-tag build's stand-in for preview-import.ts: `sightline-preview.min.js` from the
 * folder of the main script (or `scriptBaseUrl`), with its SRI hash and the page's nonce.
 */
import { loadOnDemand } from './on-demand/load-on-demand.js';
import { mainScript } from './on-demand/this-script.js';
import type { LoadedPreview, PreviewImportContext } from './preview-import.js';

export const importPreview = ({ scriptBaseUrl, logger }: PreviewImportContext): Promise<LoadedPreview | undefined> =>
  loadOnDemand({ feature: 'preview', label: 'the capture preview', scriptBaseUrl, mainScript, logger }).then(
    (loaded) => (loaded ? { openPreview: (loaded as LoadedPreview).openPreview, nonce: mainScript.nonce } : undefined),
  );
