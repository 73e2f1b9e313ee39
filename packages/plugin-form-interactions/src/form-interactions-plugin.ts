/**
 * `[Amplitude] Form Started` on the first change inside a form and `[Amplitude] Form
 * Submitted` on submit. One capturing, passive listener per event kind
 * on the document covers every form, including forms added later; no per-form listeners.
 */
import {
  getDocument,
  type Config,
  type Logger,
  type Plugin,
  type Properties,
  type ResultPromise,
} from '@sightline/core';
import { EVENT_FORM_STARTED, EVENT_FORM_SUBMITTED, PLUGIN_NAME } from './constants.js';
import { readFormProperties } from './form-properties.js';

export interface FormInteractionsOptions {
  /** decides whether a submit is tracked, e.g. `(event) => event.target.checkValidity()`. Default: every submit. */
  shouldTrackSubmit?: (event: SubmitEvent) => boolean;
}

export interface FormInteractionsClient {
  track(eventType: string, eventProperties?: Properties): ResultPromise;
}

const formOf = (target: EventTarget | null): Element | null => {
  if (!target || typeof (target as Element).closest !== 'function') return null;
  const owner = (target as HTMLInputElement).form; // honours the form="" attribute
  if (owner && typeof owner.getAttribute === 'function') return owner;
  return (target as Element).closest('form');
};

const isForm = (target: EventTarget | null): target is Element =>
  !!target && typeof (target as Element).tagName === 'string' && (target as Element).tagName.toLowerCase() === 'form';

export const formInteractionsPlugin = (options: FormInteractionsOptions = {}): Plugin<FormInteractionsClient> => {
  let client: FormInteractionsClient | undefined;
  let logger: Logger | undefined;
  let detach: (() => void) | undefined;
  /** Forms that already sent Form Started; weak, so removed forms are not kept alive. */
  let started = new WeakSet<Element>();

  const reportError = (what: string, error: unknown): void => {
    if (logger) logger.error(`form interactions: ${what}`, error);
  };

  const start = (form: Element): void => {
    if (!client || started.has(form)) return;
    started.add(form);
    client.track(EVENT_FORM_STARTED, readFormProperties(form));
  };

  const onChange = (event: Event): void => {
    try {
      const form = formOf(event.target);
      if (form) start(form);
    } catch (error) {
      reportError('change handling failed', error);
    }
  };

  const onSubmit = (event: Event): void => {
    try {
      const form = event.target;
      if (!client || !isForm(form)) return;
      if (options.shouldTrackSubmit) {
        let track = false;
        try {
          track = options.shouldTrackSubmit(event as SubmitEvent) === true;
        } catch (error) {
          reportError('shouldTrackSubmit threw; submit not tracked', error);
        }
        if (!track) return;
      }
      start(form); // A submit without a prior change still sends Form Started first
      client.track(EVENT_FORM_SUBMITTED, readFormProperties(form));
    } catch (error) {
      reportError('submit handling failed', error);
    }
  };

  return {
    name: PLUGIN_NAME,
    type: 'enrichment',

    setup(config: Config, formClient: FormInteractionsClient) {
      client = formClient;
      logger = config.loggerProvider;
      if (options.shouldTrackSubmit !== undefined && typeof options.shouldTrackSubmit !== 'function') {
        logger.warn('form interactions: shouldTrackSubmit must be a function; tracking every submit');
        options = { ...options, shouldTrackSubmit: undefined };
      }
      const document = getDocument();
      if (!document) return; // SSR / worker
      // Capture phase: the app stopping propagation on its form must not hide the interaction.
      const listenerOptions: AddEventListenerOptions = { capture: true, passive: true };
      document.addEventListener('change', onChange, listenerOptions);
      document.addEventListener('submit', onSubmit, listenerOptions);
      detach = () => {
        document.removeEventListener('change', onChange, listenerOptions);
        document.removeEventListener('submit', onSubmit, listenerOptions);
      };
    },

    teardown() {
      if (detach) detach();
      detach = undefined;
      client = undefined;
      started = new WeakSet<Element>();
    },
  };
};

/** Maps `autocapture.formInteractions` (default `true`) to plugin options, or `undefined` when off. */
export const formInteractionsOptionsFrom = (value: unknown): FormInteractionsOptions | undefined => {
  if (value === false) return undefined;
  if (value && typeof value === 'object') return value;
  return {};
};
