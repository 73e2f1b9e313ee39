/**
 * The script-tag bundle's own script element, read once: only while the bundle first runs does
 * the document know which script it is.
 */
import { getDocument } from '@sightline/core';
import { readMainScript } from './main-script.js';

export const mainScript = readMainScript(getDocument());
