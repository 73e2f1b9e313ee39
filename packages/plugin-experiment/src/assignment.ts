import { IdentifyOperation, objectOrEmpty, type Event } from '@sightline/core';
import {
  ASSIGNMENT_DETAILS_SUFFIX,
  ASSIGNMENT_ENVIRONMENT_PROPERTY,
  ASSIGNMENT_EVENT,
  ASSIGNMENT_VARIANT_SUFFIX,
  VARIANT_OFF,
} from './constants.js';
import type { AssignedVariant, Assignment, Built } from './types.js';
import { experimentUserProperty } from './user-property.js';
import { flagKeyProblem, variantProblem } from './validate.js';

/** The value `$unset` carries on the wire (same as `Identify.unset`). */
const UNSET_VALUE = '-';

const readVariant = (assigned: AssignedVariant): { variant: unknown; details?: unknown } =>
  assigned !== null && typeof assigned === 'object'
    ? { variant: assigned.variant, details: assigned.details }
    : { variant: assigned };

/**
 * `[Experiment] Assignment` for apps that evaluate flags themselves: one
 * `[Experiment] <flag_key>.variant` per flag (`off` when none), and user properties that `$set` the
 * assigned flags and `$unset` the unassigned ones, as in the documented example. All or nothing: one
 * bad flag rejects the whole event, so a half-recorded assignment never reaches analysis.
 */
export const buildAssignmentEvent = (assignment: Assignment, strictVariantFormat = true): Built<Event> => {
  const flags = objectOrEmpty<Assignment>(assignment).flags;
  if (!flags || typeof flags !== 'object' || Array.isArray(flags) || Object.keys(flags).length === 0) {
    return {
      ok: false,
      problem:
        'trackAssignment: needs { flags: { <flag_key>: <variant | "off" | null> } } with at least one flag; nothing ' +
        'sent',
    };
  }
  const { environmentName } = assignment;
  if (environmentName !== undefined && (typeof environmentName !== 'string' || environmentName === '')) {
    return {
      ok: false,
      problem: 'trackAssignment: environmentName must be a non-empty string when given; nothing sent',
    };
  }
  const properties: { [name: string]: unknown } = {};
  const set: { [name: string]: string } = {};
  const unset: { [name: string]: string } = {};
  for (const flagKey of Object.keys(flags)) {
    const { variant, details } = readVariant(flags[flagKey]);
    const problem = flagKeyProblem(flagKey) || variantProblem(variant, strictVariantFormat);
    if (problem)
      return { ok: false, problem: `trackAssignment: flag ${JSON.stringify(flagKey)}: ${problem}; nothing sent` };
    const assigned = typeof variant === 'string' && variant !== VARIANT_OFF ? variant : undefined;
    properties[`${experimentUserProperty(flagKey)}${ASSIGNMENT_VARIANT_SUFFIX}`] = assigned || VARIANT_OFF;
    if (details !== undefined) properties[`${experimentUserProperty(flagKey)}${ASSIGNMENT_DETAILS_SUFFIX}`] = details;
    if (assigned) set[experimentUserProperty(flagKey)] = assigned;
    else unset[experimentUserProperty(flagKey)] = UNSET_VALUE;
  }
  if (environmentName !== undefined) properties[ASSIGNMENT_ENVIRONMENT_PROPERTY] = environmentName;
  const userProperties: { [operation: string]: { [name: string]: string } } = {};
  if (Object.keys(set).length) userProperties[IdentifyOperation.SET] = set;
  if (Object.keys(unset).length) userProperties[IdentifyOperation.UNSET] = unset;
  return {
    ok: true,
    value: { event_type: ASSIGNMENT_EVENT, event_properties: properties, user_properties: userProperties },
  };
};
