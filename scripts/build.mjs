#!/usr/bin/env node
// Builds every package: type declarations (tsc -b), then ESM, CJS and the script bundles
// (rollup), then prints the size report.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { run, root } from './lib/run.mjs';
import { printSizeReport } from './lib/size-report.mjs';
import { buildSnippet } from './lib/snippet.mjs';

// Each published package carries the license text (npm packs a package folder alone).
for (const name of readdirSync(`${root}packages`)) {
  if (existsSync(`${root}packages/${name}/package.json`))
    copyFileSync(`${root}LICENSE`, `${root}packages/${name}/LICENSE`);
}

await run('pnpm', ['exec', 'tsc', '-b', 'tsconfig.json'], { cwd: root });
await run('pnpm', ['exec', 'rollup', '-c', '--silent'], { cwd: root });
await buildSnippet();
printSizeReport();
