import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_EVENT,
  EXPOSURE_EVENT,
  buildAssignmentEvent,
  buildExperimentIdentify,
  buildExposureEvent,
  experimentUserProperty,
  type Assignment,
  type Exposure,
} from '@sightline/plugin-experiment';

describe('buildExposureEvent', () => {
  it('builds the documented example exactly', () => {
    expect(buildExposureEvent({ flagKey: 'my-experiment', variant: 'treatment' })).toEqual({
      ok: true,
      value: { event_type: '$exposure', event_properties: { flag_key: 'my-experiment', variant: 'treatment' } },
    });
  });

  it.each<[string, Exposure, { [name: string]: string }]>([
    [
      'with an experiment key',
      { flagKey: 'f', variant: 'on', experimentKey: 'run-2' },
      { flag_key: 'f', variant: 'on', experiment_key: 'run-2' },
    ],
    ['variant missing: left out so the property is unset', { flagKey: 'f' }, { flag_key: 'f' }],
    ['variant null: left out so the property is unset', { flagKey: 'f', variant: null }, { flag_key: 'f' }],
    [
      'experiment key null: left out',
      { flagKey: 'f', variant: 'on', experimentKey: null },
      { flag_key: 'f', variant: 'on' },
    ],
  ])('%s', (_name, exposure, properties) => {
    const built = buildExposureEvent(exposure);
    expect(built).toEqual({ ok: true, value: { event_type: EXPOSURE_EVENT, event_properties: properties } });
  });

  it.each<[string, unknown, RegExp]>([
    ['no argument', undefined, /needs an object/],
    ['a string instead of an object', 'my-flag', /needs an object/],
    ['missing flag key', { variant: 'on' }, /flag key is required/],
    ['empty flag key', { flagKey: '', variant: 'on' }, /flag key is required/],
    ['badly formatted variant', { flagKey: 'f', variant: 'Treatment' }, /lowercase kebab-case or snake_case/],
    ['numeric variant', { flagKey: 'f', variant: 2 }, /variant must be a non-empty string/],
    ['empty experiment key', { flagKey: 'f', experimentKey: '' }, /experiment key/],
  ])('rejects %s and says nothing is sent', (_name, input, message) => {
    const built = buildExposureEvent(input as Exposure);
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.problem).toMatch(message);
      expect(built.problem).toMatch(/^trackExposure: .*nothing sent$/);
    }
  });

  it('accepts any non-empty variant string when strict format is off', () => {
    expect(buildExposureEvent({ flagKey: 'f', variant: 'Variant B' }, false)).toEqual({
      ok: true,
      value: { event_type: '$exposure', event_properties: { flag_key: 'f', variant: 'Variant B' } },
    });
  });
});

describe('buildExperimentIdentify', () => {
  it('names the property [Experiment] <flag_key>', () => {
    expect(experimentUserProperty('my-experiment')).toBe('[Experiment] my-experiment');
  });
  it.each<[string, { flagKey: string; variant?: string | null }, object]>([
    [
      'sets the variant',
      { flagKey: 'my-experiment', variant: 'treatment' },
      { $set: { '[Experiment] my-experiment': 'treatment' } },
    ],
    ['unsets on null', { flagKey: 'my-flag', variant: null }, { $unset: { '[Experiment] my-flag': '-' } }],
    ['unsets when missing', { flagKey: 'my-flag' }, { $unset: { '[Experiment] my-flag': '-' } }],
  ])('%s', (_name, input, userProperties) => {
    const built = buildExperimentIdentify(input);
    expect(built.ok).toBe(true);
    if (built.ok) {
      expect(built.value.getUserProperties()).toEqual(userProperties);
      expect(built.value.problems).toEqual([]);
    }
  });
  it.each<[unknown, RegExp]>([
    [undefined, /needs an object/],
    [{ variant: 'on' }, /flag key is required/],
    [{ flagKey: 'f', variant: 'ON' }, /lowercase/],
  ])('rejects %j', (input, message) => {
    const built = buildExperimentIdentify(input as never);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problem).toMatch(message);
  });
});

describe('buildAssignmentEvent', () => {
  it('builds the documented seed example exactly', () => {
    const built = buildAssignmentEvent({ flags: { 'my-flag': 'off', 'my-experiment': 'treatment' } });
    expect(built).toEqual({
      ok: true,
      value: {
        event_type: '[Experiment] Assignment',
        event_properties: { '[Experiment] my-flag.variant': 'off', '[Experiment] my-experiment.variant': 'treatment' },
        user_properties: {
          $set: { '[Experiment] my-experiment': 'treatment' },
          $unset: { '[Experiment] my-flag': '-' },
        },
      },
    });
  });

  it.each<[string, Assignment, object, object]>([
    [
      'null and undefined variants count as off',
      { flags: { a: null, b: undefined } },
      { '[Experiment] a.variant': 'off', '[Experiment] b.variant': 'off' },
      { $unset: { '[Experiment] a': '-', '[Experiment] b': '-' } },
    ],
    [
      'only assigned flags: no $unset',
      { flags: { a: 'on' } },
      { '[Experiment] a.variant': 'on' },
      { $set: { '[Experiment] a': 'on' } },
    ],
    [
      'details and environment name',
      {
        flags: { a: { variant: 'treatment', details: 'v3 rule:allocation' }, b: { variant: null } },
        environmentName: 'production',
      },
      {
        '[Experiment] a.variant': 'treatment',
        '[Experiment] a.details': 'v3 rule:allocation',
        '[Experiment] b.variant': 'off',
        '[Experiment] Environment Name': 'production',
      },
      { $set: { '[Experiment] a': 'treatment' }, $unset: { '[Experiment] b': '-' } },
    ],
  ])('%s', (_name, assignment, eventProperties, userProperties) => {
    expect(buildAssignmentEvent(assignment)).toEqual({
      ok: true,
      value: { event_type: ASSIGNMENT_EVENT, event_properties: eventProperties, user_properties: userProperties },
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['no argument', undefined, /at least one flag/],
    ['no flags', { flags: {} }, /at least one flag/],
    ['flags as an array', { flags: ['a'] }, /at least one flag/],
    ['an empty flag key', { flags: { '': 'on' } }, /flag "": flag key is required/],
    [
      'one bad variant among good ones',
      { flags: { good: 'on', bad: 'Bad Variant' } },
      /flag "bad": variant "Bad Variant" must be lowercase/,
    ],
    ['a numeric variant', { flags: { a: 7 } }, /flag "a": variant must be a non-empty string/],
    ['an empty environment name', { flags: { a: 'on' }, environmentName: '' }, /environmentName/],
  ])('rejects %s as a whole (nothing half-recorded)', (_name, input, message) => {
    const built = buildAssignmentEvent(input as Assignment);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problem).toMatch(message);
  });
});
