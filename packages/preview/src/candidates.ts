/**
 * The elements the preview outlines: every element whose click element interactions would
 * record, in document order (so a nested element's outline lies above its container's).
 */
import type { CaptureRules } from './capture-rules.js';
import { captureKindOf, summarizeElement, type ElementSummary } from './element-report.js';

/** More outlines than this would bury the page (and the preview's own speed): the rest are counted, not drawn. */
export const MAX_OUTLINES = 1500;

export interface Candidates {
  summaries: ElementSummary[];
  /** Rendered candidates beyond MAX_OUTLINES. */
  notShown: number;
}

/** Laid out at all: `display: none` and detached elements have no boxes. */
const isRendered = (element: Element): boolean => element.getClientRects().length > 0;

export function findCandidates(document: Document, rules: CaptureRules, limit = MAX_OUTLINES): Candidates {
  const summaries: ElementSummary[] = [];
  let notShown = 0;
  const selector = [rules.allowlist, rules.actionAllowlist].filter(Boolean).join(', ');
  if (!rules.pageCaptured || !selector) return { summaries, notShown };
  let nodes: ArrayLike<Element> = [];
  try {
    nodes = document.querySelectorAll(selector);
  } catch {
    // the lists were checked one by one; a page that breaks querySelectorAll outlines nothing
  }
  for (let index = 0; index < nodes.length; index += 1) {
    const element = nodes[index];
    const kind = captureKindOf(element, rules);
    if (!kind || !isRendered(element)) continue;
    if (summaries.length < limit) summaries.push(summarizeElement(element, kind, rules));
    else notShown += 1;
  }
  return { summaries, notShown };
}
