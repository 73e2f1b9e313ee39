export { pageUrlEnrichmentPlugin, pageUrlEnrichmentOptionsFrom, type PageUrlEnrichmentOptions } from './page-url-enrichment-plugin';
export { readPageProperties, pageUrlOf, type PageProperties } from './page-properties';
export { classifyPreviousPage, urlInfoOnLoad, urlInfoAfterNavigation, type UrlInfo, type PreviousPageInput } from './previous-page';
export * from './constants';
