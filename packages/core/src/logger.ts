import type { Logger } from './types.js';

/** Documented log levels: `Types.LogLevel.None` … `Debug`, numeric 0–4. */
export const LogLevel = { None: 0, Error: 1, Warn: 2, Verbose: 3, Debug: 4 } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** Starts every line the SDK logs (error clicks use it to leave the SDK's own errors out). */
export const LOG_PREFIX = 'Sightline:';

/** The default console logger. Never throws, even where `console` is missing. */
export class ConsoleLogger implements Logger {
  private level: number = LogLevel.None;

  disable(): void {
    this.level = LogLevel.None;
  }
  enable(logLevel: number = LogLevel.Warn): void {
    this.level = logLevel;
  }
  log(...args: unknown[]): void {
    if (this.level >= LogLevel.Verbose) write('log', args);
  }
  warn(...args: unknown[]): void {
    if (this.level >= LogLevel.Warn) write('warn', args);
  }
  error(...args: unknown[]): void {
    if (this.level >= LogLevel.Error) write('error', args);
  }
  debug(...args: unknown[]): void {
    if (this.level >= LogLevel.Debug) write('debug', args);
  }
}

const write = (method: 'log' | 'warn' | 'error' | 'debug', args: unknown[]): void => {
  try {
    if (typeof console !== 'undefined') console[method](LOG_PREFIX, ...args);
  } catch {
    /* a broken console must not break the host page */
  }
};
