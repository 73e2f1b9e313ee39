import { getDocument, getWindow, type PageLifecycle } from '@sightline/core';

/**
 * Page exit as browsers signal it reliably: visibilitychange→hidden (tab switch, close,
 * navigation on mobile) and pagehide (bfcache, navigation). Never `unload` (it blocks the
 * back/forward cache and is not fired on mobile). Visibility is kept from the events, so
 * asking for it per event costs no DOM read. Every listener belongs to a subscription and
 * leaves with it.
 */
export const createPageLifecycle = (): PageLifecycle | undefined => {
  const page = getWindow();
  const document = getDocument();
  if (!page || !document || typeof page.addEventListener !== 'function') return undefined;
  const isHiddenNow = () => document.visibilityState === 'hidden';
  let hidden = isHiddenNow();
  return {
    isHidden: () => hidden,
    subscribe(listener) {
      hidden = isHiddenNow();
      const onVisibility = () => {
        hidden = isHiddenNow();
        if (hidden) listener.onHidden();
        else listener.onVisible();
      };
      const onPageHide = () => {
        hidden = true;
        listener.onHidden();
        if (listener.onLeave) listener.onLeave();
      };
      const onPageShow = () => {
        hidden = isHiddenNow();
        if (!hidden) listener.onVisible();
      };
      // Capture phase: the state is current, and what is unsent has left, before any page listener runs.
      document.addEventListener('visibilitychange', onVisibility, true);
      page.addEventListener('pagehide', onPageHide, true);
      page.addEventListener('pageshow', onPageShow, true);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility, true);
        page.removeEventListener('pagehide', onPageHide, true);
        page.removeEventListener('pageshow', onPageShow, true);
      };
    },
  };
};
