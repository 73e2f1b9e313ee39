/**
 * The options of the browser client's `init`: the common ones, with `autocapture` typed per
 * feature. Each feature takes `true` (on with its defaults), `false` (off), or its plugin's options.
 */
import type { ClientOptions, CoreAutocaptureOptions } from '@sightline/core';
import type { AttributionOptions } from '@sightline/plugin-attribution';
import type {
  ElementInteractionsOptions,
  FrustrationInteractionsOptions,
} from '@sightline/plugin-element-interactions';
import type { FileDownloadsOptions } from '@sightline/plugin-file-downloads';
import type { FormInteractionsOptions } from '@sightline/plugin-form-interactions';
import type { NetworkTrackingOptions } from '@sightline/plugin-network-requests';
import type { PageUrlEnrichmentOptions } from '@sightline/plugin-page-url-enrichment';
import type { PageViewsOptions } from '@sightline/plugin-page-views';
import type { WebVitalsOptions } from '@sightline/plugin-web-vitals';

/** What the full entry captures automatically (the lean entry: sessions only; add plugins instead). */
export interface AutocaptureOptions extends CoreAutocaptureOptions {
  /**
   * Campaign attribution (UTM parameters, referrer, click ids) as user properties.
   * @defaultValue `true`
   */
  attribution?: boolean | AttributionOptions;
  /**
   * `[Amplitude] Page Viewed` on load and on single-page-app navigations.
   * @defaultValue `true`
   */
  pageViews?: boolean | PageViewsOptions;
  /**
   * `[Amplitude] Form Started` and `[Amplitude] Form Submitted`.
   * @defaultValue `true`
   */
  formInteractions?: boolean | FormInteractionsOptions;
  /**
   * `[Amplitude] File Downloaded` when a link to a file is clicked.
   * @defaultValue `true`
   */
  fileDownloads?: boolean | FileDownloadsOptions;
  /** @deprecated A spelling seen in older documentation; use `fileDownloads`. */
  fileDownload?: boolean | FileDownloadsOptions;
  /**
   * The previous page and its type on every event.
   * @defaultValue `true`
   */
  pageUrlEnrichment?: boolean | PageUrlEnrichmentOptions;
  /**
   * `[Amplitude] Element Clicked` and `[Amplitude] Element Changed`.
   * @defaultValue `false`
   */
  elementInteractions?: boolean | ElementInteractionsOptions;
  /**
   * `[Amplitude] Rage Click` and `[Amplitude] Dead Click`.
   * @defaultValue `false`
   */
  frustrationInteractions?: boolean | FrustrationInteractionsOptions;
  /**
   * `[Amplitude] Network Request` for fetch and XMLHttpRequest (failed requests by default).
   * @defaultValue `false`
   */
  networkTracking?: boolean | NetworkTrackingOptions;
  /**
   * `[Amplitude] Web Vitals` (LCP, FCP, INP, CLS, TTFB), sent when the page is hidden.
   * @defaultValue `false`
   */
  webVitals?: boolean | WebVitalsOptions;
}

/** The options of `init(apiKey, options)` in the browser (the documented SDK's `BrowserOptions`). */
export interface BrowserOptions extends ClientOptions {
  /**
   * What is captured automatically; `false` turns everything off, `true` the default features.
   * @defaultValue `true`
   */
  autocapture?: boolean | AutocaptureOptions;
  /**
   * Script tag only: the folder on-demand files (such as `sightline-preview.min.js`) are loaded
   * from. Set it when the bundle is inlined, re-bundled or served apart from those files.
   * @defaultValue the folder `sightline.min.js` was loaded from
   */
  scriptBaseUrl?: string;
  /** @deprecated The old name of `autocapture`, used when `autocapture` is not given. */
  defaultTracking?: boolean | AutocaptureOptions;
}
