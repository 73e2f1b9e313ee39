import { vi } from 'vitest';
import type { Event, EventOptions, Plugin, Properties, TrackingClient } from '@sightline/core';
import { silentLogger } from './mock-client.js';
import { resolvedConfig } from './resolved-config.js';

export interface Tracked {
  eventType: string;
  properties: Properties;
  time: number | undefined;
}

/** Sets a plugin up against a recording client; returns what it tracks. */
export function setUpPlugin(plugin: Plugin<TrackingClient>) {
  const logger = silentLogger();
  const tracked: Tracked[] = [];
  const client: TrackingClient = {
    track: vi.fn((eventType: string | Event, properties?: Properties, options?: EventOptions) => {
      tracked.push({ eventType: eventType as string, properties: properties ?? {}, time: options?.time });
      const event = {
        event_type: typeof eventType === 'string' ? eventType : eventType.event_type,
        event_properties: properties,
      };
      return { promise: Promise.resolve({ event, code: 200, message: 'recorded' }) };
    }),
  };
  void plugin.setup?.(resolvedConfig({ loggerProvider: logger }), client);
  return { plugin, logger, tracked, client };
}

export function click(element: Element, init: MouseEventInit = {}): void {
  element.dispatchEvent(
    new MouseEvent('click', { bubbles: true, cancelable: true, clientX: 10, clientY: 20, button: 0, ...init }),
  );
}

export function change(element: Element): void {
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Lets MutationObserver callbacks (microtasks) run under fake timers. */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Past the next paint: one animation frame plus the macrotask after it. */
export async function afterPaint(): Promise<void> {
  await vi.advanceTimersByTimeAsync(40);
}

export function byId<T extends Element = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no #${id}`);
  return element as unknown as T;
}
