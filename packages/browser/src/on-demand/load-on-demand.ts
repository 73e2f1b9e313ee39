/**
 * Loads a feature's script file once per page (concurrent requests share one load) from the
 * main script's folder or `scriptBaseUrl`, with the SRI hash this build carries. A file that
 * cannot be loaded is logged in one line and gives `undefined`: the feature stays off, nothing
 * else is affected.
 */
import { getDocument, type Logger } from '@sightline/core';
import type { MainScript } from './main-script.js';
import { ON_DEMAND_SCRIPTS, type OnDemandScript } from './on-demand-scripts.js';
import { loadScript } from './script-loader.js';
import { resolveScriptBase } from './script-url.js';

export interface OnDemandRequest {
  feature: string;
  /** How the log line names the feature: "the capture preview". */
  label: string;
  /** The `scriptBaseUrl` init option, as given. */
  scriptBaseUrl: unknown;
  mainScript: MainScript;
  logger: Logger;
  /** The build's files; ON_DEMAND_SCRIPTS unless a test passes its own. */
  scripts?: { readonly [feature: string]: OnDemandScript | undefined };
}

const loads: { [feature: string]: Promise<unknown> | undefined } = {};

export const loadOnDemand = (request: OnDemandRequest): Promise<unknown> =>
  (loads[request.feature] ||= start(request).catch((reason: string) => {
    request.logger.error(`${reason}: ${request.label} stays off`);
  }));

function start({ feature, scriptBaseUrl, mainScript, logger, scripts }: OnDemandRequest): Promise<unknown> {
  const script = (scripts || ON_DEMAND_SCRIPTS)[feature];
  const { base, problem } = resolveScriptBase(scriptBaseUrl, mainScript.folder);
  const document = getDocument();
  if (problem) logger.warn(problem);
  if (!script || !base || !document)
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a message the caller logs
    return Promise.reject(`Cannot load ${feature}: ${script ? 'set scriptBaseUrl' : 'not in this build'}`);
  const url = base + script.file;
  return loadScript({
    document,
    url,
    integrity: script.integrity,
    nonce: mainScript.nonce,
    global: script.global,
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a message the caller logs
  }).catch((reason: string) => Promise.reject(`Could not load ${url} (${reason})`));
}

/** Forgets every load (tests: each starts from a fresh page). */
export function forgetOnDemandLoads(): void {
  for (const feature of Object.keys(loads)) delete loads[feature];
}
