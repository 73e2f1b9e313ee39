import { describe, expect, it } from 'vitest';
import {
  MASK,
  MAX_TEXT_LENGTH,
  compileMaskPattern,
  compileMaskPatterns,
  containsSensitivePattern,
  isPrivacyLevel,
  maskSensitivePatterns,
  maskText,
  passesLuhn,
  readPageTitle,
  maskPageTitle,
  truncateText,
} from '@sightline/dom';

describe('maskSensitivePatterns', () => {
  it.each([
    // card numbers: every occurrence, any split by spaces or dashes
    ['4111111111111111', MASK],
    ['card 4111 1111 1111 1111 ok', `card ${MASK} ok`],
    ['card 4111-1111-1111-1111', `card ${MASK}`],
    ['4111 1111-1111 1111', MASK],
    ['a 4111111111111111 b 5500 0000 0000 0004 c', `a ${MASK} b ${MASK} c`],
    ['378282246310005', MASK], // Amex, 15 digits
    ['6011111111111117', MASK],
    ['4222222222222', MASK], // 13-digit Visa
    ['4111 1111 1111 1111 05 28', `${MASK} 05 28`], // card followed by expiry
    ['x4111111111111111y', `x${MASK}y`],
    ['4111111111111112', '4111111111111112'], // fails Luhn
    ['123456789012', '123456789012'], // too short
    ['12345678901234567890123', '12345678901234567890123'], // one long run, not a card
    ['Order 1234 5678', 'Order 1234 5678'],
    // SSN
    ['ssn 123-45-6789', `ssn ${MASK}`],
    ['123 45 6789', MASK],
    ['123-45-6789 and 987-65-4321', `${MASK} and ${MASK}`],
    ['123-45 6789', '123-45 6789'], // mixed separators
    ['123456789', '123456789'], // bare 9 digits kept (ids)
    ['1123-45-6789', '1123-45-6789'],
    // email
    ['mail bob@example.com now', `mail ${MASK} now`],
    ['a.b+c@sub.example.co.uk, d@e.io', `${MASK}, ${MASK}`],
    ['<bob@example.com>', `<${MASK}>`],
    ['jörg@bücher.de', MASK],
    ['user@localhost', 'user@localhost'],
    ['@handle', '@handle'],
    ['a @ b.com', 'a @ b.com'],
    // nothing
    ['', ''],
    ['plain text', 'plain text'],
    ['日本語のテキスト 😀', '日本語のテキスト 😀'],
  ])('%s', (input, expected) => {
    expect(maskSensitivePatterns(input)).toBe(expected);
    expect(containsSensitivePattern(input)).toBe(input !== expected);
  });

  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['0', true],
    ['79927398713', true],
  ])('passesLuhn %s -> %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('maskText', () => {
  it.each<[string, Parameters<typeof maskText>[1], string]>([
    ['  Buy \n\t now  ', {}, 'Buy now'],
    ['4111\n1111\n1111\n1111', {}, MASK], // split across lines
    ['Card ends in 1234', { maskTextRegex: [/ends\s*in\s*[0-9]{4}/i] }, `Card ${MASK}`],
    ['Card ENDS IN 1234', { maskTextRegex: ['/(?i)ends\\s*in\\s*[0-9]{4}/'] }, `Card ${MASK}`],
    ['Card ends in 1234', { maskTextRegex: ['ends\\s*in\\s*[0-9]{4}'] }, `Card ${MASK}`],
    ['Card ENDS IN 1234', { maskTextRegex: ['ends\\s*in\\s*[0-9]{4}'] }, 'Card ENDS IN 1234'],
    ['a1 b2 a3', { maskTextRegex: [/a\d/] }, `${MASK} b2 ${MASK}`], // non-global still masks all
    ['secret', { maskTextRegex: ['(unclosed'] }, 'secret'], // invalid pattern skipped
    ['abc', { maskTextRegex: [/x*/g] }, 'abc'], // empty matches do not spray masks
    ['abcdef', { maxLength: 3 }, 'abc'],
    ['abc', { maxLength: Infinity }, 'abc'],
    ['', {}, ''],
  ])('%s with %o', (input, options, expected) => {
    expect(maskText(input, options)).toBe(expected);
  });

  it('masks before truncation: a card straddling the 255 cut never leaks digits', () => {
    const prefix = 'x'.repeat(MAX_TEXT_LENGTH - 8);
    const text = `${prefix}4111 1111 1111 1111 tail`;
    const result = maskText(text);
    expect(result.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(result).not.toMatch(/\d/);
    expect(result.startsWith(prefix)).toBe(true);
    expect(result.slice(prefix.length)).toBe(`${MASK} tail`.slice(0, MAX_TEXT_LENGTH - prefix.length));
  });

  it('an email straddling the cut is masked, not half-kept', () => {
    const prefix = 'y '.repeat(124);
    const result = maskText(`${prefix}someone@example.com`);
    expect(result).not.toContain('someone');
    expect(result.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
  });

  it('masks every occurrence in long text', () => {
    const text = Array.from({ length: 20 }, () => 'bob@example.com').join(' ');
    expect(maskText(text, { maxLength: Infinity })).toBe(Array.from({ length: 20 }, () => MASK).join(' '));
  });

  it.each([undefined, null, 5, {}])('returns empty string for non-string %s', (input) => {
    expect(maskText(input as string)).toBe('');
  });
});

describe('truncateText', () => {
  it.each([
    ['abc', 5, 'abc'],
    ['abcdef', 3, 'abc'],
    ['ab😀c', 3, 'ab'], // would split the surrogate pair
    ['ab😀c', 4, 'ab😀'],
    ['abc', 0, ''],
    ['abc', Number.NaN, 'abc'],
  ])('%s cut at %s', (text, length, expected) => {
    expect(truncateText(text, length)).toBe(expected);
  });
});

describe('compileMaskPattern(s)', () => {
  it.each([
    [/a/, 'a', 'g'],
    [/a/gi, 'a', 'gi'],
    ['/b/i', 'b', 'gi'],
    ['/b/g', 'b', 'g'],
    ['(?i)c', 'c', 'gi'],
    ['/(?i)c/', 'c', 'gi'],
    ['a/b', 'a\\/b', 'g'],
  ])('%s', (pattern, source, flags) => {
    const regex = compileMaskPattern(pattern);
    expect(regex?.source).toBe(source);
    expect(regex?.flags).toBe(flags);
  });

  it.each(['', '(', '[', 42, null])('rejects %s', (pattern) => {
    expect(compileMaskPattern(pattern as string)).toBeUndefined();
  });

  it('reports invalid patterns and keeps the valid ones', () => {
    const invalid: unknown[] = [];
    const compiled = compileMaskPatterns(['ok', '(bad', /fine/], (pattern) => invalid.push(pattern));
    expect(compiled.map((regex) => regex.source)).toEqual(['ok', 'fine']);
    expect(invalid).toEqual(['(bad']);
    expect(compileMaskPatterns(undefined)).toEqual([]);
    expect(compileMaskPatterns('x' as unknown as string[])).toEqual([]);
  });
});

describe('isPrivacyLevel', () => {
  it.each([
    ['light', true],
    ['medium', true],
    ['conservative', true],
    ['strict', false],
    [undefined, false],
    [1, false],
  ])('%s -> %s', (value, expected) => {
    expect(isPrivacyLevel(value)).toBe(expected);
  });
});

describe('readPageTitle', () => {
  function documentWithHead(head: string): Document {
    const doc = document.implementation.createHTMLDocument('');
    doc.head.innerHTML = head;
    return doc;
  }

  it.each([
    ['<title>Checkout</title>', 'Checkout'],
    ['<title data-amp-mask>Secret</title>', MASK],
    ['<title data-amp-mask="false">Secret</title>', MASK], // any value masks
    ['<title>Invoice for bob@example.com</title>', `Invoice for ${MASK}`],
    ['', ''],
  ])('%s', (head, expected) => {
    expect(readPageTitle(documentWithHead(head))).toBe(expected);
  });

  it.each([
    ['<title>Now</title>', 'Earlier bob@example.com', `Earlier ${MASK}`],
    ['<title data-amp-mask>Now</title>', 'Earlier', MASK],
  ])('maskPageTitle applies the same rules to a title read earlier (%s, %s)', (head, title, expected) => {
    expect(maskPageTitle(documentWithHead(head), title)).toBe(expected);
  });

  it('applies maskTextRegex and keeps long titles whole', () => {
    const long = 'T'.repeat(400);
    expect(readPageTitle(documentWithHead(`<title>${long}</title>`))).toBe(long);
    expect(readPageTitle(documentWithHead('<title>Order A-1</title>'), { maskTextRegex: [/A-\d/] })).toBe(
      `Order ${MASK}`,
    );
  });

  it('never throws', () => {
    expect(readPageTitle(undefined)).toBe('');
    expect(readPageTitle(null)).toBe('');
    const broken = {
      querySelector() {
        throw new Error('boom');
      },
    } as unknown as Document;
    expect(readPageTitle(broken)).toBe('');
  });
});

describe('long input stays linear (no catastrophic backtracking)', () => {
  it.each([
    ['a long token without @', 'a'.repeat(200_000)],
    ['a long token ending in an invalid address', `${'a'.repeat(200_000)}@b`],
    ['many @ signs', '@a'.repeat(100_000)],
    ['long digit runs', '1 '.repeat(100_000)],
    ['long dashed digits', '123-'.repeat(50_000)],
  ])('%s', (_name, text) => {
    // The test timeout is the guard: a quadratic pattern takes minutes here.
    expect(maskSensitivePatterns(text).length).toBeGreaterThan(0);
  });

  it('an address after a long local-part run is still masked', () => {
    expect(maskSensitivePatterns(`x${'a'.repeat(100)}@example.com`)).not.toContain('@example.com');
  });
});
