import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NetworkProperty as P } from '../src/index.js';
import { absoluteUrl, stripQuery } from '../src/url-parts.js';
import { installFakeFetch, settle, startClient } from './harness.js';

const pageFetch = globalThis.fetch;
const stops: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

afterAll(() => {
  globalThis.fetch = pageFetch;
});

describe('shared URL helpers (fetch, XHR and serverUrl resolution)', () => {
  it('absoluteUrl resolves against the page and keeps what cannot be resolved', () => {
    expect(absoluteUrl('https://a.com/x?y=1#z')).toBe('https://a.com/x?y=1#z');
    expect(absoluteUrl('/api/x')).toBe(new URL('/api/x', location.href).href);
    expect(absoluteUrl('http://[bad')).toBe('http://[bad');
  });

  it('stripQuery drops the query and the fragment', () => {
    expect(stripQuery('https://a.com/x?y=1#z')).toBe('https://a.com/x');
    expect(stripQuery('https://a.com/x#z?y')).toBe('https://a.com/x');
    expect(stripQuery('https://a.com/x')).toBe('https://a.com/x');
  });

  it('a URL object given to fetch is captured by its href', async () => {
    installFakeFetch(() => Promise.resolve(new Response('', { status: 500 })));
    const client = await startClient();
    stops.push(client.stop);
    await fetch(new URL('https://api.example.com/a?page=2'));
    await settle();
    expect(client.properties()).toEqual([
      expect.objectContaining({ [P.URL]: 'https://api.example.com/a', [P.URL_QUERY]: 'page=2' }),
    ]);
  });
});
