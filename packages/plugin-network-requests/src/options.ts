/** The documented `autocapture.networkTracking` option shapes. */

/** JSON paths (slash-separated, leading `/` optional, `*` one key, `**` any depth). */
export interface BodyCaptureRule {
  allowlist?: string[];
  /** Paths removed from what the allowlist kept. */
  excludelist?: string[];
  /** The documented SDK's other name for `excludelist`; both are honoured. */
  blocklist?: string[];
}

export interface NetworkCaptureRule {
  /**
   * URLs to capture: a string equals the full URL or the URL without query and fragment; a RegExp is tested against the
   * full URL.
   */
  urls?: (string | RegExp)[];
  /** Deprecated in favour of `urls`: host names, `*` wildcards (`*.example.com`). */
  hosts?: string[];
  /** HTTP methods; `['*']` (default) matches all. */
  methods?: string[];
  /** `"0,400-599"`: comma-separated codes and ranges. Default `"0,500-599"`. */
  statusCodeRange?: string;
  /** `true` = the safe list; an array = these names (never credentials). Default `false`. */
  requestHeaders?: boolean | string[];
  responseHeaders?: boolean | string[];
  requestBody?: BodyCaptureRule;
  responseBody?: BodyCaptureRule;
}

export interface NetworkTrackingOptions {
  /** Later rules take precedence: append rules with specific hosts at the bottom. */
  captureRules?: NetworkCaptureRule[];
  /** Hosts never captured, `*` wildcards (`["*.example.com", "example.com"]`). */
  ignoreHosts?: string[];
  /** Ignore requests to `amplitude.com` and its subdomains. Default `true`. */
  ignoreAmplitudeRequests?: boolean;
}
