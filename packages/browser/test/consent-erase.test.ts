import { describe, expect, it } from 'vitest';
import { cookieDomains } from '../src/consent-erase.js';

describe('consent eraser: the domains a cookie may have been written with', () => {
  it.each<[string, string[]]>([
    ['', ['']],
    ['localhost', ['']],
    ['example.com', ['', '.example.com']],
    ['a.b.example.com', ['', '.a.b.example.com', '.b.example.com', '.example.com']],
  ])('%j → %j', (hostname, domains) => {
    expect(cookieDomains(hostname)).toEqual(domains);
  });
});
