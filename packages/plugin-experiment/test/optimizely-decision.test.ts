import { describe, expect, it } from 'vitest';
import {
  buildExperimentViewedEvent,
  buildOptimizelyIdentify,
  decisionKey,
  optimizelyUserProperty,
  readDecideResult,
  readFlagDecision,
  type FlagDecision,
} from '@sightline/plugin-experiment';

const notification = (decisionInfo: object, type = 'flag', userId: unknown = 'user-123') => ({
  type,
  userId,
  attributes: { plan: 'pro' },
  decisionInfo: { variables: {}, reasons: [], decisionEventDispatched: true, ...decisionInfo },
});

const enabled: FlagDecision = {
  userId: 'user-123',
  flagKey: 'checkout_redesign',
  enabled: true,
  variationKey: 'variation_a',
  ruleKey: 'checkout_experiment',
};

describe('readFlagDecision', () => {
  it('reads a v6 flag decision', () => {
    expect(
      readFlagDecision(
        notification({
          flagKey: 'checkout_redesign',
          enabled: true,
          variationKey: 'variation_a',
          ruleKey: 'checkout_experiment',
        }),
      ),
    ).toEqual(enabled);
  });
  it('bridges a decision whose decision event was not dispatched', () => {
    const decision = readFlagDecision(
      notification({ flagKey: 'f', enabled: true, variationKey: 'on', ruleKey: 'r', decisionEventDispatched: false }),
    );
    expect(decision).toEqual({ userId: 'user-123', flagKey: 'f', enabled: true, variationKey: 'on', ruleKey: 'r' });
  });
  it.each<[string, object, Partial<FlagDecision>]>([
    [
      'disabled with an empty variation key',
      { flagKey: 'f', enabled: false, variationKey: '', ruleKey: '' },
      { enabled: false, variationKey: '', ruleKey: '' },
    ],
    [
      'v6 nulls',
      { flagKey: 'f', enabled: false, variationKey: null, ruleKey: null },
      { enabled: false, variationKey: null, ruleKey: null },
    ],
    ['missing fields', { flagKey: 'f' }, { enabled: false, variationKey: null, ruleKey: null }],
    [
      'a truthy non-boolean enabled is not enabled',
      { flagKey: 'f', enabled: 'yes', variationKey: 'on' },
      { enabled: false, variationKey: 'on' },
    ],
  ])('%s', (_name, info, expected) => {
    expect(readFlagDecision(notification(info))).toMatchObject({ flagKey: 'f', ...expected });
  });
  it.each([['ab-test'], ['feature'], ['feature-test'], ['feature-variable'], ['all-feature-variables']])(
    'ignores %s decisions',
    (type) => {
      expect(readFlagDecision(notification({ flagKey: 'f', enabled: true, variationKey: 'on' }, type))).toBeUndefined();
    },
  );
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a string', 'flag'],
    ['no decisionInfo', { type: 'flag', userId: 'u' }],
    ['no flag key', notification({ enabled: true })],
    ['an empty flag key', notification({ flagKey: '' })],
  ])('ignores a broken payload: %s', (_name, payload) => {
    expect(readFlagDecision(payload)).toBeUndefined();
  });
  it('keeps a non-string user id out (empty string)', () => {
    expect(readFlagDecision(notification({ flagKey: 'f' }, 'flag', 42))).toMatchObject({ userId: '' });
  });
});

describe('readDecideResult (replaying decide() results)', () => {
  it('reads an OptimizelyDecision', () => {
    const decision = {
      flagKey: 'f',
      enabled: true,
      variationKey: 'on',
      ruleKey: 'r',
      variables: {},
      reasons: [],
      userContext: { getUserId: () => 'user-9' },
    };
    expect(readDecideResult(decision)).toEqual({
      userId: 'user-9',
      flagKey: 'f',
      enabled: true,
      variationKey: 'on',
      ruleKey: 'r',
    });
  });
  it('survives a user context that throws', () => {
    const decision = {
      flagKey: 'f',
      enabled: false,
      variationKey: null,
      ruleKey: null,
      userContext: {
        getUserId: () => {
          throw new Error('gone');
        },
      },
    };
    expect(readDecideResult(decision)).toEqual({
      userId: '',
      flagKey: 'f',
      enabled: false,
      variationKey: null,
      ruleKey: null,
    });
  });
  it.each([[undefined], [null], [{}], [{ flagKey: '' }], ['f']])('rejects %j', (value) =>
    expect(readDecideResult(value)).toBeUndefined(),
  );
});

describe('Optimizely user property and event', () => {
  it.each<[string, Partial<FlagDecision>, string]>([
    ['enabled: the variation key', {}, 'variation_a'],
    ['disabled: off', { enabled: false }, 'off'],
    ['disabled with an empty key: off', { enabled: false, variationKey: '' }, 'off'],
    ['enabled without a variation: off', { variationKey: null }, 'off'],
  ])('%s', (_name, change, value) => {
    expect(optimizelyUserProperty({ ...enabled, ...change })).toEqual({
      name: '[Optimizely] checkout_redesign',
      value,
    });
  });
  it('builds the identify as a $set', () => {
    expect(buildOptimizelyIdentify(enabled).getUserProperties()).toEqual({
      $set: { '[Optimizely] checkout_redesign': 'variation_a' },
    });
    expect(buildOptimizelyIdentify({ ...enabled, enabled: false, variationKey: '' }).getUserProperties()).toEqual({
      $set: { '[Optimizely] checkout_redesign': 'off' },
    });
  });
  it('builds Experiment Viewed with the four fields and the user id (browser form)', () => {
    expect(buildExperimentViewedEvent(enabled)).toEqual({
      event_type: 'Experiment Viewed',
      event_properties: {
        flag_key: 'checkout_redesign',
        variation_key: 'variation_a',
        rule_key: 'checkout_experiment',
        enabled: true,
        user_id: 'user-123',
      },
    });
  });
  it('keeps the raw variation and rule keys of a disabled decision on the event', () => {
    expect(
      buildExperimentViewedEvent({ ...enabled, enabled: false, variationKey: '', ruleKey: '' }).event_properties,
    ).toEqual({
      flag_key: 'checkout_redesign',
      variation_key: '',
      rule_key: '',
      enabled: false,
      user_id: 'user-123',
    });
  });
  it.each<[Partial<FlagDecision>, string]>([
    [{}, 'user-123:checkout_redesign:variation_a'],
    [{ userId: 'other' }, 'other:checkout_redesign:variation_a'],
    [{ variationKey: null }, 'user-123:checkout_redesign:null'],
  ])('dedupe key for %j', (change, key) => expect(decisionKey({ ...enabled, ...change })).toBe(key));
});
