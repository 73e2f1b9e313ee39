// Small helpers for answering: JSON bodies, CORS for the ingestion endpoints, path matching.
import { CORS_MAX_AGE_SECONDS, INGEST_SUFFIXES } from './constants.mjs';

/** Ingestion is open to every origin, like the real endpoints; Retry-After must be readable by the page. */
export const CORS_HEADERS = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
});

/**
 * The preflight answer: allowed methods, the headers the browser asked for, and how long
 * it may cache the answer. Pure.
 * @param {string | undefined} requestedHeaders Access-Control-Request-Headers
 */
export const preflightHeaders = (requestedHeaders) => ({
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Allow-Headers': requestedHeaders || 'Content-Type, Content-Encoding',
  'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
  Vary: 'Access-Control-Request-Headers',
});

/** The path without query string. @param {string | undefined} url */
export const pathOf = (url) => (url || '/').split('?')[0].split('#')[0] || '/';

/** Any path ending /2/httpapi or /batch is an ingestion endpoint (so proxies' prefixes work). @param {string} path */
export const isIngestPath = (path) => {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return INGEST_SUFFIXES.some((suffix) => trimmed.endsWith(suffix));
};

/**
 * @param {import('node:http').ServerResponse} response
 * @param {{ status: number, body: unknown, headers?: Record<string, string> }} answer
 */
export const sendJson = (response, { status, body, headers = {} }) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
};
