export { pageViewsPlugin } from './page-views-plugin.js';
export {
  pageViewsOptionsFrom,
  resolvePageViewsOptions,
  type PageViewsOptions,
  type ResolvedPageViewsOptions,
} from './options.js';
export { isPageChange, type TrackHistoryChanges } from './history-policy.js';
export * from './constants.js';
