// The figures of the configuration users run: `autocapture` left at its default, and for clicks
// the defaults plus element interactions on a realistic page (realistic-layout.mjs).
import { heapAfterGc, heapSnapshotBytes, metric, waitFor } from './bench-browser.mjs';
import { startProfiler } from './cpu-profile.mjs';

export const DEFAULT_TRACK_CALLS = 2000;
/** Calls per timed slice of the track() figure: 200 calls make the timer's 0.1 ms steps 0.5 µs per call. */
export const TRACK_SLICE = 200;
export const CLICKS_FIRST = 300;
export const CLICKS_TOTAL = 3000;
/** Clicks per frame after the first CLICKS_FIRST, so the leak check's 3,000 clicks take seconds, not minutes. */
const LATER_CLICKS_PER_FRAME = 10;
/** Time for the load's own events (page view, campaign) and a click burst's deferred work and upload. */
const SETTLE_MS = 1500;

/** Script time (CDP ScriptDuration) in thread time, so other processes on the machine do not count. */
const openPage = async ({ browser, pages, sdk, layout }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.goto(pages.pageUrl(sdk, layout));
  return { context, page, cdp };
};

const init = (page, apiKey, sinkUrl, extra) =>
  page.evaluate(({ apiKey, url, extra }) => window.bench.init(apiKey, url, extra), { apiKey, url: sinkUrl, extra });

/**
 * One run of the default-configuration figures for `sdk`, each on a fresh page:
 * - track() with default autocapture: 200 warm-up calls, then DEFAULT_TRACK_CALLS timed ones (µs, wall clock);
 * - the SDK's heap right after init: JS heap after a forced GC, 1.5 s after init (its load events
 *   delivered), over the same page without the SDK (KB), and its compiled code and JavaScript data
 *   from a heap snapshot taken after that reading;
 * - clicks (defaults + element interactions, realistic page, targets at depths 6–37, one click per
 *   frame): synchronous cost inside the click over the page without the SDK (µs, wall clock), total
 *   script time per click until the events are delivered over the page without the SDK (µs, thread
 *   time), retained heap after CLICKS_FIRST and CLICKS_TOTAL clicks and the growth per click between them,
 *   also of the page's JavaScript data alone (heap snapshot: objects, arrays, strings, closures), which
 *   leaves out compiled code and the browser's own records of the uploads (resource timing entries,
 *   DevTools network data).
 */
export const measureDefaults = async ({ browser, pages, sink, sdk, nextKey }) => {
  const figures = {};

  {
    const { context, page } = await openPage({ browser, pages, sdk, layout: 'small' });
    await init(page, nextKey(sdk), sink.url, { autocapture: 'default' });
    const { total, slices } = await page.evaluate(
      ({ calls, slice }) => {
        for (let i = 0; i < 200; i++) window.bench.track('Warm Up', { i });
        const sliceMicros = [];
        const start = performance.now();
        for (let done = 0; done < calls; done += slice) {
          const sliceStart = performance.now();
          for (let i = 0; i < slice; i++) window.bench.track('Bench Event', { i, plan: 'pro' });
          sliceMicros.push(((performance.now() - sliceStart) * 1000) / slice);
        }
        return { total: ((performance.now() - start) * 1000) / calls, slices: sliceMicros };
      },
      { calls: DEFAULT_TRACK_CALLS, slice: TRACK_SLICE },
    );
    figures.defaultTrackMicros = total;
    // The typical slice: the calls' own cost, without the few slices an engine pause (compiling,
    // collecting garbage) or the machine falls into.
    figures.defaultTrackSliceMicros = slices.sort((a, b) => a - b)[Math.floor(slices.length / 2)];
    await context.close();
  }

  {
    const heapOf = async (which) => {
      const { context, page, cdp } = await openPage({ browser, pages, sdk: which, layout: 'small' });
      await init(page, nextKey(which), sink.url, { autocapture: 'default' });
      await page.waitForTimeout(SETTLE_MS);
      const heap = await heapAfterGc(cdp);
      const { code, data } = await heapSnapshotBytes(cdp);
      await context.close();
      return { heap, code, data };
    };
    const [withSdk, without] = [await heapOf(sdk), await heapOf('none')];
    figures.initHeapKb = (withSdk.heap - without.heap) / 1024;
    figures.initCodeKb = (withSdk.code - without.code) / 1024;
    figures.initDataKb = (withSdk.data - without.data) / 1024;
  }

  // The page without the SDK: what the clicks cost the browser and the page by themselves.
  let baseline;
  {
    const { context, page, cdp } = await openPage({ browser, pages, sdk: 'none', layout: 'realistic' });
    await page.evaluate(() => window.bench.spacedClicks(30, 1));
    const before = await metric(cdp, 'ScriptDuration');
    const syncMicros = await page.evaluate((count) => window.bench.spacedClicks(count, 1), CLICKS_FIRST);
    const scriptMicros = (((await metric(cdp, 'ScriptDuration')) - before) * 1e6) / CLICKS_FIRST;
    baseline = { syncMicros, scriptMicros };
    await context.close();
  }

  {
    const apiKey = nextKey(sdk);
    const { context, page, cdp } = await openPage({ browser, pages, sdk, layout: 'realistic' });
    await init(page, apiKey, sink.url, { autocapture: { elementInteractions: true } });
    await page.waitForTimeout(SETTLE_MS);
    await page.evaluate(() => window.bench.spacedClicks(30, 1)); // every code path compiled once
    await page.waitForTimeout(SETTLE_MS);
    const delivered = async (count, what) => {
      await waitFor(() => sink.count(apiKey) >= count, 60_000, what).catch(() => undefined);
      await page.waitForTimeout(SETTLE_MS);
    };
    // A snapshot is taken before each heap reading: taking one allocates, and that is not the clicks'.
    const dataBefore = (await heapSnapshotBytes(cdp)).data;
    const heapBefore = await heapAfterGc(cdp);
    const seenBefore = sink.count(apiKey);
    const scriptBefore = await metric(cdp, 'ScriptDuration');
    const syncMicros = await page.evaluate((count) => window.bench.spacedClicks(count, 1), CLICKS_FIRST);
    await delivered(seenBefore + CLICKS_FIRST, `${sdk} click delivery`);
    const scriptMicros = (((await metric(cdp, 'ScriptDuration')) - scriptBefore) * 1e6) / CLICKS_FIRST;
    figures.defaultClickSyncMicros = Math.max(0, syncMicros - baseline.syncMicros);
    figures.defaultClickTotalMicros = Math.max(0, scriptMicros - baseline.scriptMicros);
    figures.defaultClickEventsSeen = sink.count(apiKey) - seenBefore;
    const dataFirst = (await heapSnapshotBytes(cdp)).data;
    const heapFirst = await heapAfterGc(cdp);
    const later = CLICKS_TOTAL - CLICKS_FIRST;
    await page.evaluate(({ count, perFrame }) => window.bench.spacedClicks(count, perFrame), {
      count: later,
      perFrame: LATER_CLICKS_PER_FRAME,
    });
    await delivered(seenBefore + CLICKS_TOTAL, `${sdk} click delivery`);
    const dataTotal = (await heapSnapshotBytes(cdp)).data;
    const heapTotal = await heapAfterGc(cdp);
    figures.clickHeapFirstKb = (heapFirst - heapBefore) / 1024;
    figures.clickHeapTotalKb = (heapTotal - heapBefore) / 1024;
    figures.clickHeapBytesPerClick = (heapTotal - heapFirst) / later;
    figures.clickDataFirstKb = (dataFirst - dataBefore) / 1024;
    figures.clickDataBytesPerClick = (dataTotal - dataFirst) / later;
    await context.close();
  }
  return figures;
};

/**
 * A CPU profile (CDP Profiler) of `clicks` clicks, one per frame, in the click figures' setup:
 * from the first click until their events are delivered.
 */
export const profileClicks = async ({ browser, pages, sink, sdk, nextKey, clicks = CLICKS_FIRST }) => {
  const apiKey = nextKey(sdk);
  const { context, page, cdp } = await openPage({ browser, pages, sdk, layout: 'realistic' });
  await init(page, apiKey, sink.url, { autocapture: { elementInteractions: true } });
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(() => window.bench.spacedClicks(30, 1));
  await page.waitForTimeout(SETTLE_MS);
  const seenBefore = sink.count(apiKey);
  const stop = await startProfiler(cdp);
  await page.evaluate((count) => window.bench.spacedClicks(count, 1), clicks);
  await waitFor(() => sink.count(apiKey) >= seenBefore + clicks, 60_000, `${sdk} click delivery`).catch(
    () => undefined,
  );
  await page.waitForTimeout(SETTLE_MS);
  const profile = await stop();
  await context.close();
  return profile;
};

/** A CPU profile of the default-configuration track() figure's calls (and the pipeline work they start). */
export const profileTrack = async ({ browser, pages, sink, sdk, nextKey }) => {
  const { context, page, cdp } = await openPage({ browser, pages, sdk, layout: 'small' });
  await init(page, nextKey(sdk), sink.url, { autocapture: 'default' });
  const stop = await startProfiler(cdp);
  await page.evaluate((calls) => {
    for (let i = 0; i < 200; i++) window.bench.track('Warm Up', { i });
    for (let i = 0; i < calls; i++) window.bench.track('Bench Event', { i, plan: 'pro' });
  }, DEFAULT_TRACK_CALLS);
  const profile = await stop();
  await context.close();
  return profile;
};
