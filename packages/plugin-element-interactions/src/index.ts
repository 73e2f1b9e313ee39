export { elementInteractionsPlugin } from './element-interactions-plugin.js';
export { frustrationInteractionsPlugin, rageClickProperties } from './frustration-interactions-plugin.js';
export * from './constants.js';
export { describeError, errorClickProperties, watchErrors, type BrowserError } from './error-watch.js';
export type {
  ActionType,
  ElementInteractionsOptions,
  FrustrationInteractionsOptions,
  PrivacyAndPageOptions,
  SelectorOption,
} from './options.js';
export { isPageUrlAllowed, matchesUrlPattern, type UrlPattern } from './page-url-filter.js';
export {
  createThrashedCursorDetector,
  DEFAULT_THRASHED_CURSOR_THRESHOLDS,
  type Thrash,
  type ThrashedCursorThresholds,
} from './thrashed-cursor-detector.js';
export { thrashedCursorThresholds } from './options.js';
export { RageClickDetector, isRageBurst, DEFAULT_RAGE_CLICK_THRESHOLDS } from './rage-click-detector.js';
export type { ClickBurst, ClickSample, RageClickThresholds } from './rage-click-detector.js';
export { buildElementProperties } from './element-properties.js';
export type { InteractionRecord, InteractionKind, ElementPropertiesContext } from './element-properties.js';
// What the capture preview (@sightline/preview) needs to show the very event a click would send.
export { resolvePrivacyAndPage, type ResolvedPrivacyAndPage } from './options.js';
export { compileSelectorList, closestMatching } from './selector-list.js';
export { recordInteraction } from './interaction-context.js';
