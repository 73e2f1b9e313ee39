import type { OutcomeChannel, OutcomeChannelListener, SharedOutcome } from '@sightline/core';

/** What a page going away tells the others: the events it has on the wire. */
interface LeavingMessage {
  leaving: string[];
}

/**
 * Tabs tell each other which events they delivered or dropped, and that a page went away
 * (BroadcastChannel; absent → none). Opened on first use, closed for good at teardown: a page
 * that re-initialises many times keeps one channel open per live instance, not one per init.
 */
export const createOutcomeChannel = (name: string): OutcomeChannel | undefined => {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const Channel = BroadcastChannel;
  let channel: BroadcastChannel | undefined;
  let closed = false;
  const open = (): BroadcastChannel | undefined => {
    if (closed) return undefined;
    try {
      return (channel = channel || new Channel(name));
    } catch {
      closed = true; // not allowed here: the store stays the truth, tabs learn from it instead
      return undefined;
    }
  };
  const post = (message: SharedOutcome | LeavingMessage): void => {
    try {
      const open_ = open();
      if (open_) open_.postMessage(message);
    } catch {
      // a closed channel (page going away) loses only a hint: the store stays the truth
    }
  };
  return {
    publish: post,
    leave: (onTheWire) => post({ leaving: onTheWire }),
    subscribe(listener: OutcomeChannelListener) {
      const current = open();
      if (!current) return () => undefined;
      const onMessage = (message: MessageEvent<Partial<SharedOutcome & LeavingMessage>>) => {
        const data = message.data;
        if (!data || typeof data !== 'object') return;
        if (Array.isArray(data.ids)) listener.outcome(data as SharedOutcome);
        else if (Array.isArray(data.leaving) && listener.left) listener.left(data.leaving);
      };
      current.addEventListener('message', onMessage);
      return () => current.removeEventListener('message', onMessage);
    },
    close() {
      closed = true;
      if (channel) channel.close();
      channel = undefined;
    },
  };
};
