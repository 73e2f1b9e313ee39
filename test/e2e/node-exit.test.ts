import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ROOT, startTestCollector } from './support/fixtures.js';

// Node and server rendering (docs/delivery.md, "Where there is no page"): a process that inits,
// tracks one event and does nothing else ends by itself once the event is delivered, or once its
// retries are given up. Nothing the SDK leaves behind (a timer, a listener, a channel) keeps it alive.

const LIMIT_MS = 60_000;

/** Runs `code` in a fresh Node process; resolves with its exit code, output and run time, or the time it was killed. */
const runUntilExit = (code: string) =>
  new Promise<{ exitCode: number | null; output: string; ms: number; killed: boolean }>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('exit', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, output: output.trim(), ms: Date.now() - started, killed: signal === 'SIGKILL' });
    });
  });

/** Init, one track, nothing else: from the built package, as an app would import it. */
const script = (serverUrl: string) => `
  import * as sightline from './packages/browser/dist/index.mjs';
  sightline.init('node-exit-key', { serverUrl: '${serverUrl}' });
  sightline.track('From Node', { n: 1 }).promise.then((result) => console.log('result', result.code));
`;

/** A port with nothing listening on it (the endpoint is down). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('a Node process that tracks one event', () => {
  it(
    'exits by itself once the event is delivered (delivered once), saying once what stays off without a window',
    async () => {
      const collector = await startTestCollector();
      try {
        const run = await runUntilExit(script(collector.ingestUrl));
        expect(run.killed, `still running after ${LIMIT_MS} ms: ${run.output}`).toBe(false);
        expect(run.exitCode).toBe(0);
        expect(run.output).toMatch(/result 200/);
        expect(run.output.match(/No window here/g)).toHaveLength(1);
        const events = collector.events().filter((event: { event_type: string }) => event.event_type === 'From Node');
        expect(events).toHaveLength(1);
        console.log(`Node process with the collector up: exited after ${run.ms} ms`);
      } finally {
        await collector.close();
      }
    },
    LIMIT_MS + 10_000,
  );

  it(
    'exits by itself with the endpoint down, once its retries are given up',
    async () => {
      const run = await runUntilExit(script(`http://127.0.0.1:${await closedPort()}/2/httpapi`));
      expect(run.killed, `still running after ${LIMIT_MS} ms: ${run.output}`).toBe(false);
      expect(run.exitCode).toBe(0);
      expect(run.output).toMatch(/not delivered after 5 attempts/);
      console.log(`Node process with the endpoint down: exited after ${run.ms} ms`);
    },
    LIMIT_MS + 10_000,
  );
});
