/**
 * `sightline.preview()` on the full entry: loads the capture preview on demand and opens it with
 * the instance's element-interactions options. Like every public method it never throws and
 * answers `{ promise }` (code 200 once open; 0 when it could not open, the reason logged);
 * `close()` closes the preview, or keeps it from opening.
 */
import { ResultCode, type Config, type Logger, type Plugin, type ResultPromise } from '@sightline/core';
import { resolveAutocapture } from './autocapture-policy.js';
import { OPT_IN_PLUGIN_NAMES } from './opt-in-files.js';
import { importPreview } from './preview-import.js';

export interface PreviewCall extends ResultPromise {
  /** Closes the preview; before it has opened, it will not open. */
  close(): void;
}

export interface PreviewContext {
  config: Config | undefined;
  logger: Logger;
  /** The instance's plugins: element interactions may have been added by hand. */
  plugins: readonly Plugin[];
}

/** Whether element interactions run on the instance, and with which options. */
export function elementInteractionsOf({ config, plugins }: Pick<PreviewContext, 'config' | 'plugins'>): {
  enabled: boolean;
  options: object;
} {
  const chosen = resolveAutocapture(config && config.autocapture, [
    { key: 'elementInteractions', defaultOn: false },
  ]).elementInteractions;
  return {
    enabled: !!chosen || plugins.some((plugin) => plugin.name === OPT_IN_PLUGIN_NAMES.elementInteractions),
    options: chosen || {},
  };
}

export function openPreviewFor(context: PreviewContext): PreviewCall {
  const { logger, config } = context;
  let closed = false;
  let close = () => {
    closed = true; // before it opened: it will not open
  };
  // `scriptBaseUrl` is a browser option the core config keeps as given.
  const scriptBaseUrl = config && (config as { scriptBaseUrl?: unknown }).scriptBaseUrl;
  const promise = importPreview({ scriptBaseUrl, logger })
    .then((loaded) => {
      if (!loaded || closed) return false;
      const { enabled, options } = elementInteractionsOf(context);
      const handle = loaded.openPreview({
        elementInteractions: options,
        elementInteractionsEnabled: enabled,
        logger,
        nonce: loaded.nonce,
      });
      close = () => handle.close();
      return handle.isOpen;
    })
    .then(
      (open) => open,
      (error: unknown) => void logger.error('The capture preview failed:', error),
    )
    .then((open) => ({
      event: { event_type: 'preview' },
      code: open ? ResultCode.SUCCESS : ResultCode.SKIPPED,
      message: open ? 'Preview open' : 'Preview not opened',
    }));
  return { promise, close: () => close() };
}
