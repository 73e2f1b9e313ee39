/**
 * Tells interested clicks when the page changed after them.
 * One MutationObserver per document, shared by both plugins and reference-counted.
 *
 * Better than the reference: it remembers which regions were already changing on their own
 * (two mutation batches, gaps within 10 s, before the click — a clock, a carousel, an ad) and
 * ignores their later mutations, unless the change is inside the clicked element itself.
 */
import { getGlobalScope } from '@sightline/core';
import { AMBIENT_MUTATION_WINDOW_MS } from './constants.js';

export interface ChangeWatch {
  /** The clicked element. */
  element: Element;
  /** ms epoch of the click. */
  since: number;
  onChange: () => void;
}

export interface DomChangeMonitor {
  /** False without MutationObserver: no change can be seen, so none may be concluded absent. */
  readonly available: boolean;
  /** Calls `onChange` once, at the first relevant mutation after `since`. Returns unwatch. */
  watch(watch: ChangeWatch): () => void;
  /**
   * A count that moves whenever the document changed (mutations delivered, and those still
   * pending, taken now); NaN when no change can be seen (no MutationObserver, or released).
   */
  version(): number;
  release(): void;
}

/** Per mutated node: the start of its current streak of batches and its second batch time. */
interface Streak {
  second?: number;
  last: number;
}

export interface MonitorOptions {
  /** Default `Date.now()`. */
  now?: () => number;
}

/** A watch and the handle it came from, so that `release` drops only its own. */
interface OwnedWatch extends ChangeWatch {
  owner: DomChangeMonitor;
}

interface SharedMonitor {
  watches: Set<OwnedWatch>;
  observer: MutationObserver | undefined;
  references: number;
  /** Mutation batches seen so far. */
  changes: number;
  onMutations(records: MutationRecord[]): void;
}

function startSharedMonitor(root: Node, options: MonitorOptions): SharedMonitor {
  const now = options.now || (() => Date.now());
  const watches = new Set<OwnedWatch>();
  const streaks = new WeakMap<Node, Streak>();

  const isAmbient = (node: Node, since: number, at: number): boolean => {
    const streak = streaks.get(node);
    return (
      !!streak && streak.second !== undefined && streak.second < since && at - streak.last <= AMBIENT_MUTATION_WINDOW_MS
    );
  };

  const remember = (node: Node, at: number): void => {
    const streak = streaks.get(node);
    if (!streak || at - streak.last > AMBIENT_MUTATION_WINDOW_MS) streaks.set(node, { last: at });
    else if (streak.last !== at) streaks.set(node, { second: streak.second ?? at, last: at });
  };

  const onMutations = (records: MutationRecord[]): void => {
    shared.changes += 1;
    const at = now();
    const targets = new Set<Node>();
    for (const record of records) targets.add(record.target);
    for (const watch of Array.from(watches)) {
      if (at < watch.since) continue;
      for (const target of targets) {
        // A change inside the clicked element always counts, even in an ambient region.
        if (watch.element === target || watch.element.contains(target) || !isAmbient(target, watch.since, at)) {
          watches.delete(watch);
          try {
            watch.onChange();
          } catch {
            // a watcher's failure must not stop the others
          }
          break;
        }
      }
    }
    // Remembered after the check, so a batch never makes itself ambient.
    for (const target of targets) remember(target, at);
  };

  const Observer = getGlobalScope()?.MutationObserver;
  const observer = Observer && new Observer(onMutations);
  observer?.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  const shared: SharedMonitor = { watches, observer, references: 0, changes: 0, onMutations };
  return shared;
}

// Created on first use: importing the module has no side effects.
let monitors: WeakMap<Node, SharedMonitor> | undefined;

/** Starts (or joins) the monitor of `root`; `release` stops it when the last user leaves. */
export function acquireDomChangeMonitor(root: Node, options: MonitorOptions = {}): DomChangeMonitor {
  const registry = (monitors ||= new WeakMap());
  const shared = registry.get(root) || startSharedMonitor(root, options);
  registry.set(root, shared);
  shared.references += 1;
  const { watches } = shared;
  let released = false;
  const handle: DomChangeMonitor = {
    available: shared.observer !== undefined,
    watch(watch) {
      if (released) return () => undefined;
      const entry: OwnedWatch = { ...watch, owner: handle };
      watches.add(entry);
      return () => watches.delete(entry);
    },
    version() {
      if (released || !shared.observer) return NaN;
      // Changes made since the last delivery (earlier in this task) count too.
      const pending = shared.observer.takeRecords();
      if (pending.length) shared.onMutations(pending);
      return shared.changes;
    },
    release() {
      if (released) return;
      released = true;
      for (const entry of watches) if (entry.owner === handle) watches.delete(entry);
      shared.references -= 1;
      // The last user leaves: no other monitor of `root` can be registered while this one is.
      if (shared.references === 0) {
        if (shared.observer) shared.observer.disconnect();
        watches.clear();
        registry.delete(root);
      }
    },
  };
  return handle;
}
