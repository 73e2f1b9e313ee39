/**
 * How the full npm entry gets an opt-in feature's code: a dynamic import, which bundlers split
 * into its own file, once per page. The script-tag build uses opt-in-import.script.ts instead
 * (see rollup.config.mjs).
 */
import type { LoadContext } from './on-demand/on-demand-plugin.js';
import { OPT_IN_LABELS, type OptInFile, type OptInModules } from './opt-in-files.js';

const importers: { [file in OptInFile]: () => Promise<OptInModules[file]> } = {
  'element-interactions': () => import('@sightline/plugin-element-interactions'),
  'network-requests': () => import('@sightline/plugin-network-requests'),
  'web-vitals': () => import('@sightline/plugin-web-vitals'),
};

const loads: { [file in OptInFile]?: Promise<unknown> } = {};

export const importOptIn = <File extends OptInFile>(
  file: File,
  { logger }: LoadContext,
): Promise<OptInModules[File] | undefined> =>
  (loads[file] ||= importers[file]().catch((error: unknown) => {
    logger.error(`Could not load @sightline/plugin-${file}: ${OPT_IN_LABELS[file]} stays off`, error);
    return undefined;
  })) as Promise<OptInModules[File] | undefined>;
