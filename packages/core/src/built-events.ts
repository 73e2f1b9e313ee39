/**
 * The events identify, groupIdentify, setGroup and revenue send, and why their arguments are
 * refused when they are. What these throw (an object that only looks like an Identify or a
 * Revenue, a Proxy) is the caller's to answer.
 */
import { EVENT_GROUP_IDENTIFY, EVENT_IDENTIFY, EVENT_REVENUE, IdentifyOperation } from './constants.js';
import { isIdentify, type Identify } from './identify.js';
import type { Revenue } from './revenue.js';
import type { Event, Logger } from './types.js';

/** Why `identify` cannot be sent by `name`, if it cannot; the problems it collected are logged. */
export const identifyProblem = (name: string, identify: unknown, logger: Logger): string | undefined => {
  if (!isIdentify(identify)) return `${name} needs an Identify object`;
  const problems = identify.problems;
  if (Array.isArray(problems)) for (const problem of problems) logger.warn(problem);
  return undefined;
};

/** Why setGroup or groupIdentify (`name`) refuses its group, if it does. */
export const groupProblem = (name: string, groupType: unknown, groupName: unknown): string | undefined =>
  isGroup(groupType, groupName) ? undefined : `${name} needs a group type string and a group name (string or string[])`;

const isGroup = (groupType: unknown, groupName: unknown): boolean =>
  typeof groupType === 'string' &&
  groupType.length > 0 &&
  (typeof groupName === 'string' || (Array.isArray(groupName) && groupName.every((name) => typeof name === 'string')));

/** Checked by shape, not instanceof, so apps that never build a Revenue do not bundle the class. */
export const revenueProblem = (revenue: unknown): string | undefined =>
  revenue && typeof (revenue as Revenue).getEventProperties === 'function'
    ? (revenue as Revenue).validate()
    : 'revenue needs a Revenue object';

export const identifyEvent = (identify: Identify): Event => ({
  event_type: EVENT_IDENTIFY,
  user_properties: identify.getUserProperties(),
});

export const groupIdentifyEvent = (groupType: string, groupName: string | string[], identify: Identify): Event => ({
  event_type: EVENT_GROUP_IDENTIFY,
  groups: { [groupType]: groupName },
  group_properties: identify.getUserProperties(),
});

/** setGroup: the user joins the group(s), which are also set as a user property. */
export const setGroupEvent = (groupType: string, groupName: string | string[]): Event => ({
  event_type: EVENT_IDENTIFY,
  groups: { [groupType]: groupName },
  user_properties: { [IdentifyOperation.SET]: { [groupType]: groupName } },
});

export const revenueEvent = (revenue: Revenue): Event => ({
  event_type: EVENT_REVENUE,
  event_properties: revenue.getEventProperties(),
});
