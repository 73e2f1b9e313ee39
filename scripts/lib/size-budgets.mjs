// Gzip budgets (checked in CI by test/size/size-budget.test.ts). `budget` is today's size plus a
// little room: a change that grows a bundle past it fails CI and must say why. `goal` is where the
// benchmark issue wants it (BENCHMARKS.md). Each row says what its size buys.
export const SIZE_BUDGETS = [
  // The default script-tag load: client, delivery engine and the five default plugins. 30.8 KB
  // since element and frustration interactions, network requests and web vitals became on-demand
  // files (was 40.0 KB with everything in it); consent (the states and setConsent, the in-memory
  // hold, the per-mode plugin set-up, held app plugins, drops told to onDelivery, erasing on denial,
  // Global Privacy Control, cookieless measurement) adds 1.3 KB, measured on every run by
  // test/size/consent-cost.test.ts (goal 1 KB); the plugin lifecycle helper and the page-exit note 0.9 KB.
  { file: 'packages/browser/dist/sightline.min.js', budgetKb: 33.8, goalKb: 18 },
  // The lean script: client and delivery engine, no plugin. 21.8 KB: the at-most-once delivery
  // (exit path, store writer, flush lock) and the safe encoder grew it past its old 19 KB budget;
  // consent adds 1.6 KB, the page-exit note 0.7 KB: 24.1 KB.
  { file: 'packages/browser/dist/sightline-lite.min.js', budgetKb: 24.6, goalKb: 10 },
  { file: 'packages/browser/dist/snippet.min.js', budgetKb: 0.6, goalKb: 0.6 },
  // On-demand files, loaded by sightline.min.js only when asked for. Each inlines the core and dom
  // helpers it needs (a file cannot import from the main script).
  // The capture preview: 10.8 KB, of which the element properties and privacy code it shares
  // with element interactions is most; 11.0 KB since the path and hierarchy take the ancestor memo.
  { file: 'packages/browser/dist/sightline-preview.min.js', budgetKb: 11.1, goalKb: 10 },
  // Element and frustration interactions (one file: they share element properties and privacy): 10.6 KB;
  // 11.3 KB with the ancestor and page memos that cut a click's script time (issue 19).
  { file: 'packages/browser/dist/sightline-element-interactions.min.js', budgetKb: 11.4, goalKb: 10 },
  // Network requests: the fetch/XHR wrappers, capture rules and body/header pruning, 6.9 KB.
  { file: 'packages/browser/dist/sightline-network-requests.min.js', budgetKb: 7.5, goalKb: 7.5 },
  // Web vitals: the web-vitals library (about 4 KB of it), the metric report and the plugin
  // lifecycle helper, 6.6 KB.
  { file: 'packages/browser/dist/sightline-web-vitals.min.js', budgetKb: 7, goalKb: 6.5 },
];

// Rollup bundles as an npm app makes them (rollup + node-resolve + terser on the built packages;
// sources in test/bench/bundle-size.mjs), entry chunk only.
export const BUNDLE_BUDGETS = [
  // init + track on the lean entry: 22.3 KB, the lean script without its snippet replay (consent
  // and the page-exit note added 2.3 KB to the 20.0 KB).
  { bundle: 'lean init + track', budgetKb: 22.8, goalKb: 10 },
  // The lean entry with the five default plugins added by hand: 30.1 KB; 30.5 KB with the store
  // write window (issue 19).
  { bundle: 'lean + the five default plugins', budgetKb: 30.6, goalKb: 18 },
  // init + track on the full entry: 33.2 KB; the opt-in plugins and the preview are split off.
  // 33.8 KB with the store write window and the key-only store check (issue 19).
  { bundle: 'full entry init + track', budgetKb: 33.9, goalKb: 18 },
];
