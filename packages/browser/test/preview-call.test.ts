/** `preview()`: the instance's element-interactions options reach the preview; never a throw; `close()`. */
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Config, Plugin } from '@sightline/core';
import { resolvedConfig, silentLogger } from '@sightline/test-utils';
import { BrowserClient } from '../src/browser-client.js';
import { elementInteractionsOf, openPreviewFor } from '../src/preview-call.js';

/** What the mocked preview import resolves with (any module shape a test needs). */
interface PreviewImport {
  loaded: unknown;
  handle: { close: () => void; isOpen: boolean };
  openPreview: Mock;
  contexts: unknown[];
}
const preview = vi.hoisted((): PreviewImport => ({
  loaded: undefined,
  handle: { close: vi.fn(), isOpen: true },
  openPreview: vi.fn(),
  contexts: [],
}));
vi.mock('../src/preview-import.js', () => ({
  importPreview: (context: unknown) => {
    preview.contexts.push(context);
    return Promise.resolve(preview.loaded);
  },
}));

const configOf = (options: Record<string, unknown>): Config => resolvedConfig(options, 'key');
const named = (name: string) => ({ name }) as Plugin;

afterEach(() => {
  vi.clearAllMocks();
  preview.contexts.splice(0);
  preview.handle.isOpen = true;
});

describe('elementInteractionsOf', () => {
  it.each([
    [{}, [], { enabled: false, options: {} }],
    [{ autocapture: { elementInteractions: true } }, [], { enabled: true, options: {} }],
    [
      { autocapture: { elementInteractions: { cssSelectorAllowlist: ['.x'] } } },
      [],
      { enabled: true, options: { cssSelectorAllowlist: ['.x'] } },
    ],
    [{ autocapture: false }, [], { enabled: false, options: {} }],
    [{ autocapture: false }, [named('sightline-element-interactions')], { enabled: true, options: {} }],
  ] as [Record<string, unknown>, Plugin[], object][])('%o with plugins %o → %o', (options, plugins, expected) => {
    expect(elementInteractionsOf({ config: configOf(options), plugins })).toEqual(expected);
  });

  it('before init: the defaults (element interactions off)', () => {
    expect(elementInteractionsOf({ config: undefined, plugins: [] })).toEqual({ enabled: false, options: {} });
  });
});

describe('openPreviewFor', () => {
  it('opens the loaded preview with the options, the logger, the nonce and scriptBaseUrl; answers 200', async () => {
    preview.loaded = { openPreview: preview.openPreview.mockReturnValue(preview.handle), nonce: 'n0nce' };
    const logger = silentLogger();
    const config = configOf({
      scriptBaseUrl: 'https://cdn.example/s/',
      autocapture: { elementInteractions: { privacyLevel: 'medium' } },
    });
    const call = openPreviewFor({ config, logger, plugins: [] });
    expect(await call.promise).toEqual({ event: { event_type: 'preview' }, code: 200, message: 'Preview open' });
    expect(preview.contexts).toEqual([{ scriptBaseUrl: 'https://cdn.example/s/', logger }]);
    expect(preview.openPreview).toHaveBeenCalledWith({
      elementInteractions: { privacyLevel: 'medium' },
      elementInteractionsEnabled: true,
      logger,
      nonce: 'n0nce',
    });
    call.close();
    expect(preview.handle.close).toHaveBeenCalledTimes(1);
  });

  it('closed before the file arrived: it does not open; answers 0', async () => {
    preview.loaded = { openPreview: preview.openPreview.mockReturnValue(preview.handle) };
    const call = openPreviewFor({ config: undefined, logger: silentLogger(), plugins: [] });
    call.close();
    expect(await call.promise).toMatchObject({ code: 0, message: 'Preview not opened' });
    expect(preview.openPreview).not.toHaveBeenCalled();
  });

  it(
    'a file that could not load (logged by the loader), or a preview that ' + 'throws, answers 0 and never throws',
    async () => {
      preview.loaded = undefined;
      expect(await openPreviewFor({ config: undefined, logger: silentLogger(), plugins: [] }).promise).toMatchObject({
        code: 0,
      });
      const logger = silentLogger();
      preview.loaded = {
        openPreview: () => {
          throw new Error('broken');
        },
      };
      expect(await openPreviewFor({ config: undefined, logger, plugins: [] }).promise).toMatchObject({ code: 0 });
      expect(logger.error).toHaveBeenCalledWith('The capture preview failed:', expect.any(Error));
    },
  );
});

describe('BrowserClient.preview', () => {
  it('the lean build has no preview: one warning, code 0, close() does nothing', async () => {
    const client = new BrowserClient({ createDestination: () => named('destination') });
    const logger = silentLogger();
    await client.init('preview-key', { loggerProvider: logger, autocapture: false, identityStorage: 'none' }).promise;
    const call = client.preview();
    expect(await call.promise).toMatchObject({ event: { event_type: 'preview' }, code: 0 });
    expect(logger.warn).toHaveBeenCalledWith('preview() needs the full build (or openPreview from @sightline/preview)');
    expect(() => call.close()).not.toThrow();
  });

  it('the full build passes its config, logger and plugins', async () => {
    const opened = vi.fn(() => ({
      promise: Promise.resolve({ event: { event_type: 'preview' }, code: 200, message: '' }),
      close() {},
    }));
    const client = new BrowserClient({ createDestination: () => named('destination'), preview: opened });
    const logger = silentLogger();
    await client.init('preview-key', { loggerProvider: logger, autocapture: false, identityStorage: 'none' }).promise;
    client.preview();
    expect(opened).toHaveBeenCalledWith({
      config: client.config,
      logger: expect.anything(),
      plugins: expect.arrayContaining([expect.objectContaining({ name: 'destination' })]),
    });
  });
});
