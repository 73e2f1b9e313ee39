// The figures of the bare client: `autocapture: false` (clicks: element interactions only, on a
// one-button page). The default configuration's figures are in measure-defaults.mjs.
import { heapSnapshotBytes, metric, waitFor } from './bench-browser.mjs';

export const TRACK_CALLS = 2000;
export const WARM_ROUNDS = 5;
export const DELIVERED_EVENTS = 1000;
export const BURST = 10_000;
export const CLICKS = 200;

/** track() cost per call on a fresh page: 200 warm-up calls, then TRACK_CALLS timed ones. */
const freshTrackMicros = (page) =>
  page.evaluate((calls) => {
    for (let i = 0; i < 200; i++) window.bench.track('Warm Up', { i });
    const start = performance.now();
    for (let i = 0; i < calls; i++) window.bench.track('Bench Event', { i, plan: 'pro' });
    return ((performance.now() - start) * 1000) / calls;
  }, TRACK_CALLS);

/** The same figure for the floor stand-in (page.mjs): a reference for what a minimal tracking call costs here. */
export const floorTrackMicros = async ({ browser, pages }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pages.pageUrl('floor'));
  const micros = await freshTrackMicros(page);
  await context.close();
  return micros;
};

/** One run of every figure for one SDK, each in a fresh browser context. */
export const measureBare = async ({ browser, pages, sink, sdk, nextKey }) => {
  const figures = {};
  const open = async (extra) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(pages.pageUrl(sdk));
    const apiKey = nextKey(sdk);
    await page.evaluate(({ apiKey, url, extra }) => window.bench.init(apiKey, url, extra), {
      apiKey,
      url: sink.url,
      extra,
    });
    return { context, page, cdp, apiKey };
  };
  // track() synchronous cost per call.
  {
    const { context, page, apiKey } = await open();
    figures.trackMicros = await freshTrackMicros(page);
    // The same loop once the page has run track() many times (JIT-compiled, nothing held):
    // each round starts when every earlier event is delivered, so a delivery backlog (and the
    // garbage collection it brings) is not timed as track().
    let tracked = 200 + TRACK_CALLS;
    for (let round = 0; round < WARM_ROUNDS; round++) {
      await waitFor(() => sink.count(apiKey) >= tracked, 60_000, `${sdk} warm-round delivery`);
      await page.waitForTimeout(200);
      tracked += TRACK_CALLS;
      figures.warmTrackMicros = await page.evaluate((calls) => {
        const start = performance.now();
        for (let i = 0; i < calls; i++) window.bench.track('Bench Event', { i, plan: 'pro' });
        return ((performance.now() - start) * 1000) / calls;
      }, TRACK_CALLS);
    }
    await waitFor(() => sink.count(apiKey) >= tracked, 60_000, `${sdk} track-cost delivery`);
    figures.initToFirstUploadMs = sink.firstAt(apiKey) - (await page.evaluate(() => window.initAt));
    await context.close();
  }

  // Main-thread script time per event until delivered (storage and upload included).
  {
    const { context, page, cdp, apiKey } = await open();
    const before = await metric(cdp, 'ScriptDuration');
    await page.evaluate((count) => {
      for (let i = 0; i < count; i++) window.bench.track('Delivered Event', { i });
    }, DELIVERED_EVENTS);
    await waitFor(() => sink.count(apiKey) >= DELIVERED_EVENTS, 60_000, `${sdk} delivery`);
    await page.waitForTimeout(1500); // let the last acknowledgements be processed
    figures.scriptMicrosPerEvent = (((await metric(cdp, 'ScriptDuration')) - before) * 1e6) / DELIVERED_EVENTS;
    await context.close();
  }

  // 10,000-event burst: delivered count, longest task, heap retained afterwards.
  {
    const { context, page, cdp, apiKey } = await open();
    // The snapshot comes before the heap reading (and after it at the end): taking one allocates,
    // and that is not the burst's.
    const snapshotBefore = await heapSnapshotBytes(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapBefore = await metric(cdp, 'JSHeapUsedSize');
    // Tasks from the burst on: the page-load task (parsing the script) is not the burst's.
    await page.evaluate(() => {
      window.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if (entry.startTime >= window.burstAt) window.longest = Math.max(window.longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.evaluate((count) => {
      window.burstAt = performance.now();
      for (let i = 0; i < count; i++) window.bench.track('Burst Event', { i });
    }, BURST);
    await waitFor(() => sink.count(apiKey) >= BURST, 120_000, `${sdk} burst delivery`).catch(() => undefined);
    figures.burstDelivered = sink.count(apiKey);
    await page.waitForTimeout(1500);
    figures.longestTaskMs = await page.evaluate(() => window.longest);
    await cdp.send('HeapProfiler.collectGarbage');
    figures.heapRetainedKb = ((await metric(cdp, 'JSHeapUsedSize')) - heapBefore) / 1024;
    const snapshotAfter = await heapSnapshotBytes(cdp);
    figures.heapCodeKb = (snapshotAfter.code - snapshotBefore.code) / 1024;
    figures.heapDataKb = (snapshotAfter.data - snapshotBefore.data) / 1024;
    await context.close();
  }
  // One autocaptured click (element interactions on): the synchronous part inside the click
  // dispatch, over a baseline page without the SDK, and the deferred script time after it.
  {
    const baseline = await browser.newContext();
    const plain = await baseline.newPage();
    await plain.goto(pages.pageUrl(sdk));
    const withoutSdk = await plain.evaluate((count) => {
      window.bench.clickMicros(50);
      return window.bench.clickMicros(count);
    }, CLICKS);
    await baseline.close();
    const { context, page, cdp, apiKey } = await open({ autocapture: { elementInteractions: true } });
    await page.evaluate(() => window.bench.clickMicros(20)); // warm up
    await page.waitForTimeout(500);
    const before = await metric(cdp, 'ScriptDuration');
    const withSdk = await page.evaluate((count) => window.bench.clickMicros(count), CLICKS);
    await page.waitForTimeout(1500); // deferred selector, hierarchy and text work, then upload
    const totalMicros = (((await metric(cdp, 'ScriptDuration')) - before) * 1e6) / CLICKS;
    figures.clickSyncMicros = Math.max(0, withSdk - withoutSdk);
    figures.clickDeferredMicros = Math.max(0, totalMicros - withSdk);
    figures.clickEventsSeen = sink.count(apiKey);
    await context.close();
  }
  return figures;
};
