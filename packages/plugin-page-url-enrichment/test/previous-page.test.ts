import { describe, expect, it } from 'vitest';
import {
  MAX_REMEMBERED_PAGES,
  classifyPreviousPage,
  rememberUrlInfo,
  urlInfoAfterNavigation,
  urlInfoForLocation,
  urlInfoOnLoad,
} from '@sightline/plugin-page-url-enrichment';

describe('previous page', () => {
  it.each([
    ['no previous page is direct', '', 'www.site.com', [], 'direct'],
    ['same host is internal', 'https://www.site.com/a', 'www.site.com', [], 'internal'],
    ['another host is external', 'https://www.google.com/', 'www.site.com', [], 'external'],
    [
      'a sibling subdomain is external without internalDomains',
      'https://blog.site.com/',
      'www.site.com',
      [],
      'external',
    ],
    [
      'internalDomains: subdomain of a listed domain is internal',
      'https://blog.site.com/',
      'www.site.com',
      ['site.com'],
      'internal',
    ],
    [
      'internalDomains: exact listed host is internal',
      'https://partner.io/x',
      'www.site.com',
      ['partner.io'],
      'internal',
    ],
    [
      'internalDomains: a look-alike host is external',
      'https://notsite.com/',
      'www.site.com',
      ['site.com'],
      'external',
    ],
    ['internalDomains: empty entries are ignored', 'https://x.com/', 'www.site.com', [''], 'external'],
    ['unreadable previous URL counts as direct', 'not a url', 'www.site.com', [], 'direct'],
  ])('%s', (_name, previousUrl, hostname, internalDomains, expected) => {
    expect(classifyPreviousPage({ previousUrl, hostname, internalDomains })).toBe(expected);
  });

  it.each([
    [
      'a new tab starts from the referrer',
      undefined,
      'https://s.com/b',
      'https://g.com/',
      { url: 'https://s.com/b', previousUrl: 'https://g.com/' },
    ],
    [
      'a new tab without referrer has no previous page',
      undefined,
      'https://s.com/b',
      '',
      { url: 'https://s.com/b', previousUrl: '' },
    ],
    [
      'a refresh keeps the stored previous page',
      { url: 'https://s.com/b', previousUrl: 'https://s.com/a' },
      'https://s.com/b',
      'https://s.com/b',
      { url: 'https://s.com/b', previousUrl: 'https://s.com/a' },
    ],
    [
      'a new page load in the tab makes the stored page previous',
      { url: 'https://s.com/a', previousUrl: '' },
      'https://s.com/b',
      'https://s.com/a',
      { url: 'https://s.com/b', previousUrl: 'https://s.com/a' },
    ],
  ])('%s', (_name, stored, url, referrer, expected) => {
    expect(urlInfoOnLoad(stored, url, referrer)).toEqual(expected);
  });

  it('a navigation shifts the current page to previous; the same URL changes nothing', () => {
    const info = { url: 'https://s.com/a', previousUrl: '' };
    expect(urlInfoAfterNavigation(info, 'https://s.com/b')).toEqual({
      url: 'https://s.com/b',
      previousUrl: 'https://s.com/a',
    });
    expect(urlInfoAfterNavigation(info, 'https://s.com/a')).toBe(info);
  });

  describe('the page an event was tracked on (queued events)', () => {
    const load = { url: 'https://s.com/a', previousUrl: '' };
    const old = { url: 'https://s.com/old', previousUrl: 'https://s.com/a' };
    const redirected = { url: 'https://s.com/new', previousUrl: 'https://s.com/old' };
    const visited = [load, old, redirected];
    const same = (url: string) => url;

    it.each([
      ['an event stamped with an earlier page gets that page’s state', 'https://s.com/old', old],
      ['an event stamped with the current page gets the current state', 'https://s.com/new', redirected],
      ['an event without a page location gets the current state', undefined, redirected],
      ['a location never visited gets the current state', 'https://s.com/made-up', redirected],
      ['a non-string location gets the current state', 42, redirected],
    ])('%s', (_name, pageLocation, expected) => {
      expect(urlInfoForLocation(visited, redirected, pageLocation, same)).toBe(expected);
    });

    it('the newest visit of a location wins, compared in the form the event carries', () => {
      const again = { url: 'https://s.com/a%20b', previousUrl: 'https://s.com/new' };
      const first = { url: 'https://s.com/a%20b', previousUrl: '' };
      const now = { url: 'https://s.com/c', previousUrl: 'https://s.com/a%20b' };
      expect(urlInfoForLocation([first, again, now], now, 'https://s.com/a b', decodeURI)).toBe(again);
    });

    it('remembers at most MAX_REMEMBERED_PAGES states, dropping the oldest, without changing its input', () => {
      let list: { url: string; previousUrl: string }[] = [];
      for (let n = 0; n < MAX_REMEMBERED_PAGES + 3; n++)
        list = rememberUrlInfo(list, { url: `https://s.com/${n}`, previousUrl: '' });
      expect(list).toHaveLength(MAX_REMEMBERED_PAGES);
      expect(list[0].url).toBe('https://s.com/3');
      const before = list.slice();
      rememberUrlInfo(list, load);
      expect(list).toEqual(before);
    });
  });
});
