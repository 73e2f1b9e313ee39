// Without consent: every event goes on to the pipeline; nothing is held, dropped or erased.
export const createConsentGate = () => ({
  mode: 'full',
  start: () => 'full',
  ignored() {},
  report: (stats) => stats,
  admit() {},
  startSwitch() {},
  endSwitch() {},
});
