#!/usr/bin/env node
// Builds every package: type declarations (tsc -b), then ESM, CJS and the script bundles
// (rollup), then prints the size report.
import { run, root } from './lib/run.mjs';
import { printSizeReport } from './lib/size-report.mjs';
import { buildSnippet } from './lib/snippet.mjs';

await run('pnpm', ['exec', 'tsc', '-b', 'tsconfig.json'], { cwd: root });
await run('pnpm', ['exec', 'rollup', '-c', '--silent'], { cwd: root });
await buildSnippet();
printSizeReport();
