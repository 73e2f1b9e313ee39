/** The lean script-tag bundle (`sightline-lite.min.js`): global `sightline`, no plugins; add plugin scripts. */
import * as sdk from './lite.js';
import { replaySnippet } from './snippet-replay.js';

replaySnippet(sdk as never);

export * from './lite.js';
