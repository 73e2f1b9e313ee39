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
  return {
    name: 'sightline-context',
    type: 'before',
    setup(config: Config) {
      const navigator = getNavigator();
      const userAgent = navigator ? navigator.userAgent : undefined;
      const language = navigator ? navigator.language || (navigator.languages && navigator.languages[0]) : undefined;
      const options = config.trackingOptions;
      const agent = parseUserAgent(userAgent);
      const fields: Partial<Event> = { library: LIBRARY };
      if (options.platform) fields.platform = PLATFORM;
      if (options.language && language) fields.language = language;
      if (options.osName && agent.osName) fields.os_name = agent.osName;
      if (options.osVersion && agent.osVersion) fields.os_version = agent.osVersion;
      if (options.deviceModel && agent.deviceModel) fields.device_model = agent.deviceModel;
      if (options.userAgent && userAgent) fields.user_agent = userAgent;
      if (options.ipAddress) fields.ip = IP_REMOTE;
      if (config.appVersion) fields.app_version = config.appVersion;
      if (config.partnerId) fields.partner_id = config.partnerId;
      context = fields;
    },
    execute(event: Event) {
      for (const field in context) {
        if (event[field] === undefined) event[field] = context[field];
      }
      return event;
    },
  };
};
