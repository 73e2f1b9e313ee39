/**
 * @sightline/preview — the capture preview: outlines every element autocapture would record on
 * the live page and shows the exact event a click on it sends, sending nothing. The browser
 * SDK loads it on demand (`sightline.preview()`); it can be used on its own too.
 */
export { openPreview, type PreviewHandle, type PreviewOptions } from './open-preview.js';
