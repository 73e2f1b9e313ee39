export { pageViewsPlugin, type PageViewsClient } from './page-views-plugin';
export { pageViewsOptionsFrom, resolvePageViewsOptions, type PageViewsOptions, type ResolvedPageViewsOptions } from './options';
export { isPageChange, type TrackHistoryChanges } from './history-policy';
export * from './constants';
