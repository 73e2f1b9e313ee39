// The installed package in a Node script that inits, tracks one event and does nothing else: the
// process exits by itself once the event is delivered, and with the endpoint down once its
// attempts are given up (docs/delivery.md, "Where there is no page"). A correctness check, not a timing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeResult, runCommand } from './support/command.js';
import { consumerApp } from './support/packed.js';

const LIMIT_MS = 60_000;

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/2/httpapi`),
    ),
  );

const trackOne = (serverUrl: string) =>
  runCommand(process.execPath, ['node/track-one.mjs', serverUrl], { cwd: consumerApp(), timeoutMs: LIMIT_MS });

describe('a Node script using the installed package', () => {
  it(
    'exits by itself once its one event is delivered',
    async () => {
      const received: string[] = [];
      const server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          for (const event of JSON.parse(body).events) received.push(event.event_type);
          response.writeHead(200, { 'content-type': 'application/json' }).end('{"code":200}');
        });
      });
      try {
        const run = await trackOne(await listen(server));
        expect(run.timedOut, describeResult(run)).toBe(false);
        expect(run.code, describeResult(run)).toBe(0);
        expect(run.stdout).toContain('result 200');
        expect(received.filter((type) => type === 'From Node')).toHaveLength(1); // delivered, once
      } finally {
        server.close();
      }
    },
    LIMIT_MS + 10_000,
  );

  it(
    'exits by itself with the endpoint down, once its attempts are given up',
    async () => {
      const server = createServer();
      const url = await listen(server);
      await new Promise((resolve) => server.close(resolve)); // nothing listens there any more
      const run = await trackOne(url);
      expect(run.timedOut, describeResult(run)).toBe(false);
      expect(run.code, describeResult(run)).toBe(0);
      expect(run.stdout + run.stderr).toMatch(/not delivered after 5 attempts/);
    },
    LIMIT_MS + 10_000,
  );
});
