import type { PageLifecycle } from '@sightline/core';

/**
 * Page exit as browsers signal it reliably: visibilitychange→hidden (tab switch, close,
 * navigation on mobile) and pagehide (bfcache, navigation). Never `unload` (it blocks the
 * back/forward cache and is not fired on mobile). Visibility is kept from the events, so
 * asking for it per event costs no DOM read.
 */
export const createPageLifecycle = (): PageLifecycle | undefined => {
  if (typeof document === 'undefined' || typeof addEventListener !== 'function') return undefined;
  let hidden = document.visibilityState === 'hidden';
  // Capture phase (`true`): the state is current before any page listener runs.
  addEventListener('pagehide', () => (hidden = true), true);
  addEventListener('pageshow', () => (hidden = document.visibilityState === 'hidden'), true);
  document.addEventListener('visibilitychange', () => (hidden = document.visibilityState === 'hidden'), true);
  return {
    isHidden: () => hidden,
    subscribe(listener) {
      const onVisibility = () => (document.visibilityState === 'hidden' ? listener.onHidden() : listener.onVisible());
      const onPageHide = () => listener.onHidden();
      document.addEventListener('visibilitychange', onVisibility);
      addEventListener('pagehide', onPageHide);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        removeEventListener('pagehide', onPageHide);
      };
    },
  };
};
