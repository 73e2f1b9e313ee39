export {
  pageUrlEnrichmentPlugin,
  pageUrlEnrichmentOptionsFrom,
  type PageUrlEnrichmentOptions,
} from './page-url-enrichment-plugin.js';
export { readPageProperties, readableUrl, pageUrlOf, type PageProperties } from '@sightline/dom';
export {
  classifyPreviousPage,
  urlInfoOnLoad,
  urlInfoAfterNavigation,
  urlInfoForLocation,
  rememberUrlInfo,
  MAX_REMEMBERED_PAGES,
  type UrlInfo,
  type PreviousPageInput,
} from './previous-page.js';
export * from './constants.js';
