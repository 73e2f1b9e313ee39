/**
 * Where on-demand script files come from: the folder of the main script, or the
 * `scriptBaseUrl` init option. Pure string work; the browser resolves relative URLs.
 */
import { describeValue } from '@sightline/core';

/** The folder a script was loaded from: its URL up to the last `/` before any query or fragment. */
export const scriptFolderOf = (src: unknown): string | undefined =>
  (typeof src === 'string' && (/^[^?#]*\//.exec(src) || [])[0]) || undefined;

export interface ScriptBase {
  /** The folder on-demand files are loaded from (ends with `/`); undefined when unknown. */
  base?: string;
  /** Why `scriptBaseUrl` was ignored, to log. */
  problem?: string;
}

/** `scriptBaseUrl` when it is a non-empty string (a `/` added), else the main script's folder. */
export function resolveScriptBase(option: unknown, mainScriptFolder: string | undefined): ScriptBase {
  if (typeof option === 'string' && option.trim()) return { base: option.trim().replace(/\/?$/, '/') };
  return {
    base: mainScriptFolder,
    problem: option === undefined ? undefined : `scriptBaseUrl must be a folder URL, got ${describeValue(option)}`,
  };
}
