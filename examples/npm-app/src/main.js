// The npm way: import the full client, turn on the opt-in autocapture features, and let the
// default ones (page views, attribution, forms, file downloads, page URL enrichment) run too.
import * as sightline from '@sightline/browser';

// The demo server answers /demo-config.js with its collector's URL; without it, the
// collector's default port on this machine.
const SERVER_URL = window.SIGHTLINE_DEMO?.serverUrl ?? 'http://127.0.0.1:8787/2/httpapi';

sightline
  .init('sightline-npm-app-key', {
    serverUrl: SERVER_URL,
    flushIntervalMillis: 200,
    autocapture: {
      elementInteractions: true,
      // The default rule captures only 5xx and unanswered requests; 4xx too, so the
      // "broken endpoint" button below shows up.
      networkTracking: { captureRules: [{ statusCodeRange: '0,400-599' }] },
      // One [Amplitude] Web Vitals event when the page is hidden (switch tabs to send it).
      webVitals: true,
    },
  })
  .promise.then(() => {
    document.getElementById('ids').textContent =
      `device ${sightline.getDeviceId()} · session ${sightline.getSessionId()}`;
  });

const cart = [];
const status = document.getElementById('status');

document.getElementById('add-to-cart').addEventListener('click', (event) => {
  const sku = event.currentTarget.dataset.ampTrackSku;
  cart.push(sku);
  // Autocapture already sends [Amplitude] Element Clicked; this is the business event.
  sightline.track('Product Added', { sku, cart_size: cart.length });
  status.textContent = `${cart.length} item(s) in the cart`;
});

document.getElementById('load-catalog').addEventListener('click', async () => {
  const response = await fetch('./catalog.json');
  const catalog = await response.json();
  status.textContent = `catalog: ${catalog.items.map((item) => item.name).join(', ')} (200: not captured)`;
});

document.getElementById('broken-endpoint').addEventListener('click', async () => {
  const response = await fetch('./api/does-not-exist');
  status.textContent = `broken endpoint answered ${response.status}: see [Amplitude] Network Request`;
});

document.getElementById('newsletter').addEventListener('submit', (event) => {
  // A single-page app keeps the user here; [Amplitude] Form Submitted is still sent.
  event.preventDefault();
  status.textContent = 'subscribed (the address itself is never captured)';
});

// The capture preview: outlines what element interactions record and shows the event a click
// sends, sending nothing. Its code is a chunk of its own, fetched on this first call.
document.getElementById('preview').addEventListener('click', () => sightline.preview());
