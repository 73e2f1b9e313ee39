import { LIBRARY, getNavigator, type Config, type Event, type Plugin } from '@sightline/core';
import { IP_REMOTE, PLATFORM } from './constants.js';
import { parseUserAgent } from './user-agent.js';

/**
 * The `before` plugin that fills the context fields: library, platform, language,
 * os_name, os_version, device_model, user_agent, ip, app_version, partner_id — each only
 * when `trackingOptions` allows and the event does not carry its own value. The values are
 * read once at setup; the per-event work is a handful of assignments.
 */
export const contextPlugin = (): Plugin => {
  let context: Partial<Event> = {};
  /** The field names of `context`, listed once rather than enumerated per event. */
  let fields: string[] = [];
  return {
    name: 'sightline-context',
    type: 'before',
    setup(config: Config) {
      const navigator = getNavigator();
      const userAgent = navigator ? navigator.userAgent : undefined;
      const language = navigator ? navigator.language || (navigator.languages && navigator.languages[0]) : undefined;
      const options = config.trackingOptions;
      const agent = parseUserAgent(userAgent);
      const values: Partial<Event> = { library: LIBRARY };
      if (options.platform) values.platform = PLATFORM;
      if (options.language && language) values.language = language;
      if (options.osName && agent.osName) values.os_name = agent.osName;
      if (options.osVersion && agent.osVersion) values.os_version = agent.osVersion;
      if (options.deviceModel && agent.deviceModel) values.device_model = agent.deviceModel;
      if (options.userAgent && userAgent) values.user_agent = userAgent;
      if (options.ipAddress) values.ip = IP_REMOTE;
      if (config.appVersion) values.app_version = config.appVersion;
      if (config.partnerId) values.partner_id = config.partnerId;
      context = values;
      fields = Object.keys(values);
    },
    execute(event: Event) {
      for (let index = 0; index < fields.length; index++) {
        const field = fields[index];
        if (event[field] === undefined) event[field] = context[field];
      }
      return event;
    },
  };
};
