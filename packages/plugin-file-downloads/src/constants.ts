/** Wire names and the documented extension list of file downloads, defined once. */
export const EVENT_FILE_DOWNLOADED = '[Amplitude] File Downloaded';
export const FILE_EXTENSION = '[Amplitude] File Extension';
export const FILE_NAME = '[Amplitude] File Name';
export const LINK_ID = '[Amplitude] Link ID';
export const LINK_TEXT = '[Amplitude] Link Text';
export const LINK_URL = '[Amplitude] Link URL';

/**
 * `pdf|xlsx?|docx?|txt|rtf|csv|exe|key|pp(s|t|tx)|7z|pkg|rar|gz|zip|avi|mov|mp4|mpe?g|wmv|midi?|mp3|wav|wma`, spelled
 * out.
 */
export const DEFAULT_FILE_EXTENSIONS: readonly string[] = (
  'pdf xls xlsx doc docx txt rtf csv exe key pps ppt pptx 7z pkg rar ' +
  'gz zip avi mov mp4 mpg mpeg wmv mid midi mp3 wav wma'
).split(' ');

export const PLUGIN_NAME = 'sightline-file-downloads';
