import { describe, expect, it } from 'vitest';
import { createSentNote } from '../src/delivery/sent-note.js';

// The note a page leaves as it goes (docs/delivery.md, "Page exit"): in localStorage, written at once.

const DAY = 24 * 60 * 60 * 1000;

describe('sent note', () => {
  it('notes ids, says which are noted, forgets them; one key, removed when empty', () => {
    localStorage.clear();
    const note = createSentNote(localStorage, 'sl_sent_test', () => 1_000);
    note.add(['a', 'b']);
    expect(createSentNote(localStorage, 'sl_sent_test', () => 2_000).noted(['a', 'c', 'b'])).toEqual(['a', 'b']);
    note.forget(['a']);
    expect(note.noted(['a', 'b'])).toEqual(['b']);
    note.forget(['b']);
    expect(localStorage.getItem('sl_sent_test')).toBeNull();
  });

  it('drops entries past the 7-day insert_id window when it writes', () => {
    localStorage.clear();
    let now = 0;
    const note = createSentNote(localStorage, 'sl_sent_test', () => now);
    note.add(['old']);
    now = 8 * DAY;
    note.add(['new']);
    expect(note.noted(['old', 'new'])).toEqual(['new']);
  });

  it('storage that throws or holds garbage: no note, and no exception', () => {
    const throwing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const note = createSentNote(throwing, 'k', () => 0);
    expect(() => note.add(['a'])).not.toThrow();
    expect(note.noted(['a'])).toEqual([]);
    localStorage.setItem('sl_sent_garbage', '{not json');
    expect(createSentNote(localStorage, 'sl_sent_garbage', () => 0).noted(['a'])).toEqual([]);
  });
});
