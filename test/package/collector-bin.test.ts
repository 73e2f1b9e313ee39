// The collector's bin from its tarball, as `npx @sightline/collector` runs it once published:
// in an empty folder, with an empty npm cache (it has no dependencies, so nothing is fetched).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packedPackage } from './support/packed.js';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Resolves with the process's output once `pattern` shows up in it. */
const waitForOutput = (child: ReturnType<typeof spawn>, pattern: RegExp, timeoutMs: number) =>
  new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += String(chunk);
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
    });
  });

describe('@sightline/collector through npx', () => {
  it('starts from the tarball, ingests an event, answers its control API and stops cleanly on Ctrl-C', async () => {
    const { tarball } = packedPackage('@sightline/collector');
    const dir = mkdtempSync(join(tmpdir(), 'sightline-npx-'));
    folders.push(dir);
    const child = spawn(
      'npx',
      // The package spec alone, as in `npx @sightline/collector`: npx runs the package's one bin.
      ['--yes', `file:${tarball}`, '--port', '0', '--data-dir', join(dir, 'events'), '--quiet'],
      { cwd: dir, env: { ...process.env, npm_config_cache: join(dir, 'npm-cache') }, detached: true },
    );
    try {
      const output = await waitForOutput(child, /Ingestion endpoint:\s+(\S+)/, 120_000);
      const ingestUrl = /Ingestion endpoint:\s+(\S+)/.exec(output)![1];
      const answer = await fetch(ingestUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ api_key: 'npx-key-1', events: [{ event_type: 'From npx', device_id: 'device-npx-1' }] }),
      });
      expect(answer.status).toBe(200);
      const stats = await (await fetch(new URL('/_control/stats', ingestUrl))).json();
      expect(stats).toMatchObject({ requests: 1, accepted: 1, duplicates: 0 });

      // Ctrl-C in a terminal: SIGINT to the whole foreground group (npx and the collector under it).
      const stopped = waitForOutput(child, /Collector stopped\./, 10_000);
      process.kill(-child.pid!, 'SIGINT');
      await stopped;
      await new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve(undefined)));
      await expect(fetch(new URL('/_control/stats', ingestUrl))).rejects.toThrow();
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // whatever of the group is left
      } catch {
        // ESRCH: nothing is left
      }
    }
  });
});
