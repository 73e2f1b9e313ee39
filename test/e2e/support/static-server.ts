import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
  '.pdf': 'application/pdf',
};

export interface StaticServerOptions {
  /** URL path prefix -> folder on disk. */
  mounts: Record<string, string>;
  /** Inline pages: URL path -> HTML. */
  pages?: Record<string, string>;
  /** Extra headers per URL path (e.g. a Content-Security-Policy). */
  headers?: Record<string, Record<string, string>>;
  /** Delay in ms before answering a URL path (e.g. a slow bundle). */
  delays?: Record<string, number>;
}

export interface StaticServer {
  url: string;
  setPage(path: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** A tiny file server on 127.0.0.1 for test pages and the built bundles. */
export const startStaticServer = async (options: StaticServerOptions): Promise<StaticServer> => {
  const pages = { ...options.pages };
  const headers = { ...options.headers };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent((request.url || '/').split('?')[0]);
    const delay = options.delays?.[path];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const extra = headers[path] || {};
    if (pages[path] !== undefined) {
      response.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', ...extra });
      response.end(pages[path]);
      return;
    }
    for (const [prefix, folder] of Object.entries(options.mounts)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(folder, path.slice(prefix.length)));
      if (!file.startsWith(normalize(folder)) || !existsSync(file) || !statSync(file).isFile()) continue;
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...extra,
      });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found');
  };
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPage(path, html, pageHeaders) {
      pages[path] = html;
      if (pageHeaders) headers[path] = pageHeaders;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
