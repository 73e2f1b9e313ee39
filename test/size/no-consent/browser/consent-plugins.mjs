// Without consent: every instance gets its plugins, persistent, at init.
export const modePlugins = (config, _mode, input) => [
  input.context(),
  input.destination(config, true),
  ...(input.autocapture ? input.autocapture(config) : []),
];
