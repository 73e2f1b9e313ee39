/**
 * The on-demand script files of this build, by feature: each file's name (next to the main
 * script), the global it defines and its Subresource Integrity hash. The script-tag build
 * replaces this module with the files it has just built (see rollup.config.mjs), so the hashes
 * always match; from source (npm, tests) there are none.
 */
export interface OnDemandScript {
  file: string;
  global: string;
  integrity: string;
}

export const ON_DEMAND_SCRIPTS: { readonly [feature: string]: OnDemandScript | undefined } = {};
