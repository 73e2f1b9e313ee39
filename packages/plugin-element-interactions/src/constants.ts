/** Wire names and documented defaults, defined once. */
import { PAGE_TITLE, PAGE_URL } from '@sightline/dom';

export const PLUGIN_NAME_ELEMENT_INTERACTIONS = 'sightline-element-interactions';
export const PLUGIN_NAME_FRUSTRATION_INTERACTIONS = 'sightline-frustration-interactions';

export const EVENT_ELEMENT_CLICKED = '[Amplitude] Element Clicked';
export const EVENT_ELEMENT_CHANGED = '[Amplitude] Element Changed';
export const EVENT_RAGE_CLICK = '[Amplitude] Rage Click';
export const EVENT_DEAD_CLICK = '[Amplitude] Dead Click';
export const EVENT_ERROR_CLICK = '[Amplitude] Error Click';
export const EVENT_THRASHED_CURSOR = '[Amplitude] Thrashed Cursor';

export const Property = {
  ELEMENT_ID: '[Amplitude] Element ID',
  ELEMENT_CLASS: '[Amplitude] Element Class',
  ELEMENT_TAG: '[Amplitude] Element Tag',
  ELEMENT_TEXT: '[Amplitude] Element Text',
  ELEMENT_HREF: '[Amplitude] Element Href',
  ELEMENT_POSITION_LEFT: '[Amplitude] Element Position Left',
  ELEMENT_POSITION_TOP: '[Amplitude] Element Position Top',
  VIEWPORT_HEIGHT: '[Amplitude] Viewport Height',
  VIEWPORT_WIDTH: '[Amplitude] Viewport Width',
  // Shared with the page properties of @sightline/dom.
  PAGE_URL,
  PAGE_TITLE,
  ELEMENT_SELECTOR: '[Amplitude] Element Selector',
  ELEMENT_PATH: '[Amplitude] Element Path',
  ELEMENT_HIERARCHY: '[Amplitude] Element Hierarchy',
  ELEMENT_ATTRIBUTES: '[Amplitude] Element Attributes',
  ELEMENT_ARIA_LABEL: '[Amplitude] Element Aria Label',
  ELEMENT_PARENT_LABEL: '[Amplitude] Element Parent Label',
  // Rage click
  BEGIN_TIME: '[Amplitude] Begin Time',
  END_TIME: '[Amplitude] End Time',
  DURATION: '[Amplitude] Duration',
  CLICKS: '[Amplitude] Clicks',
  CLICK_COUNT: '[Amplitude] Click Count',
  // Dead click
  X: '[Amplitude] X',
  Y: '[Amplitude] Y',
  // Error click
  KIND: '[Amplitude] Kind',
  MESSAGE: '[Amplitude] Message',
  STACK: '[Amplitude] Stack',
  FILENAME: '[Amplitude] Filename',
  LINE_NUMBER: '[Amplitude] Line Number',
  COLUMN_NUMBER: '[Amplitude] Column Number',
} as const;

/** `[Amplitude] Kind` of an error click. */
export const ErrorKind = {
  UNCAUGHT_EXCEPTION: 'uncaught exception',
  CONSOLE_ERROR: 'console error',
  UNHANDLED_REJECTION: 'unhandled promise rejection',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** Elements always tracked. */
export const DEFAULT_CSS_SELECTOR_ALLOWLIST: readonly string[] = [
  'a',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'video',
  'audio',
  '[contenteditable="true" i]',
  '[data-amp-default-track]',
  '.amp-default-track',
];

/** Tracked only when the click changes the page or navigates. */
export const DEFAULT_ACTION_CLICK_ALLOWLIST: readonly string[] = ['div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Elements whose click is expected to do something. */
export const DEFAULT_DEAD_CLICK_ALLOWLIST: readonly string[] = [
  'a',
  'button',
  '[role="button"]',
  '[role="link"]',
  '[role="menuitem"]',
  '[role="menuitemcheckbox"]',
  '[role="menuitemradio"]',
  '[role="option"]',
  '[role="tab"]',
  '[role="treeitem"]',
  '[contenteditable]',
  'input[type="button"]',
  'input[type="submit"]',
  'input[type="reset"]',
  'input[type="image"]',
  'input[type="file"]',
];

/** A dead-click candidate inside a link that opens a new tab is never dead. */
export const NEW_TAB_LINK_SELECTOR = 'a[target="_blank" i]';

/** A click on an action-allowlisted element counts if the page changes within this time. */
export const ACTION_CLICK_WINDOW_MS = 500;
/** Rage click thresholds. */
export const RAGE_CLICK_MIN_COUNT = 4;
export const RAGE_CLICK_WINDOW_MS = 1000;
export const RAGE_CLICK_BOX_PX = 50;
/**
 * `[Amplitude] Clicks` keeps the first this-many clicks of a burst; `Click Count`, `End Time`
 * and `Duration` still cover all of it. Someone clicking one button without pause (a clicker
 * game, an auto-clicker) must not grow memory, per-click work or the event without bound.
 */
export const RAGE_CLICK_MAX_RECORDED = 50;
/** The Rage Click event goes out this long after the last click of the burst. */
export const RAGE_CLICK_SETTLE_MS = 1000;
/** No navigation or relevant DOM change within this time makes a dead click. */
export const DEAD_CLICK_WINDOW_MS = 3000;
/** Thrashed-cursor defaults. */
export const THRASHED_CURSOR_DIRECTION_CHANGES = 10;
export const THRASHED_CURSOR_THRESHOLD_MS = 2000;
/** An error this soon after a click makes an error click. */
export const ERROR_CLICK_WINDOW_MS = 2000;
/**
 * A region that mutated in two separate batches, each gap no longer than this, before a
 * click is "changing on its own" (a clock, a carousel): its later mutations prove nothing.
 */
export const AMBIENT_MUTATION_WINDOW_MS = 10_000;
