/**
 * The script-tag build's stand-in for opt-in-import.ts: the feature's file from the folder of
 * the main script (or `scriptBaseUrl`), with its SRI hash and the page's nonce, once per page.
 */
import type { LoadContext } from './on-demand/on-demand-plugin.js';
import { loadOnDemand } from './on-demand/load-on-demand.js';
import { mainScript } from './on-demand/this-script.js';
import { OPT_IN_LABELS, type OptInFile, type OptInModules } from './opt-in-files.js';

export const importOptIn = <File extends OptInFile>(
  file: File,
  { scriptBaseUrl, logger }: LoadContext,
): Promise<OptInModules[File] | undefined> =>
  loadOnDemand({ feature: file, label: OPT_IN_LABELS[file], scriptBaseUrl, mainScript, logger }) as Promise<
    OptInModules[File] | undefined
  >;
