import { describe, expect, it } from 'vitest';
import { objectOrEmpty, optionsUnlessOff } from '../src/option-guards.js';

const given = { a: 1 };
const list = ['x'];

describe('objectOrEmpty', () => {
  it.each([
    ['an object', given],
    ['an array', list],
  ])('%s is itself', (_name, value) => {
    expect(objectOrEmpty(value)).toBe(value);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['true', true],
    ['false', false],
    ['a string', 'options'],
    ['a number', 3],
    ['a function', () => undefined],
  ])('%s is {}', (_name, value) => {
    expect(objectOrEmpty(value)).toEqual({});
  });

  it('answers a fresh {} each time: a caller writing to it changes nothing shared', () => {
    expect(objectOrEmpty(undefined)).not.toBe(objectOrEmpty(undefined));
  });
});

describe('optionsUnlessOff', () => {
  it.each([
    ['false is off', false, undefined],
    ['true is the defaults', true, {}],
    ['absent is the defaults', undefined, {}],
    ['null is the defaults', null, {}],
    ['a string is the defaults', 'yes', {}],
    ['0 is the defaults (only false is off)', 0, {}],
  ])('%s', (_name, value, expected) => {
    expect(optionsUnlessOff(value)).toEqual(expected);
  });

  it('an object is the options themselves', () => {
    expect(optionsUnlessOff(given)).toBe(given);
  });
});
