import { describe, expect, it } from 'vitest';
import { hasCampaignParameters, isDirectTraffic, parseCampaign } from '@sightline/plugin-attribution';

describe('parseCampaign', () => {
  it.each([
    [
      'every UTM parameter',
      'https://s.com/?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=a%20b&utm_content=banner&utm_id=spring-24',
      '',
      {
        utm_source: 'news',
        utm_medium: 'email',
        utm_campaign: 'spring',
        utm_term: 'a b',
        utm_content: 'banner',
        utm_id: 'spring-24',
      },
    ],
    ['names are case-sensitive', 'https://s.com/?UTM_SOURCE=x&utm_Source=y', '', {}],
    [
      'every click id',
      'https://s.com/?dclid=1&fbclid=2&gbraid=3&wbraid=4&gclid=5&ko_click_id=6&li_fat_id=7&msclkid=8&rdt_cid=9&ttclid=10&twclid=11',
      '',
      {
        dclid: '1',
        fbclid: '2',
        gbraid: '3',
        wbraid: '4',
        gclid: '5',
        ko_click_id: '6',
        li_fat_id: '7',
        msclkid: '8',
        rdt_cid: '9',
        ttclid: '10',
        twclid: '11',
      },
    ],
    ['unknown parameters are ignored', 'https://s.com/?ref=x&utm_ids=9', '', {}],
    ['empty values are absent', 'https://s.com/?utm_source=&gclid', '', {}],
    ['the fragment is not the query', 'https://s.com/#utm_source=x', '', {}],
    ['query before a fragment is read', 'https://s.com/p?gclid=abc#top', '', { gclid: 'abc' }],
    [
      'referrer and referring domain',
      'https://s.com/',
      'https://www.google.com/search?q=x',
      { referrer: 'https://www.google.com/search?q=x', referring_domain: 'www.google.com' },
    ],
    ['empty referrer is direct traffic', 'https://s.com/', '', {}],
    [
      'the referrer is scrubbed',
      'https://s.com/',
      'https://user:pw@other.com/cb?token=abc&x=1',
      { referrer: 'https://other.com/cb?token=*****&x=1', referring_domain: 'other.com' },
    ],
    [
      'emails in campaign values are masked',
      'https://s.com/?utm_term=a%40b.co&utm_source=x',
      '',
      { utm_term: '*****', utm_source: 'x' },
    ],
    ['garbage URL yields no campaign', 'not a url at all ?', '', {}],
    ['garbage referrer keeps a scrubbed referrer without domain', 'https://s.com/', 'garbage', { referrer: 'garbage' }],
  ])('%s', (_name, url, referrer, expected) => {
    expect(parseCampaign({ url, referrer })).toEqual(expected);
  });

  it('tolerates non-string input', () => {
    expect(parseCampaign({ url: undefined as unknown as string, referrer: null as unknown as string })).toEqual({});
  });

  it.each([
    [{}, false, true],
    [{ referrer: 'https://a.com/', referring_domain: 'a.com' }, false, false],
    [{ utm_source: 'x' }, true, false],
    [{ gclid: 'x' }, true, false],
  ])('hasCampaignParameters / isDirectTraffic of %j', (campaign, parameters, direct) => {
    expect(hasCampaignParameters(campaign)).toBe(parameters);
    expect(isDirectTraffic(campaign)).toBe(direct);
  });
});
