// The live inspector's static files. No inline script or style, so it works under a strict CSP.
import { readFile } from 'node:fs/promises';
import { PATH } from './constants.mjs';

const ASSETS = Object.freeze({
  [PATH.inspector]: { file: 'index.html', type: 'text/html; charset=utf-8' },
  [PATH.inspectorScript]: { file: 'inspector.js', type: 'text/javascript; charset=utf-8' },
  [PATH.inspectorStyle]: { file: 'inspector.css', type: 'text/css; charset=utf-8' },
});

const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** @param {string} path */
export const isInspectorAsset = (path) => Object.hasOwn(ASSETS, path);

/**
 * @param {{ response: import('node:http').ServerResponse, path: string }} input
 */
export const serveInspectorAsset = async ({ response, path }) => {
  const asset = ASSETS[path];
  const content = await readFile(new URL(`./inspector/${asset.file}`, import.meta.url));
  response.writeHead(200, {
    'Content-Type': asset.type,
    'Content-Length': String(content.length),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(content);
};
