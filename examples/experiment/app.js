/* global sightline, sightlineExperiment, optimizelySdk, SIGHTLINE_DEMO */
const output = document.getElementById('output');
const show = (label, value) => {
  output.textContent = `${label}\n${JSON.stringify(value, null, 2)}`;
};
const report = (label, answer) =>
  answer.promise.then((result) => show(`${label} → ${result.code} ${result.message}`, result.event));
const on = (id, handler) => document.getElementById(id).addEventListener('click', handler);

// The helpers take the default instance (the `sightline` global) or any createInstance() client.
// Created before init on purpose: calls made now are queued and sent once init has run.
const experiment = sightlineExperiment.createExperiment(sightline, {
  // Also $set / $unset `[Experiment] <flag_key>` with an $identify, for backends that do not
  // apply the exposure transformation themselves.
  setUserProperty: true,
});

// Optimizely: attach right after createInstance() and before any decide(); Optimizely does not
// replay decisions made earlier. Offline here: a local datafile, no event dispatch, no polling.
let optimizely;
let detach = () => undefined;
const optimizelyReady = fetch('datafile.json')
  .then((response) => response.text())
  .then((datafile) => {
    optimizely = optimizelySdk.createInstance({
      projectConfigManager: optimizelySdk.createStaticProjectConfigManager({ datafile }),
    });
    detach = experiment.attachOptimizely(optimizely, { dedupe: true });
    return optimizely.onReady();
  });

const initialised = sightline.init('sightline-demo-key', {
  serverUrl: SIGHTLINE_DEMO.serverUrl,
  flushIntervalMillis: 200,
  logLevel: sightline.Types.LogLevel.Verbose,
}).promise;

// Anonymous visitors: the Sightline device id doubles as the Optimizely user id, so both SDKs
// describe the same person (the Optimizely integration's identity rule).
let optimizelyUser;
Promise.all([initialised, optimizelyReady]).then(() => {
  optimizelyUser = optimizely.createUserContext(sightline.getDeviceId());
  show('Ready', { deviceId: sightline.getDeviceId() });
});

on('expose-treatment', () =>
  report(
    'trackExposure',
    experiment.trackExposure({ flagKey: 'new-checkout', variant: 'treatment', experimentKey: 'new-checkout-run-1' }),
  ),
);
on('expose-leave', () => report('trackExposure (no variant)', experiment.trackExposure({ flagKey: 'new-checkout' })));
// Never throws: logged through the SDK logger, nothing sent, answered with a 400 result.
on('expose-invalid', () => report('trackExposure (invalid)', experiment.trackExposure({ variant: 'treatment' })));
on('assignment', () =>
  report(
    'trackAssignment',
    experiment.trackAssignment({ flags: { 'new-checkout': 'treatment', 'beta-banner': 'off' } }),
  ),
);

const decide = (flagKey) => {
  if (!optimizelyUser) return show('Optimizely is not ready yet', {});
  const decision = optimizelyUser.decide(flagKey);
  show(`decide('${flagKey}') — the bridge sent $identify + Experiment Viewed (once per variation: dedupe is on)`, {
    flagKey: decision.flagKey,
    enabled: decision.enabled,
    variationKey: decision.variationKey,
    ruleKey: decision.ruleKey,
  });
};
on('decide-checkout', () => decide('checkout_redesign'));
on('decide-dark', () => decide('dark_mode'));
on('detach', () => {
  detach();
  show('Bridge detached: decide() no longer sends events', {});
});
