#!/usr/bin/env node
// Builds every package: type declarations (tsc -b) and their CommonJS copy, then ESM, CJS and
// the script bundles (rollup), the snippet, each package's integrity.json, and prints the size
// report.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageDirs, writeCommonJsTypes, writeIntegrityFile } from './lib/package-files.mjs';
import { run, root } from './lib/run.mjs';
import { printSizeReport } from './lib/size-report.mjs';
import { buildSnippet } from './lib/snippet.mjs';

// Each published package carries the license text (npm packs a package folder alone), and its
// dist/ is built afresh: a file left by a renamed or deleted module must not ship.
for (const dir of packageDirs()) {
  copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
}

await run('pnpm', ['exec', 'tsc', '-b', 'tsconfig.json'], { cwd: root });
for (const dir of packageDirs()) writeCommonJsTypes(dir);
await run('pnpm', ['exec', 'rollup', '-c', '--silent'], { cwd: root });
await buildSnippet();
for (const dir of packageDirs()) writeIntegrityFile(dir);
printSizeReport();
