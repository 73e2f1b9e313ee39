// A browser app's use of the packages. Type-checked with skipLibCheck: false under bundler, node16
// and nodenext resolution; each @ts-expect-error proves the types are real (under `any` it would
// be an unused directive, itself an error).
import * as sightline from '@sightline/browser';
import * as lite from '@sightline/browser/lite';
import { Identify, type Result } from '@sightline/core';
import { pageViewsPlugin } from '@sightline/plugin-page-views';

export const tracked: Promise<Result> = sightline.track('Button Clicked', { color: 'red' }).promise;
export const added = lite.add(pageViewsPlugin()).promise;
export const identify: Identify = new sightline.Identify().set('plan', 'pro');

// @ts-expect-error an event type is a string or an event object
sightline.track(42);
// @ts-expect-error Identify has no such method
identify.nope();
