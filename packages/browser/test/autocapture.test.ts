import { describe, expect, it } from 'vitest';
import { resolvedConfig } from '@sightline/test-utils';
import { resolveAutocapture } from '../src/autocapture-policy.js';
import { wireAutocapture } from '../src/autocapture.js';

const features = [
  { key: 'pageViews', defaultOn: true },
  { key: 'fileDownloads', aliases: ['fileDownload'], defaultOn: true },
  { key: 'webVitals', defaultOn: false },
];

describe('resolveAutocapture', () => {
  it.each([
    ['undefined: the defaults', undefined, { pageViews: {}, fileDownloads: {} }],
    ['true: the defaults', true, { pageViews: {}, fileDownloads: {} }],
    ['false: nothing', false, {}],
    ['{}: the defaults', {}, { pageViews: {}, fileDownloads: {} }],
    ['a default-on feature set to false', { pageViews: false }, { fileDownloads: {} }],
    ['a default-off feature set to true', { webVitals: true }, { pageViews: {}, fileDownloads: {}, webVitals: {} }],
    [
      'options objects pass through',
      { pageViews: { trackHistoryChanges: 'all' } },
      { pageViews: { trackHistoryChanges: 'all' }, fileDownloads: {} },
    ],
    ['the documented alias fileDownload', { fileDownload: false }, { pageViews: {} }],
    ['the key wins over its alias', { fileDownloads: true, fileDownload: false }, { pageViews: {}, fileDownloads: {} }],
    ['null and other junk mean the defaults', null, { pageViews: {}, fileDownloads: {} }],
  ])('%s', (_, setting, expected) => {
    expect(resolveAutocapture(setting, features)).toEqual(expected);
  });
});

const pluginsFor = (autocapture: unknown) =>
  wireAutocapture(resolvedConfig({ autocapture })).map((plugin) => plugin.name);

describe('the full entry wires the default plugins from `autocapture`', () => {
  it('defaults: attribution before page views, then forms, downloads, page URL enrichment', () => {
    expect(pluginsFor(undefined)).toEqual([
      'sightline-attribution',
      'sightline-page-views',
      'sightline-form-interactions',
      'sightline-file-downloads',
      'sightline-page-url-enrichment',
    ]);
  });

  it('element interactions, frustration, network capture and web vitals are off by default and on when asked', () => {
    expect(
      pluginsFor({
        networkTracking: { captureRules: [] },
        webVitals: true,
        elementInteractions: true,
        frustrationInteractions: {},
      }).slice(-4),
    ).toEqual([
      'sightline-element-interactions',
      'sightline-frustration-interactions',
      'sightline-network-requests',
      'sightline-web-vitals',
    ]);
  });

  it('autocapture: false wires none', () => {
    expect(pluginsFor(false)).toEqual([]);
  });

  it('each feature can be switched off on its own', () => {
    expect(pluginsFor({ attribution: false, formInteractions: false })).toEqual([
      'sightline-page-views',
      'sightline-file-downloads',
      'sightline-page-url-enrichment',
    ]);
  });
});
