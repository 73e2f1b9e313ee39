import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The collector is plain JavaScript so it runs without a build; tests drive it in-process.
import { startCollector } from '@sightline/collector';
import { watchForDuplicates } from './duplicate-guard.js';
import { startStaticServer, type StaticServerOptions } from './static-server.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BROWSER_DIST = join(ROOT, 'packages/browser/dist');

export type Collector = Awaited<ReturnType<typeof startCollector>>;

/**
 * A collector on a random port with its own data folder. After every test it must have counted no
 * duplicate (see duplicate-guard.ts; a fault test opts out with `allowDuplicates`).
 */
export const startTestCollector = async (options: Record<string, unknown> = {}): Promise<Collector> =>
  watchForDuplicates(
    await startCollector({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'sightline-collector-')),
      quiet: true,
      ...options,
    }),
  );

export { allowDuplicates } from './duplicate-guard.js';

/**
 * The collector's events made at or after `since`. Pages of one origin and API key share one
 * IndexedDB queue (a persistent context): an event acknowledged just before an earlier test closed
 * its page may be sent again by the next page (at-least-once, deduplicated by insert_id on a real
 * server; collector.reset() forgets the ids). A resent event keeps its original time.
 */
export const eventsSince = (collector: Collector, since: number) =>
  collector.events().filter((event: { time: number }) => event.time >= since);

/** Serves the built bundles under /dist/ plus the given pages. */
export const startPages = (options: Partial<StaticServerOptions> = {}) =>
  startStaticServer({ ...options, mounts: { '/dist/': BROWSER_DIST, ...options.mounts } });

/** A page that loads the script bundle and runs `body` after it. */
export const bundlePage = (body: string, head = ''): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Sightline test</title>${head}</head><body>
<h1>Sightline test page</h1>
<script src="/dist/sightline.min.js"></script>
<script>${body}</script>
</body></html>`;
