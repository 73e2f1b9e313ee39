/**
 * JSON for upload bodies that trusts nothing a page may have patched. Pages carry old libraries
 * that break `JSON.stringify` (Prototype.js's `Array.prototype.toJSON` turns arrays into strings;
 * a `toJSON` getter on `Object.prototype` replaces every object; a broken JSON polyfill): this
 * encoder never calls `toJSON`, reads own enumerable keys only, and uses built-ins captured when
 * this module loads, before later scripts can replace them. It throws a TypeError for what JSON
 * cannot carry (a BigInt, a cycle), as `JSON.stringify` does.
 */

const ownKeys = Object.keys;
const isArray = Array.isArray;
const NativeDate = Date;
const dateTime = Date.prototype.getTime;
const dateIso = Date.prototype.toISOString;
const codeAt = String.prototype.charCodeAt;
const regexTest = RegExp.prototype.test;
const nativeParse = JSON.parse;

/** Characters a JSON string cannot carry as they are (quotes, backslashes, controls, lone surrogate halves). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;
const HEX = '0123456789abcdef';
/** Any character past ASCII: without one, a text's UTF-8 bytes are its length. */
// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
const NON_ASCII = /[^\u0000-\u007f]/;

const unicodeEscape = (code: number): string =>
  '\\u' + HEX[(code >> 12) & 15] + HEX[(code >> 8) & 15] + HEX[(code >> 4) & 15] + HEX[code & 15];

const SHORT_ESCAPES: { [code: number]: string } = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/** A JSON string literal; well-formed like JSON.stringify (lone surrogate halves escaped). */
const quote = (text: string): string => {
  if (!regexTest.call(SPECIAL, text)) return '"' + text + '"';
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const code = codeAt.call(text, index);
    if (code === 34 || code === 92 || code < 0x20) {
      out += SHORT_ESCAPES[code] || unicodeEscape(code);
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = codeAt.call(text, index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) out += text[index] + text[++index];
      else out += unicodeEscape(code);
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      out += unicodeEscape(code);
    } else {
      out += text[index];
    }
  }
  return out + '"';
};

/** `undefined` where JSON leaves the value out (undefined, functions, symbols). */
const encodeValue = (value: unknown, ancestors: unknown[], depth: number): string | undefined => {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      // Finite numbers as JSON writes them (ToString of a number primitive cannot be patched).
      return value - value === 0 ? '' + value : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a BigInt cannot be encoded as JSON');
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (value instanceof NativeDate) {
    const time = dateTime.call(value);
    return time === time ? quote(dateIso.call(value)) : 'null';
  }
  for (let index = 0; index < depth; index++) {
    if (ancestors[index] === value) throw new TypeError('a value that contains itself cannot be encoded as JSON');
  }
  ancestors[depth] = value;
  let out: string;
  if (isArray(value)) {
    out = '[';
    for (let index = 0; index < value.length; index++) {
      const item = encodeValue(value[index], ancestors, depth + 1);
      out += (index ? ',' : '') + (item === undefined ? 'null' : item);
    }
    out += ']';
  } else {
    const object = value as { [key: string]: unknown };
    const names = ownKeys(object);
    out = '{';
    let first = true;
    for (let index = 0; index < names.length; index++) {
      const item = encodeValue(object[names[index]], ancestors, depth + 1);
      if (item === undefined) continue;
      out += (first ? '' : ',') + quote(names[index]) + ':' + item;
      first = false;
    }
    out += '}';
  }
  ancestors.length = depth;
  return out;
};

/** JSON text of `value` (`undefined` for a value JSON leaves out), whatever the page did to the prototypes. */
export const encodeJson = (value: unknown): string | undefined => encodeValue(value, [], 0);

/** ISO 8601 of a time in ms, or undefined for one that is not a valid date. */
export const isoTime = (time: number): string | undefined => {
  const date = new NativeDate(time);
  return time - time === 0 && dateTime.call(date) === dateTime.call(date) ? dateIso.call(date) : undefined;
};

/** UTF-8 bytes of `text` (lone surrogate halves as the 3 bytes of U+FFFD, as encoders send them). */
export const byteLength = (text: string): number => {
  // An upload body is mostly ASCII: one native scan instead of a loop over every character.
  if (!regexTest.call(NON_ASCII, text)) return text.length;
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = codeAt.call(text, index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = codeAt.call(text, index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
};

/**
 * JSON.parse as it was when this module loaded, if it reads JSON back correctly (a page may have
 * replaced it before): none otherwise, and what would check with it is not checked.
 */
export const trustedParse = ((): ((text: string) => unknown) | undefined => {
  try {
    const sample = nativeParse('{"a":[1,"\\u00e9"]}') as { a: unknown[] };
    return isArray(sample.a) && sample.a[0] === 1 && sample.a[1] === '\u00e9' ? nativeParse : undefined;
  } catch {
    return undefined;
  }
})();
