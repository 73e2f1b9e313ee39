/**
 * What the element properties of a click read of the clicked element's ancestors (their
 * hierarchy nodes and selector steps), kept while the document stays as it was: clicks on one
 * page share most of their ancestors, and walking the same ancestors' attributes and siblings on
 * every click was most of a click's DOM reading. `version` tells whether the document may have
 * changed (a mutation observer's count: any change to the tree, an attribute or a text empties
 * the memo); NaN means it cannot tell, and nothing is kept.
 */
export interface ElementMemo {
  /** Looks at the document's version: call once before the reads of one interaction. */
  refresh(): void;
  /** `compute()` for `element` under `key`, or what it gave for it since the document last changed. */
  read<T>(element: Element, key: string, compute: () => T): T;
}

export function createElementMemo(version: () => number): ElementMemo {
  let seen = NaN;
  let entries = new WeakMap<Element, Map<string, unknown>>();
  return {
    refresh() {
      const now = version();
      if (now === seen) return;
      seen = now;
      entries = new WeakMap();
    },
    read<T>(element: Element, key: string, compute: () => T): T {
      // A version that cannot be trusted (NaN never equals itself): read afresh.
      if (seen !== seen) return compute();
      let values = entries.get(element);
      if (!values) entries.set(element, (values = new Map<string, unknown>()));
      if (values.has(key)) return values.get(key) as T;
      const value = compute();
      values.set(key, value);
      return value;
    },
  };
}
