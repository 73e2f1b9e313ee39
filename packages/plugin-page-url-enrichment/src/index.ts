export { pageUrlEnrichmentPlugin, pageUrlEnrichmentOptionsFrom, type PageUrlEnrichmentOptions } from './page-url-enrichment-plugin';
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
} from './previous-page';
export * from './constants';
