/**
 * Browser errors for error clicks: uncaught exceptions, unhandled promise
 * rejections and `console.error` calls, each turned into the event's properties with every
 * string scrubbed: an error message can carry an email or a token as easily as a URL can.
 */
import { LOG_PREFIX, tryOr, type Properties } from '@sightline/core';
import { maskSensitivePatterns, scrubUrl } from '@sightline/dom';
import type { CaptureSetup } from './capture-plugin.js';
import { ErrorKind, Property } from './constants.js';

export interface BrowserError {
  kind: ErrorKind;
  message: string;
  stack?: string;
  filename?: string;
  lineNumber?: number;
  columnNumber?: number;
}

const textOf = (value: unknown): string => {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  return tryOr(() => String(value), '');
};

/** The error a thrown or rejected value, or the arguments of a console call, describe. Pure. */
export function describeError(
  kind: ErrorKind,
  values: readonly unknown[],
  location: Partial<BrowserError> = {},
): BrowserError {
  const error = values.find((value): value is Error => value instanceof Error);
  const message = values.map(textOf).filter(Boolean).join(' ');
  return { kind, message, stack: error && typeof error.stack === 'string' ? error.stack : undefined, ...location };
}

/** The Error Click properties of `error`; message, stack and file are scrubbed. Pure. */
export function errorClickProperties(error: BrowserError): Properties {
  const properties: Properties = {
    [Property.KIND]: error.kind,
    [Property.MESSAGE]: maskSensitivePatterns(error.message),
  };
  if (error.stack) properties[Property.STACK] = maskSensitivePatterns(error.stack);
  if (error.filename) properties[Property.FILENAME] = scrubUrl(error.filename);
  if (typeof error.lineNumber === 'number') properties[Property.LINE_NUMBER] = error.lineNumber;
  if (typeof error.columnNumber === 'number') properties[Property.COLUMN_NUMBER] = error.columnNumber;
  return properties;
}

/**
 * Calls `onError` for each browser error from now on; returns the stop. `console.error` is
 * wrapped (restored at stop, unless someone wrapped it after us; inert from stop on either way); the SDK's own log
 * lines
 * are not the page's errors and are left out.
 */
export function watchErrors(
  win: Window,
  listen: CaptureSetup<unknown>['listen'],
  onError: (error: BrowserError) => void,
): () => void {
  listen(win, 'error', (event) => {
    // Resource load failures reach a capture listener as plain Events: only script errors count.
    const errorEvent = event as ErrorEvent;
    if (typeof errorEvent.message !== 'string' || !('filename' in errorEvent)) return;
    onError(
      describeError(ErrorKind.UNCAUGHT_EXCEPTION, [errorEvent.error ?? errorEvent.message], {
        filename: errorEvent.filename || undefined,
        lineNumber: errorEvent.lineno,
        columnNumber: errorEvent.colno,
      }),
    );
  });
  listen(win, 'unhandledrejection', (event) => {
    onError(describeError(ErrorKind.UNHANDLED_REJECTION, [(event as PromiseRejectionEvent).reason]));
  });

  const console = (win as Window & { console?: Console }).console;
  if (!console || typeof console.error !== 'function') return () => undefined;
  const original = console.error;
  // A script that wrapped console.error after us keeps calling our wrapper after stop: from
  // then on it only passes the call through.
  let watching = true;
  const wrapper = function (this: unknown, ...args: unknown[]) {
    // Reporting must never change what the page's console call does.
    if (watching && args[0] !== LOG_PREFIX)
      tryOr(() => onError(describeError(ErrorKind.CONSOLE_ERROR, args)), undefined);
    return original.apply(this, args);
  };
  console.error = wrapper;
  return () => {
    watching = false;
    if (console.error === wrapper) console.error = original;
  };
}
