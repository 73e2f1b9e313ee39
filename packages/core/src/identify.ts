import { IdentifyOperation } from './constants.js';
import { tryOr } from './try-or.js';

type Operation = IdentifyOperation;
/** A user property value the ingestion API takes: a string, a finite number, a boolean, arrays and objects of them. */
export type IdentifyValue = string | number | boolean | IdentifyValue[] | { [key: string]: IdentifyValue };
type Value = unknown;
export type UserProperties = { [operation: string]: { [key: string]: Value } | string };

const ARRAY_OPERATIONS: Operation[] = [
  IdentifyOperation.APPEND,
  IdentifyOperation.PREPEND,
  IdentifyOperation.PRE_INSERT,
  IdentifyOperation.POST_INSERT,
  IdentifyOperation.REMOVE,
];

const isValidValue = (value: Value): boolean => {
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return true;
  if (type === 'number') return Number.isFinite(value);
  // A revoked Proxy, or one whose traps throw, is nothing to send.
  return tryOr(() => (Array.isArray(value) ? value.every(isValidValue) : value !== null && type === 'object'), false);
};

/**
 * User-property operations. Each property takes part in one operation per Identify: a
 * second operation on the same key is ignored (and reported), as the ingestion API would
 * otherwise apply them in an unspecified order. `clearAll` supersedes everything else.
 */
export class Identify {
  protected readonly properties: { [operation: string]: { [key: string]: Value } } = {};
  private readonly keys = new Set<string>();
  private cleared = false;
  /** Problems met while building (invalid values, repeated keys): logged by the client. */
  readonly problems: string[] = [];

  set(key: string, value: IdentifyValue): this {
    return this.addOperation(IdentifyOperation.SET, key, value);
  }
  setOnce(key: string, value: IdentifyValue): this {
    return this.addOperation(IdentifyOperation.SET_ONCE, key, value);
  }
  add(key: string, value: number): this {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      // Named by type, not printed: String() throws for a Symbol key or an object without toString.
      const name = typeof key === 'string' ? `"${key}"` : `a ${typeof key} key`;
      this.problems.push(
        `Identify.add(${name}) needs a finite number, got ${typeof value === 'number' ? value : `a ${typeof value}`}`,
      );
      return this;
    }
    return this.addOperation(IdentifyOperation.ADD, key, value);
  }
  append(key: string, value: IdentifyValue): this {
    return this.addOperation(IdentifyOperation.APPEND, key, value);
  }
  prepend(key: string, value: IdentifyValue): this {
    return this.addOperation(IdentifyOperation.PREPEND, key, value);
  }
  preInsert(key: string, value: IdentifyValue): this {
    return this.addOperation(IdentifyOperation.PRE_INSERT, key, value);
  }
  postInsert(key: string, value: IdentifyValue): this {
    return this.addOperation(IdentifyOperation.POST_INSERT, key, value);
  }
  remove(key: string, value: IdentifyValue): this {
    return this.addOperation(IdentifyOperation.REMOVE, key, value);
  }
  unset(key: string): this {
    return this.addOperation(IdentifyOperation.UNSET, key, '-');
  }
  clearAll(): this {
    this.cleared = true;
    return this;
  }

  /** The wire form: `{ $set: {...}, $unset: {...} }` or `{ $clearAll: '-' }`. */
  getUserProperties(): UserProperties {
    if (this.cleared) return { [IdentifyOperation.CLEAR_ALL]: '-' };
    const copy: UserProperties = {};
    for (const operation of Object.keys(this.properties)) copy[operation] = { ...this.properties[operation] };
    return copy;
  }

  private addOperation(operation: Operation, key: string, value: Value): this {
    if (typeof key !== 'string' || key.length === 0) {
      this.problems.push(`Identify.${operationName(operation)} needs a non-empty string key`);
    } else if (!isValidValue(value) || (ARRAY_OPERATIONS.indexOf(operation) < 0 && value === null)) {
      this.problems.push(`Identify.${operationName(operation)}("${key}") got an unsupported value`);
    } else if (this.keys.has(key)) {
      this.problems.push(`Identify: "${key}" already has an operation; ${operationName(operation)} ignored`);
    } else {
      this.keys.add(key);
      (this.properties[operation] = this.properties[operation] || {})[key] = value;
    }
    return this;
  }
}

const operationName = (operation: Operation): string => operation.slice(1);

/** Checked by shape (an Identify always passes), so apps that never build one do not bundle the class. */
export const isIdentify = (value: unknown): value is Identify =>
  typeof value === 'object' && value !== null && typeof (value as Identify).getUserProperties === 'function';
