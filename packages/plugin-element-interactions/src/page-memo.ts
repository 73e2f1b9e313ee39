/**
 * The page URL and title as element events report them, computed again only when what they are
 * made of changes: consecutive clicks nearly always share both, and scrubbing and masking them
 * cost more than reading them.
 */
import { isTitleMasked, maskPageTitle, urlWithoutQuery, type MaskPattern } from '@sightline/dom';

export interface PageMemo {
  /** `urlWithoutQuery(href)`. */
  url(href: string): string;
  /** `readPageTitle(document, { maskTextRegex })`. */
  title(document: Document | undefined, maskTextRegex: readonly MaskPattern[] | undefined): string;
}

export function createPageMemo(): PageMemo {
  let href: string | undefined;
  let url = '';
  let title: { text: string; masked: boolean; patterns: unknown; reported: string } | undefined;
  return {
    url(next) {
      if (next !== href) {
        url = urlWithoutQuery(next);
        href = next;
      }
      return url;
    },
    title(document, maskTextRegex) {
      if (!document) return '';
      try {
        const text = document.title || '';
        // Whether <title> is masked is read every time: an attribute can change without the text.
        const masked = isTitleMasked(document);
        if (!title || title.text !== text || title.masked !== masked || title.patterns !== maskTextRegex) {
          title = { text, masked, patterns: maskTextRegex, reported: maskPageTitle(document, text, { maskTextRegex }) };
        }
        return title.reported;
      } catch {
        return '';
      }
    },
  };
}
