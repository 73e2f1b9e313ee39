import { describe, expect, it } from 'vitest';
import { isSecretParameterName, scrubUrl, urlWithoutQuery } from '@sightline/dom';

describe('scrubUrl', () => {
  it.each([
    // credentials
    ['https://user:pass@example.com/a', 'https://example.com/a'],
    ['https://user@example.com/a', 'https://example.com/a'],
    ['https://us%40er:p@ss@example.com:8080/a?x=1', 'https://example.com:8080/a?x=1'],
    ['//user:pass@cdn.example.com/x', '//cdn.example.com/x'],
    // secret parameter names (every listed name)
    ['https://e.com/?token=abc', 'https://e.com/?token=*****'],
    ['https://e.com/?access_token=abc&x=1', 'https://e.com/?access_token=*****&x=1'],
    ['https://e.com/?id_token=abc', 'https://e.com/?id_token=*****'],
    ['https://e.com/cb?code=abc&state=s', 'https://e.com/cb?code=*****&state=s'],
    ['https://e.com/?password=hunter2', 'https://e.com/?password=*****'],
    ['https://e.com/?passwd=hunter2', 'https://e.com/?passwd=*****'],
    ['https://e.com/?secret=s', 'https://e.com/?secret=*****'],
    ['https://e.com/?key=k', 'https://e.com/?key=*****'],
    ['https://e.com/?api_key=k', 'https://e.com/?api_key=*****'],
    ['https://e.com/?apikey=k', 'https://e.com/?apikey=*****'],
    ['https://e.com/?auth=a', 'https://e.com/?auth=*****'],
    ['https://e.com/?session=s', 'https://e.com/?session=*****'],
    ['https://e.com/?sig=s', 'https://e.com/?sig=*****'],
    ['https://e.com/?signature=s', 'https://e.com/?signature=*****'],
    ['https://e.com/?email=bob', 'https://e.com/?email=*****'],
    // name variants: case, dashes, suffixes
    ['https://e.com/?Access-Token=abc', 'https://e.com/?Access-Token=*****'],
    ['https://e.com/?refresh_token=abc', 'https://e.com/?refresh_token=*****'],
    ['https://e.com/?client_secret=abc', 'https://e.com/?client_secret=*****'],
    ['https://e.com/?X-Api-Key=abc', 'https://e.com/?X-Api-Key=*****'],
    // values that look personal, under any name
    ['https://e.com/?u=bob@example.com', 'https://e.com/?u=*****'],
    ['https://e.com/?u=bob%40example.com', 'https://e.com/?u=*****'],
    ['https://e.com/?n=4111111111111111', 'https://e.com/?n=*****'],
    ['https://e.com/?n=4111+1111+1111+1111', 'https://e.com/?n=*****'],
    ['https://e.com/?n=4111-1111-1111-1111', 'https://e.com/?n=*****'],
    ['https://e.com/?s=123-45-6789', 'https://e.com/?s=*****'],
    ['https://e.com/?bob@example.com', 'https://e.com/?*****'],
    // harmless values survive
    ['https://e.com/?utm_source=news&page=2', 'https://e.com/?utm_source=news&page=2'],
    // 13 digits failing Luhn are not a card (a timestamp); Luhn-valid ones are masked.
    ['https://e.com/?ts=1716245958484', 'https://e.com/?ts=1716245958484'],
    ['https://e.com/?ts=1716245958483', 'https://e.com/?ts=*****'],
    ['https://e.com/?monkey=1&zipcode=12345', 'https://e.com/?monkey=1&zipcode=12345'],
    ['https://e.com/?token=', 'https://e.com/?token='],
    ['https://e.com/?a&&b=', 'https://e.com/?a&&b='],
    // path segments and fragments
    ['https://e.com/users/bob@example.com/edit', 'https://e.com/users/*****/edit'],
    ['https://e.com/cb#access_token=abc&expires_in=3600', 'https://e.com/cb#access_token=*****&expires_in=3600'],
    ['https://e.com/#section-2', 'https://e.com/#section-2'],
    ['https://e.com/#bob@example.com', 'https://e.com/#*****'],
    ['https://e.com/a?b=1#c', 'https://e.com/a?b=1#c'],
    // relative and opaque
    ['/checkout?token=abc#top', '/checkout?token=*****#top'],
    ['?password=x', '?password=*****'],
    ['page.html?email=a', 'page.html?email=*****'],
    ['mailto:bob@example.com', 'mailto:*****'],
    ['mailto:bob@example.com?subject=hi', 'mailto:*****?subject=hi'],
    ['localhost:3000/a?token=1', 'localhost:3000/a?token=*****'],
    ['javascript:void(0)', 'javascript:void(0)'],
    // garbage
    ['', ''],
    ['%E0%A4%A', '%E0%A4%A'],
    ['?token=%E0%A4%A', '?token=*****'],
    ['not a url at all', 'not a url at all'],
    ['https://ü.example/ünïcode?q=日本', 'https://ü.example/ünïcode?q=日本'],
  ])('C5/D scrubs %s', (input, expected) => {
    expect(scrubUrl(input)).toBe(expected);
  });

  it.each([undefined, null, 42, {}, []])('never throws on non-string input %s', (input) => {
    expect(scrubUrl(input as string)).toBe('');
    expect(urlWithoutQuery(input as string)).toBe('');
  });
});

describe('urlWithoutQuery ([Amplitude] URL)', () => {
  it.each([
    ['https://user:pass@e.com/a/b?token=1#frag', 'https://e.com/a/b'],
    ['https://e.com', 'https://e.com'],
    ['https://e.com/?a=1', 'https://e.com/'],
    ['https://e.com#x?y', 'https://e.com'],
    ['/relative/path?x=1', '/relative/path'],
    ['https://e.com/u/bob@example.com?x', 'https://e.com/u/*****'],
    ['', ''],
  ])('%s -> %s', (input, expected) => {
    expect(urlWithoutQuery(input)).toBe(expected);
  });
});

describe('isSecretParameterName', () => {
  it.each([
    ['token', true],
    ['TOKEN', true],
    ['api-key', true],
    ['api.key', true],
    ['sessionId', true],
    ['utm_source', false],
    ['keyword', false],
    ['page', false],
    ['%74oken', true],
  ])('%s -> %s', (name, expected) => {
    expect(isSecretParameterName(name)).toBe(expected);
  });
});
