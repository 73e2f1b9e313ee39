// A custom build: the lean client imports no plugin; this app picks page views and element
// interactions, plus its own enrichment plugin. The bundle carries nothing else.
import { add, getDeviceId, init, track } from '@sightline/browser/lite';
import { elementInteractionsPlugin } from '@sightline/plugin-element-interactions';
import { pageViewsPlugin } from '@sightline/plugin-page-views';
import { appContextPlugin } from './app-context-plugin.js';

const SERVER_URL = window.SIGHTLINE_DEMO?.serverUrl ?? 'http://127.0.0.1:8787/2/httpapi';

// Plugins added before init() run from the first event on. The enrichment plugin is added
// first so it also enriches the page view sent on load.
add(appContextPlugin({ appVersion: '2.3.0', releaseChannel: 'beta' }));
add(pageViewsPlugin());
add(elementInteractionsPlugin({ cssSelectorAllowlist: ['button', 'a', '[data-track]'] }));

init('sightline-custom-build-key', { serverUrl: SERVER_URL, flushIntervalMillis: 200 }).promise.then(() => {
  document.getElementById('ids').textContent = `device ${getDeviceId()}`;
});

const stepOf = () => Number(new URLSearchParams(location.search).get('step') || 1);
document.getElementById('step').textContent = `step ${stepOf()}`;

document.getElementById('checkout').addEventListener('click', () => track('Checkout Started', { items: 2 }));
document.getElementById('next-page').addEventListener('click', () => {
  // A single-page-app navigation: the page views plugin sends another [Amplitude] Page Viewed.
  const step = stepOf() + 1;
  history.pushState({}, '', `?step=${step}`);
  document.getElementById('step').textContent = `step ${step}`;
});
