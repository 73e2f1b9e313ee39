import { DEFAULT_INSTANCE_NAME, type Config } from '@sightline/core';
import { KEY_PREFIX_LENGTH } from '../constants';

/** `<key10>` for the default instance, `<key10>_<instance>` for named ones: instances never share a queue. */
export const queueSuffix = (config: Pick<Config, 'apiKey' | 'instanceName'>): string => {
  const key = config.apiKey.slice(0, KEY_PREFIX_LENGTH);
  return config.instanceName === DEFAULT_INSTANCE_NAME ? key : `${key}_${config.instanceName}`;
};
