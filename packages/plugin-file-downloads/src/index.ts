export { fileDownloadsPlugin, fileDownloadsOptionsFrom, type FileDownloadsOptions } from './file-downloads-plugin.js';
export { downloadTargetOf, normalizeExtensions, type DownloadTarget } from './download-link.js';
export * from './constants.js';
