export { elementInteractionsPlugin } from './element-interactions-plugin';
export { frustrationInteractionsPlugin, rageClickProperties } from './frustration-interactions-plugin';
export * from './constants';
export { describeError, errorClickProperties, watchErrors, type BrowserError } from './error-watch';
export type {
  ActionType,
  ElementInteractionsOptions,
  FrustrationInteractionsOptions,
  PrivacyAndPageOptions,
  SelectorOption,
} from './options';
export { isPageUrlAllowed, matchesUrlPattern, type UrlPattern } from './page-url-filter';
export { createThrashedCursorDetector, DEFAULT_THRASHED_CURSOR_THRESHOLDS, type Thrash, type ThrashedCursorThresholds } from './thrashed-cursor-detector';
export { thrashedCursorThresholds } from './options';
export { RageClickDetector, isRageBurst, DEFAULT_RAGE_CLICK_THRESHOLDS } from './rage-click-detector';
export type { ClickBurst, ClickSample, RageClickThresholds } from './rage-click-detector';
export { buildElementProperties } from './element-properties';
export type { InteractionRecord, InteractionKind, ElementPropertiesContext } from './element-properties';
export type { TrackingClient } from './interaction-context';
