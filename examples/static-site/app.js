/* global sightline */
// Runs right after the snippet, usually before the bundle has arrived: every call below is
// queued by the stub with the time it was made and replayed, in order, once the bundle loads.
// Only the queued methods (init, track, identify, revenue, ... and the Identify / Revenue
// builders) are available before then; getters such as getDeviceId() wait for init's promise.
const SERVER_URL = (window.SIGHTLINE_DEMO && window.SIGHTLINE_DEMO.serverUrl) || 'http://127.0.0.1:8787/2/httpapi';

sightline
  .init('sightline-demo-key', {
    serverUrl: SERVER_URL,
    flushIntervalMillis: 200,
    logLevel: 3, // Types.LogLevel.Verbose: the enum arrives with the bundle; the number works before
    // The defaults plus clicks: "Preview what autocapture sends" shows what each click sends.
    autocapture: { elementInteractions: true },
  })
  .promise.then(() => {
    document.getElementById('ids').textContent =
      `device ${sightline.getDeviceId()} · session ${sightline.getSessionId()}`;
  });
sightline.track('Page Opened', { page: location.pathname });

const on = (id, handler) => document.getElementById(id).addEventListener('click', handler);
on('signup', () => sightline.track('Sign Up Clicked', { plan: 'starter' }));
on('buy', () =>
  sightline.revenue(
    new sightline.Revenue().setProductId('sku-42').setPrice(19.99).setQuantity(1).setRevenueType('purchase'),
  ),
);
on('identify', () => sightline.identify(new sightline.Identify().set('plan', 'pro').add('upgrades', 1)));
on('flush', () => sightline.flush());
// Outlines every element a click is recorded on and shows the event it sends; sends nothing
// itself. Loaded on demand (sightline-preview.min.js, next to sightline.min.js). Escape closes it.
on('preview', () => sightline.preview());
