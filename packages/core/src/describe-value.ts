import { tryOr } from './try-or.js';

/**
 * A short, safe description of a bad input value for log messages (never its whole content).
 * Never throws: the value may be a revoked Proxy or a function whose toString throws.
 */
export const describeValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  return tryOr(() => (Array.isArray(value) ? 'an array' : 'an object'), 'an unreadable value');
};
