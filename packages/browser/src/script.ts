/** The script-tag bundle: rollup exposes these exports as the global `sightline`. */
import * as sdk from './index.js';
import { replaySnippet } from './snippet-replay.js';

replaySnippet(sdk as never);

export * from './index.js';
