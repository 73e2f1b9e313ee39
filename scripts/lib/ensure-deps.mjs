// First-run bootstrap for `npm start` / `npm test` on a fresh machine: pnpm, the workspace
// dependencies and the system Chromium, each installed only when missing.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './run.mjs';

const has = (command) => {
  try {
    execSync(`${command} --version`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** pnpm through corepack (the version in package.json's packageManager) where it works, else npm. */
export const ensurePnpm = async () => {
  if (has('pnpm')) return;
  if (has('corepack')) {
    console.log('Enabling pnpm with corepack (corepack enable pnpm) ...');
    // Without the prompt corepack would wait for a yes before fetching pnpm.
    process.env.COREPACK_ENABLE_DOWNLOAD_PROMPT = '0';
    try {
      await run('corepack', ['enable', 'pnpm'], { cwd: root });
      if (has('pnpm')) return;
      // Enabled but pnpm cannot be fetched or verified: remove the shim so npm can install pnpm.
      await run('corepack', ['disable', 'pnpm'], { cwd: root });
    } catch {
      // e.g. no write access to Node's bin folder: fall through to npm.
    }
  }
  console.log('Installing pnpm 10 (npm i -g pnpm@10) ...');
  await run('npm', ['install', '-g', 'pnpm@10']);
};

export const ensureDependencies = async () => {
  await ensurePnpm();
  const marker = join(root, 'node_modules/.modules.yaml');
  const lockfile = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs) return;
  console.log('Installing dependencies (pnpm install) ...');
  await run('pnpm', ['install', '--frozen-lockfile'], { cwd: root });
};

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium for the browser tests; never a downloaded browser build. */
export const ensureChromium = async () => {
  if (existsSync(CHROMIUM)) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "sudo apt-get install -y chromium"`);
  }
  console.log('Installing Chromium (apt-get install -y chromium) ...');
  await run('apt-get', ['update', '-qq']);
  await run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
};
