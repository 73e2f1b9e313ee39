export { fileDownloadsPlugin, fileDownloadsOptionsFrom, type FileDownloadsOptions, type FileDownloadsClient } from './file-downloads-plugin';
export { downloadTargetOf, normalizeExtensions, type DownloadTarget } from './download-link';
export * from './constants';
