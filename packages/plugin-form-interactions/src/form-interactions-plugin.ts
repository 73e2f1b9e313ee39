/**
 * `[Amplitude] Form Started` on the first change inside a form and `[Amplitude] Form
 * Submitted` on submit. One capturing, passive listener per event kind
 * on the document covers every form, including forms added later; no per-form listeners.
 */
import { getDocument, optionsUnlessOff, type Plugin, type TrackingClient } from '@sightline/core';
import { definePlugin } from '@sightline/dom';
import { EVENT_FORM_STARTED, EVENT_FORM_SUBMITTED, PLUGIN_NAME } from './constants.js';
import { readFormProperties } from './form-properties.js';

export interface FormInteractionsOptions {
  /** decides whether a submit is tracked, e.g. `(event) => event.target.checkValidity()`. Default: every submit. */
  shouldTrackSubmit?: (event: SubmitEvent) => boolean;
}

const formOf = (target: EventTarget | null): Element | null => {
  if (!target || typeof (target as Element).closest !== 'function') return null;
  const owner = (target as HTMLInputElement).form; // honours the form="" attribute
  if (owner && typeof owner.getAttribute === 'function') return owner;
  return (target as Element).closest('form');
};

const isForm = (target: EventTarget | null): target is Element =>
  !!target && typeof (target as Element).tagName === 'string' && (target as Element).tagName.toLowerCase() === 'form';

export const formInteractionsPlugin = (options: FormInteractionsOptions = {}): Plugin<TrackingClient> =>
  definePlugin<TrackingClient>({
    name: PLUGIN_NAME,
    start({ client, logger, listen }) {
      let shouldTrackSubmit = options.shouldTrackSubmit;
      if (shouldTrackSubmit !== undefined && typeof shouldTrackSubmit !== 'function') {
        logger.warn('form interactions: shouldTrackSubmit must be a function; tracking every submit');
        shouldTrackSubmit = undefined;
      }
      const document = getDocument();
      if (!document) return; // SSR / worker
      /** Forms that already sent Form Started; weak, so removed forms are not kept alive. */
      const started = new WeakSet<Element>();
      const start = (form: Element): void => {
        if (started.has(form)) return;
        started.add(form);
        client.track(EVENT_FORM_STARTED, readFormProperties(form));
      };

      // Passive capture phase: the app stopping propagation on its form must not hide the interaction.
      listen(document, 'change', (event) => {
        const form = formOf(event.target);
        if (form) start(form);
      });
      listen(document, 'submit', (event) => {
        const form = event.target;
        if (!isForm(form)) return;
        if (shouldTrackSubmit) {
          let track = false;
          try {
            track = shouldTrackSubmit(event as SubmitEvent) === true;
          } catch (error) {
            logger.error('form interactions: shouldTrackSubmit threw; submit not tracked', error);
          }
          if (!track) return;
        }
        start(form); // A submit without a prior change still sends Form Started first
        client.track(EVENT_FORM_SUBMITTED, readFormProperties(form));
      });
    },
  });

/** Maps `autocapture.formInteractions` (default `true`) to plugin options, or `undefined` when off. */
export const formInteractionsOptionsFrom: (value: unknown) => FormInteractionsOptions | undefined = optionsUnlessOff;
