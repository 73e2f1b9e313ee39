/** The script-tag bundle: rollup exposes these exports as the global `sightline`. */
export * from './index';
