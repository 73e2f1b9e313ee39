/**
 * Tells interested clicks when the page changed after them (FEATURES B71, DECISIONS OQ-3).
 * One MutationObserver per document, shared by both plugins and reference-counted.
 *
 * Better than the reference: it remembers which regions were already changing on their own
 * (two mutation batches, gaps within 10 s, before the click — a clock, a carousel, an ad) and
 * ignores their later mutations, unless the change is inside the clicked element itself.
 */
import { getGlobalScope } from '@sightline/core';
import { AMBIENT_MUTATION_WINDOW_MS } from './constants';

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
  release(): void;
}

/** Per mutated node: the start of its current streak of batches and its second batch time. */
interface Streak {
  second?: number;
  last: number;
}

export interface MonitorOptions {
  now: () => number;
  ambientWindowMs?: number;
}

class SharedMonitor {
  readonly watches = new Set<ChangeWatch>();
  private readonly streaks = new WeakMap<Node, Streak>();
  readonly observer: MutationObserver | undefined;
  references = 0;

  constructor(
    root: Node,
    private readonly options: MonitorOptions,
  ) {
    const Observer = getGlobalScope()?.MutationObserver;
    if (!Observer) return;
    this.observer = new Observer((records) => this.onMutations(records));
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  }

  private isAmbient(node: Node, since: number, now: number): boolean {
    const streak = this.streaks.get(node);
    const window = this.options.ambientWindowMs ?? AMBIENT_MUTATION_WINDOW_MS;
    return !!streak && streak.second !== undefined && streak.second < since && now - streak.last <= window;
  }

  private remember(node: Node, now: number): void {
    const window = this.options.ambientWindowMs ?? AMBIENT_MUTATION_WINDOW_MS;
    const streak = this.streaks.get(node);
    if (!streak || now - streak.last > window) this.streaks.set(node, { last: now });
    else if (streak.last !== now) this.streaks.set(node, { second: streak.second ?? now, last: now });
  }

  private isRelevant(node: Node, watch: ChangeWatch, now: number): boolean {
    if (watch.element === node || watch.element.contains(node)) return true;
    return !this.isAmbient(node, watch.since, now);
  }

  onMutations(records: MutationRecord[]): void {
    const now = this.options.now();
    const targets = new Set<Node>();
    for (const record of records) targets.add(record.target);
    for (const watch of Array.from(this.watches)) {
      if (now < watch.since) continue;
      for (const target of targets) {
        if (this.isRelevant(target, watch, now)) {
          this.watches.delete(watch);
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
    for (const target of targets) this.remember(target, now);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.watches.clear();
  }
}

// Created on first use: importing the module has no side effects.
let monitors: WeakMap<Node, SharedMonitor> | undefined;

/** Starts (or joins) the monitor of `root`; `release` stops it when the last user leaves. */
export function acquireDomChangeMonitor(root: Node, options: MonitorOptions): DomChangeMonitor {
  if (!monitors) monitors = new WeakMap();
  const registry = monitors;
  let shared = registry.get(root);
  if (!shared) {
    shared = new SharedMonitor(root, options);
    registry.set(root, shared);
  }
  shared.references += 1;
  const monitor = shared;
  const own = new Set<ChangeWatch>();
  let released = false;
  return {
    available: monitor.observer !== undefined,
    watch(watch) {
      if (released) return () => undefined;
      const entry: ChangeWatch = {
        ...watch,
        onChange: () => {
          own.delete(entry);
          watch.onChange();
        },
      };
      own.add(entry);
      monitor.watches.add(entry);
      return () => {
        own.delete(entry);
        monitor.watches.delete(entry);
      };
    },
    release() {
      if (released) return;
      released = true;
      for (const entry of own) monitor.watches.delete(entry);
      own.clear();
      monitor.references -= 1;
      if (monitor.references <= 0) {
        monitor.disconnect();
        if (registry.get(root) === monitor) registry.delete(root);
      }
    },
  };
}
