/* global sightline, SIGHTLINE_DEMO */
sightline.init('sightline-demo-key', {
  serverUrl: SIGHTLINE_DEMO.serverUrl,
  flushIntervalMillis: 200,
  logLevel: sightline.Types.LogLevel.Verbose,
});
sightline.track('Page Opened', { page: location.pathname });

const on = (id, handler) => document.getElementById(id).addEventListener('click', handler);
on('signup', () => sightline.track('Sign Up Clicked', { plan: 'starter' }));
on('buy', () => sightline.revenue(new sightline.Revenue().setProductId('sku-42').setPrice(19.99).setQuantity(1).setRevenueType('purchase')));
on('identify', () => sightline.identify(new sightline.Identify().set('plan', 'pro').add('upgrades', 1)));
on('flush', () => sightline.flush());

document.getElementById('ids').textContent =
  `device ${sightline.getDeviceId()} · session ${sightline.getSessionId()}`;
