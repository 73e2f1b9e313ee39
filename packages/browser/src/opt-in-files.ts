/**
 * The opt-in features whose code the full entry loads only when `autocapture` turns them on:
 * one file each (element interactions carries frustration interactions too), named by the
 * option that turns it on in the one line logged when it cannot be loaded.
 */
import type * as ElementInteractions from '@sightline/plugin-element-interactions';
import type * as NetworkRequests from '@sightline/plugin-network-requests';
import type * as WebVitals from '@sightline/plugin-web-vitals';

export interface OptInModules {
  'element-interactions': typeof ElementInteractions;
  'network-requests': typeof NetworkRequests;
  'web-vitals': typeof WebVitals;
}

export type OptInFile = keyof OptInModules;

export const OPT_IN_LABELS: { readonly [file in OptInFile]: string } = {
  'element-interactions': 'autocapture.elementInteractions / frustrationInteractions',
  'network-requests': 'autocapture.networkTracking',
  'web-vitals': 'autocapture.webVitals',
};

/**
 * The opt-in plugins' names, as their packages define them (a test checks they match): importing
 * the constants from those packages would put each package in the main bundle.
 */
export const OPT_IN_PLUGIN_NAMES = {
  elementInteractions: 'sightline-element-interactions',
  frustrationInteractions: 'sightline-frustration-interactions',
  networkRequests: 'sightline-network-requests',
  webVitals: 'sightline-web-vitals',
} as const;
