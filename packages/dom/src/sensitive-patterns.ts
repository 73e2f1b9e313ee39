/**
 * Recognisers for personal data inside free text: card numbers, US social security numbers
 * and email addresses. Pure; shared by text masking and URL scrubbing.
 * No lookbehind anywhere: Safari < 16.4 rejects it at parse time and would break the bundle.
 */

export const MASK = '*****';

/** Runs of digits joined by single spaces or dashes: "4111 1111-1111 1111", "1234567". */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;
const MIN_CARD_DIGITS = 13;
const MAX_CARD_DIGITS = 19;

/** `123-45-6789` or `123 45 6789`; bare 9-digit runs are left alone (ids, zip+4). */
const SSN = /(^|\D)\d{3}([- ])\d{2}\2\d{4}(?!\d)/g;

/**
 * Deliberately generous (unicode local parts and domains): over-masking is the safe side.
 * Parts are bounded (RFC lengths) so a long token cannot make the match quadratic.
 */
const EMAIL =
  /[^\s@<>()[\]\\,;:"'`/?#&=]{1,64}@[^\s@<>()[\]\\,;:"'`/?#&=]{1,253}\.[^\s@<>()[\]\\,;:"'`/?#&=\d]{2,63}/gu;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Card spans inside one run, as offsets into the run: windows of whole groups holding 13–19
 * digits that pass Luhn, so a card followed by an expiry ("4111 1111 1111 1111 05 28") is
 * still found, while long numbers that are not cards stay readable.
 */
function cardSpans(run: string): Array<[number, number]> {
  const groups = run.split(/[ -]/);
  // Groups are joined by exactly one separator (DIGIT_RUN), which gives their offsets.
  const starts: number[] = [];
  let offset = 0;
  for (const group of groups) {
    starts.push(offset);
    offset += group.length + 1;
  }
  const spans: Array<[number, number]> = [];
  let first = 0;
  while (first < groups.length) {
    let digits = '';
    let found = -1;
    for (let last = first; last < groups.length; last += 1) {
      digits += groups[last];
      if (digits.length > MAX_CARD_DIGITS) break;
      if (digits.length >= MIN_CARD_DIGITS && passesLuhn(digits)) found = last;
    }
    if (found >= 0) {
      spans.push([starts[first], starts[found] + groups[found].length]);
      first = found + 1;
    } else {
      first += 1;
    }
  }
  return spans;
}

function maskCardNumbers(text: string): string {
  let result = '';
  let cursor = 0;
  let run: RegExpExecArray | null;
  DIGIT_RUN.lastIndex = 0;
  while ((run = DIGIT_RUN.exec(text)) !== null) {
    if (run[0].replace(/[ -]/g, '').length < MIN_CARD_DIGITS) continue;
    for (const [start, end] of cardSpans(run[0])) {
      result += text.slice(cursor, run.index + start) + MASK;
      cursor = run.index + end;
    }
  }
  return cursor === 0 ? text : result + text.slice(cursor);
}

/** Every pattern needs a digit (cards, SSNs) or an `@` (emails). */
const PATTERN_CHARACTER = /[\d@]/;

/** Replaces every card number, SSN and email occurrence with `*****`. */
export function maskSensitivePatterns(text: string): string {
  // Most texts (labels, class names, path segments) hold neither: one scan instead of three.
  if (!PATTERN_CHARACTER.test(text)) return text;
  const withoutNumbers = maskCardNumbers(text).replace(SSN, `$1${MASK}`);
  return withoutNumbers.includes('@') ? withoutNumbers.replace(EMAIL, MASK) : withoutNumbers;
}

/** True when the text contains a card number, SSN or email. */
export function containsSensitivePattern(text: string): boolean {
  return maskSensitivePatterns(text) !== text;
}
