/**
 * How the full npm entry gets the capture preview: a dynamic import, which bundlers split into
 * its own file. The script-tag build uses preview-import.script.ts instead (see rollup.config.mjs).
 */
import type { Logger } from '@sightline/core';
import type { PreviewOptions, PreviewHandle } from '@sightline/preview';

export interface LoadedPreview {
  openPreview(options?: PreviewOptions): PreviewHandle;
  /** The page's CSP nonce, when known. */
  nonce?: string;
}

export interface PreviewImportContext {
  /** The `scriptBaseUrl` init option (script-tag builds only). */
  scriptBaseUrl: unknown;
  logger: Logger;
}

export const importPreview = ({ logger }: PreviewImportContext): Promise<LoadedPreview | undefined> =>
  import('@sightline/preview').catch((error: unknown) => {
    logger.error('Could not load @sightline/preview: the capture preview stays off', error);
    return undefined;
  });
