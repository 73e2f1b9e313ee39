/** The script-tag bundle: rollup exposes these exports as the global `sightline`. */
import * as sdk from './index';
import { replaySnippet } from './snippet-replay';

replaySnippet(sdk as never);

export * from './index';
