import { describe, expect, it } from 'vitest';
import {
  decideCampaign,
  defaultExcludeReferrers,
  domainWithoutSubdomain,
  isExcludedReferrer,
  isInternalReferrer,
  type Campaign,
  type CampaignDecisionInput,
} from '@sightline/plugin-attribution';

const google: Campaign = { referrer: 'https://www.google.com/', referring_domain: 'www.google.com' };
const bing: Campaign = { referrer: 'https://www.bing.com/', referring_domain: 'www.bing.com' };
const self: Campaign = { referrer: 'https://blog.site.com/post', referring_domain: 'blog.site.com' };
const utmA: Campaign = { utm_source: 'a', utm_campaign: 'spring' };
const utmB: Campaign = { utm_source: 'b', utm_campaign: 'spring' };

const base: CampaignDecisionInput = {
  current: {},
  previous: undefined,
  isNewSession: true,
  hostname: 'www.site.com',
  excludeReferrers: defaultExcludeReferrers('site.com'),
};

describe('decideCampaign', () => {
  it.each<[string, Partial<CampaignDecisionInput>, boolean, Campaign | undefined]>([
    ['first visit, direct', { current: {} }, true, {}],
    ['first visit with UTM', { current: utmA }, true, utmA],
    ['new session, campaign changed', { current: utmB, previous: utmA }, true, utmB],
    ['new session, same campaign', { current: utmA, previous: utmA }, false, undefined],
    ['new session, direct traffic after a campaign (unset it)', { current: {}, previous: utmA }, true, {}],
    ['mid-session, campaign changed', { current: utmB, previous: utmA, isNewSession: false }, true, utmB],
    ['mid-session, direct traffic', { current: {}, previous: utmA, isNewSession: false }, false, undefined],
    ['a UTM parameter dropped', { current: { utm_source: 'a' }, previous: utmA }, true, { utm_source: 'a' }],
    ['referrer domain changed', { current: bing, previous: google }, true, bing],
    [
      'referrer page changed on the same domain is no new campaign',
      { current: { ...google, referrer: 'https://www.google.com/other' }, previous: google },
      false,
      undefined,
    ],
    [
      'referrer subdomain changed on the same root is no new campaign',
      { current: { referrer: 'https://news.google.com/', referring_domain: 'news.google.com' }, previous: google },
      false,
      undefined,
    ],
    ['self-referral (subdomain) is excluded by default', { current: self, previous: utmA }, false, undefined],
    ['self-referral on the first visit is excluded too', { current: self }, false, undefined],
    [
      'fix: excluded referrer keeps the UTM parameters of the URL',
      { current: { ...self, ...utmB }, previous: utmA },
      true,
      utmB,
    ],
    [
      'fix: excluded referrer with click id on first visit',
      { current: { ...self, gclid: 'g1' } },
      true,
      { gclid: 'g1' },
    ],
    [
      'custom list replaces the default (self-referral tracked)',
      { current: self, previous: utmA, excludeReferrers: [] },
      true,
      self,
    ],
    [
      'string rule is an exact match',
      { current: google, previous: utmA, excludeReferrers: ['www.google.com'] },
      false,
      undefined,
    ],
    [
      'string rule does not match another subdomain',
      { current: google, previous: utmA, excludeReferrers: ['google.com'] },
      true,
      google,
    ],
    ['RegExp rule', { current: google, previous: utmA, excludeReferrers: [/google\.com$/] }, false, undefined],
    [
      'always: internal referrer skipped even with UTM',
      { current: { ...self, ...utmB }, previous: utmA, excludeReferrers: [], excludeInternalReferrers: 'always' },
      false,
      undefined,
    ],
    [
      'ifEmptyCampaign: internal referrer without UTM skipped',
      { current: self, previous: utmA, excludeReferrers: [], excludeInternalReferrers: 'ifEmptyCampaign' },
      false,
      undefined,
    ],
    [
      'ifEmptyCampaign: internal referrer with UTM tracked',
      {
        current: { ...self, ...utmB },
        previous: utmA,
        excludeReferrers: [],
        excludeInternalReferrers: 'ifEmptyCampaign',
      },
      true,
      { ...self, ...utmB },
    ],
    [
      'external referrer is not internal',
      { current: google, previous: utmA, excludeInternalReferrers: 'always' },
      true,
      google,
    ],
  ])('%s', (_name, input, track, campaign) => {
    const decision = decideCampaign({ ...base, ...input });
    expect(decision.track).toBe(track);
    if (campaign) expect(decision.campaign).toEqual(campaign);
    expect(decision.reason).toBeTruthy();
  });
});

describe('referrer rules', () => {
  it.each([
    ['site.com', true],
    ['www.site.com', true],
    ['a.b.site.com', true],
    ['notsite.com', false],
    ['site.com.evil.net', false],
    ['', false],
    [undefined, false],
  ])('default exclusion of site.com vs %s', (domain, excluded) => {
    expect(isExcludedReferrer(domain, defaultExcludeReferrers('site.com'))).toBe(excluded);
  });

  it('a /g RegExp gives the same answer every time', () => {
    const rules = [/google/g];
    expect([1, 2, 3].map(() => isExcludedReferrer('google.com', rules))).toEqual([true, true, true]);
  });

  it('ignores rules that are neither string nor RegExp', () => {
    expect(isExcludedReferrer('a.com', [42 as unknown as string])).toBe(false);
  });

  it('an empty site domain excludes nothing', () => {
    expect(defaultExcludeReferrers('')).toEqual([]);
  });

  it('escapes the domain in the default RegExp', () => {
    expect(isExcludedReferrer('siteXcom', defaultExcludeReferrers('site.com'))).toBe(false);
  });

  it.each([
    ['a.site.com', 'www.site.com', true],
    ['site.com', 'site.com', true],
    ['google.com', 'www.site.com', false],
    [undefined, 'www.site.com', false],
    ['site.com', '', false],
  ])('isInternalReferrer(%s, %s) = %s', (referring, hostname, internal) => {
    expect(isInternalReferrer(referring, hostname)).toBe(internal);
  });

  it.each([
    ['a.b.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['localhost', 'localhost'],
    ['', ''],
  ])('domainWithoutSubdomain(%s) = %s', (domain, root) => {
    expect(domainWithoutSubdomain(domain)).toBe(root);
  });
});
