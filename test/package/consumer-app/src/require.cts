// The same use from a CommonJS TypeScript file (a require of an ESM-typed package was TS1471).
import sightline = require('@sightline/browser');
import core = require('@sightline/core');

export const tracked: Promise<core.Result> = sightline.track('Button Clicked').promise;

// @ts-expect-error an event type is a string or an event object
sightline.track(42);
