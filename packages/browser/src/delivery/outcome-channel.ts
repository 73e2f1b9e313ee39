import type { OutcomeChannel, SharedOutcome } from '@sightline/core';

/** Tabs tell each other which events they delivered or dropped (BroadcastChannel; absent → none). */
export const createOutcomeChannel = (name: string): OutcomeChannel | undefined => {
  if (typeof BroadcastChannel !== 'function') return undefined;
  let channel: BroadcastChannel | undefined;
  const open = () => (channel = channel || new BroadcastChannel(name));
  return {
    publish(outcome) {
      try {
        open().postMessage(outcome);
      } catch {
        // a closed channel (page going away) loses only a hint: the store stays the truth
      }
    },
    subscribe(listener) {
      const onMessage = (message: MessageEvent<SharedOutcome>) => {
        if (message.data && Array.isArray(message.data.ids)) listener(message.data);
      };
      open().addEventListener('message', onMessage);
      return () => {
        if (channel) channel.removeEventListener('message', onMessage);
      };
    },
  };
};
