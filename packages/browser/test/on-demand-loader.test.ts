/**
 * The on-demand loader's pure parts (where a file comes from) and its shells with a fake
 * document. The real load — SRI enforced, a 404, a strict CSP with a nonce — is tested in
 * Chromium (test/e2e/on-demand.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '@sightline/test-utils';
import { forgetOnDemandLoads, loadOnDemand, type OnDemandRequest } from '../src/on-demand/load-on-demand.js';
import { readMainScript } from '../src/on-demand/main-script.js';
import type { ScriptRequest } from '../src/on-demand/script-loader.js';
import { resolveScriptBase, scriptFolderOf } from '../src/on-demand/script-url.js';

/** loadOnDemand's loads, held until the test settles them (the real shell is tested below, unmocked). */
const loads = vi.hoisted(
  () =>
    [] as {
      request: ScriptRequest;
      resolve: (value: unknown) => void;
      reject: (reason: string) => void;
    }[],
);
vi.mock('../src/on-demand/script-loader.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  loadScript: vi.fn(
    (request: ScriptRequest) =>
      new Promise((resolve, reject) => {
        loads.push({ request, resolve, reject });
      }),
  ),
}));
const { loadScript: realLoadScript } = await vi.importActual<typeof import('../src/on-demand/script-loader.js')>(
  '../src/on-demand/script-loader.js',
);

describe('scriptFolderOf', () => {
  it.each([
    ['https://cdn.example/sightline/1.2.0/sightline.min.js', 'https://cdn.example/sightline/1.2.0/'],
    ['https://cdn.example/s/sightline.min.js?v=3/4#x/y', 'https://cdn.example/s/'],
    ['/dist/sightline.min.js', '/dist/'],
    ['sightline.min.js', undefined],
    ['', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('%s → %s', (src, folder) => {
    expect(scriptFolderOf(src)).toBe(folder);
  });
});

describe('resolveScriptBase', () => {
  it.each([
    [undefined, '/dist/', { base: '/dist/', problem: undefined }],
    ['https://cdn.example/s', '/dist/', { base: 'https://cdn.example/s/' }],
    [' https://cdn.example/s/ ', undefined, { base: 'https://cdn.example/s/' }],
    [undefined, undefined, { base: undefined, problem: undefined }],
    ['', '/dist/', { base: '/dist/', problem: 'scriptBaseUrl must be a folder URL, got ""' }],
    [42, undefined, { base: undefined, problem: 'scriptBaseUrl must be a folder URL, got 42' }],
  ])('option %o, main script folder %o → %o', (option, folder, expected) => {
    expect(resolveScriptBase(option, folder)).toEqual(expected);
  });
});

describe('readMainScript', () => {
  it('the folder and nonce of document.currentScript; nothing without one', () => {
    const script = { src: 'https://cdn.example/s/sightline.min.js?v=1', nonce: 'n0nce' };
    expect(readMainScript({ currentScript: script } as unknown as Document)).toEqual({
      folder: 'https://cdn.example/s/',
      nonce: 'n0nce',
    });
    expect(readMainScript({ currentScript: { src: '', nonce: '' } } as unknown as Document)).toEqual({
      folder: undefined,
      nonce: undefined,
    });
    expect(readMainScript({ currentScript: null } as unknown as Document)).toEqual({});
    expect(readMainScript(undefined)).toEqual({});
  });
});

/** A document whose script elements never load by themselves: the test fires their load or error. */
const fakeDocument = () => {
  const scripts: (Record<string, unknown> & { onload?: () => void; onerror?: () => void; remove: () => void })[] = [];
  const view: Record<string, unknown> = {};
  const document = {
    defaultView: view,
    head: { appendChild: (script: (typeof scripts)[number]) => scripts.push(script) },
    createElement: () => ({ remove: vi.fn() }),
  } as unknown as Document;
  return { document, scripts, view };
};

describe('loadScript (the shell)', () => {
  it('sets integrity, crossorigin, the nonce and async; resolves with the global; removes the element', async () => {
    const { document, scripts, view } = fakeDocument();
    const loading = realLoadScript({
      document,
      url: '/dist/x.min.js',
      integrity: 'sha384-abc',
      nonce: 'n',
      global: 'X',
    });
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatchObject({
      src: '/dist/x.min.js',
      integrity: 'sha384-abc',
      crossOrigin: 'anonymous',
      nonce: 'n',
      async: true,
    });
    view.X = { ok: true };
    scripts[0].onload!();
    await expect(loading).resolves.toEqual({ ok: true });
    expect(scripts[0].remove).toHaveBeenCalled();
  });

  it('rejects with the reason when the file is refused, or ran without defining its global', async () => {
    const { document, scripts } = fakeDocument();
    const refused = realLoadScript({ document, url: '/a.js', integrity: 'sha384-a', global: 'A' });
    scripts[0].onerror!();
    await expect(refused).rejects.toBe('not found, network, integrity or Content-Security-Policy');
    const empty = realLoadScript({ document, url: '/b.js', integrity: 'sha384-b', global: 'B' });
    expect(scripts[1].nonce).toBeUndefined();
    scripts[1].onload!();
    await expect(empty).rejects.toBe('it defined no B');
  });
});

describe('loadOnDemand', () => {
  const scripts = { preview: { file: 'sightline-preview.min.js', global: 'sightlinePreview', integrity: 'sha384-p' } };
  const request = (given: Partial<OnDemandRequest> = {}): OnDemandRequest => ({
    feature: 'preview',
    label: 'the capture preview',
    scriptBaseUrl: undefined,
    mainScript: { folder: 'https://cdn.example/s/', nonce: 'n0nce' },
    logger: silentLogger(),
    scripts,
    ...given,
  });

  afterEach(() => {
    forgetOnDemandLoads();
    loads.splice(0);
  });

  it('loads the file once per page from the main script folder: concurrent requests share the load', async () => {
    const first = loadOnDemand(request());
    const second = loadOnDemand(request({ scriptBaseUrl: 'https://elsewhere.example/' }));
    expect(second).toBe(first);
    expect(loads.map(({ request }) => request)).toEqual([
      {
        document,
        url: 'https://cdn.example/s/sightline-preview.min.js',
        integrity: 'sha384-p',
        nonce: 'n0nce',
        global: 'sightlinePreview',
      },
    ]);
    loads[0].resolve({ openPreview: 'yes' });
    await expect(first).resolves.toEqual({ openPreview: 'yes' });
    expect(await loadOnDemand(request())).toEqual({ openPreview: 'yes' });
    expect(loads).toHaveLength(1);
  });

  it('scriptBaseUrl wins over the main script folder', () => {
    void loadOnDemand(request({ scriptBaseUrl: 'https://static.example/sdk' }));
    expect(loads[0].request.url).toBe('https://static.example/sdk/sightline-preview.min.js');
  });

  it(
    'a file that fails logs one line naming the URL and the feature; ' + 'asking again neither reloads nor logs',
    async () => {
      const logger = silentLogger();
      const load = loadOnDemand(request({ logger }));
      loads[0].reject('not found, network, integrity or Content-Security-Policy');
      await expect(load).resolves.toBeUndefined();
      await expect(loadOnDemand(request({ logger }))).resolves.toBeUndefined();
      expect(loads).toHaveLength(1);
      expect(logger.error.mock.calls).toEqual([
        [
          'Could not load https://cdn.example/s/sightline-preview.min.js (not found, network, integrity or ' +
            'Content-Security-Policy): the capture preview stays off',
        ],
      ]);
    },
  );

  it.each([
    [{ scripts: {} }, 'Cannot load preview: not in this build: the capture preview stays off'],
    [{ mainScript: {} }, 'Cannot load preview: set scriptBaseUrl: the capture preview stays off'],
  ] as [Partial<OnDemandRequest>, string][])(
    'without a file or a folder: one line, nothing loaded (%o)',
    async (given, line) => {
      const logger = silentLogger();
      await expect(loadOnDemand(request({ ...given, logger }))).resolves.toBeUndefined();
      expect(logger.error.mock.calls).toEqual([[line]]);
      expect(loads).toHaveLength(0);
    },
  );

  it('an unusable scriptBaseUrl is logged as a warning and the main script folder used', () => {
    const logger = silentLogger();
    void loadOnDemand(request({ scriptBaseUrl: 42, logger }));
    expect(logger.warn.mock.calls).toEqual([['scriptBaseUrl must be a folder URL, got 42']]);
    expect(loads[0].request.url).toBe('https://cdn.example/s/sightline-preview.min.js');
  });
});
