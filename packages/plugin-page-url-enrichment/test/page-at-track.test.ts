import { describe, expect, it } from 'vitest';
import type { Event } from '@sightline/core';
import { pageAtTrackQueue } from '../src/page-at-track.js';

const event = (name: string): Event => ({ event_type: name });
const page = (href: string) => ({ href, title: href });

describe('pageAtTrackQueue: the page of each event from the tracking call to the pipeline', () => {
  it('gives each event the page it was noted with, in order', () => {
    const queue = pageAtTrackQueue();
    const [a, b] = [event('a'), event('b')];
    queue.note(a, page('/one'));
    queue.note(b, page('/two'));
    expect(queue.take(a)).toEqual(page('/one'));
    expect(queue.take(b)).toEqual(page('/two'));
    expect(queue.take(b)).toBeUndefined(); // taken once
  });

  it('passes over an event that never came (dropped by an earlier plugin)', () => {
    const queue = pageAtTrackQueue();
    const [dropped, kept] = [event('dropped'), event('kept')];
    queue.note(dropped, page('/one'));
    queue.note(kept, page('/two'));
    expect(queue.take(kept)).toEqual(page('/two'));
    expect(queue.take(dropped)).toBeUndefined();
  });

  it('an event that was never noted (a session event) gets nothing and disturbs nothing', () => {
    const queue = pageAtTrackQueue();
    const a = event('a');
    queue.note(a, page('/one'));
    expect(queue.take(event('session_start'))).toBeUndefined();
    expect(queue.take(a)).toEqual(page('/one'));
  });

  it('holds at most `max` events: beyond that the newest go without, and a burst costs one pass', () => {
    const queue = pageAtTrackQueue(3);
    const events = Array.from({ length: 10 }, (_, index) => event(`e${index}`));
    events.forEach((tracked, index) => queue.note(tracked, page(`/${index}`)));
    expect(events.map((tracked) => queue.take(tracked)?.href)).toEqual(['/0', '/1', '/2', ...Array(7).fill(undefined)]);
  });

  it('a full queue of events that never come is let go by the next event it does not hold', () => {
    const queue = pageAtTrackQueue(3);
    for (let index = 0; index < 3; index++) queue.note(event(`dropped${index}`), page('/old'));
    expect(queue.take(event('not noted'))).toBeUndefined();
    const next = event('next');
    queue.note(next, page('/new'));
    expect(queue.take(next)).toEqual(page('/new'));
  });

  it('keeps working across many rounds of notes and takes (its storage is reused)', () => {
    const queue = pageAtTrackQueue(4);
    for (let round = 0; round < 50; round++) {
      const events = Array.from({ length: 3 }, (_, index) => event(`r${round}-${index}`));
      events.forEach((tracked, index) => queue.note(tracked, page(`/${round}/${index}`)));
      // The first of each round is dropped on the way: the next take passes over it.
      expect(queue.take(events[1])).toEqual(page(`/${round}/1`));
      expect(queue.take(events[2])).toEqual(page(`/${round}/2`));
    }
  });

  it('clear forgets everything', () => {
    const queue = pageAtTrackQueue();
    const a = event('a');
    queue.note(a, page('/one'));
    queue.clear();
    expect(queue.take(a)).toBeUndefined();
  });
});
