// A custom enrichment plugin: the same { name, type, setup, execute } shape as the documented
// plugin API, so a plugin written for the documented SDK ports unchanged.
//
// It adds the app's release and two coarse, non-personal facts about the visitor's setup to
// every event. It reads nothing that identifies a person (no user agent string, no screen
// fingerprint), and it never throws: a plugin error must not cost the event.

/** Property names, defined once. */
export const APP_VERSION = 'app_version';
export const RELEASE_CHANNEL = 'release_channel';
export const COLOR_SCHEME = 'color_scheme';

const colorScheme = () => {
  try {
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return undefined; // no matchMedia (an old browser, a test DOM): leave the property out
  }
};

/**
 * @param {{ appVersion: string, releaseChannel?: string }} options
 * @returns {import('@sightline/browser/lite').Plugin}
 */
export const appContextPlugin = ({ appVersion, releaseChannel = 'stable' }) => {
  let scheme;
  return {
    name: 'app-context',
    type: 'enrichment',
    setup() {
      // Read once: it does not change per event, and execute() stays O(1).
      scheme = colorScheme();
    },
    execute(event) {
      const added = { [APP_VERSION]: appVersion, [RELEASE_CHANNEL]: releaseChannel };
      if (scheme) added[COLOR_SCHEME] = scheme;
      // Properties the app set on the event win over the plugin's.
      event.event_properties = { ...added, ...event.event_properties };
      return event;
    },
  };
};
