// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { badInput } from '@sightline/test-utils';
import { Identify, Revenue } from '../src/index.js';

describe('Identify operations', () => {
  it.each([
    ['set', (i: Identify) => i.set('k', 'v'), { $set: { k: 'v' } }],
    ['setOnce', (i: Identify) => i.setOnce('k', 1), { $setOnce: { k: 1 } }],
    ['add', (i: Identify) => i.add('k', 2), { $add: { k: 2 } }],
    ['unset', (i: Identify) => i.unset('k'), { $unset: { k: '-' } }],
    ['append', (i: Identify) => i.append('k', ['a', 'b']), { $append: { k: ['a', 'b'] } }],
    ['prepend', (i: Identify) => i.prepend('k', 'a'), { $prepend: { k: 'a' } }],
    ['preInsert', (i: Identify) => i.preInsert('k', 'a'), { $preInsert: { k: 'a' } }],
    ['postInsert', (i: Identify) => i.postInsert('k', 'a'), { $postInsert: { k: 'a' } }],
    ['remove', (i: Identify) => i.remove('k', 'a'), { $remove: { k: 'a' } }],
    ['clearAll supersedes everything', (i: Identify) => i.set('k', 'v').clearAll(), { $clearAll: '-' }],
    [
      'chaining',
      (i: Identify) => i.set('membership', 'paid').set('payment', 'bank'),
      { $set: { membership: 'paid', payment: 'bank' } },
    ],
    ['object values', (i: Identify) => i.set('o', { a: [1] }), { $set: { o: { a: [1] } } }],
  ])('%s', (_name, build, wire) => {
    const identify = new Identify();
    expect(build(identify)).toBe(identify);
    expect(identify.getUserProperties()).toEqual(wire);
    expect(identify.problems).toEqual([]);
  });

  it.each([
    ['a second operation on one key is ignored', (i: Identify) => i.set('k', 1).setOnce('k', 2), { $set: { k: 1 } }],
    ['add with a non-number', (i: Identify) => i.add('k', badInput('x')), {}],
    ['add with NaN', (i: Identify) => i.add('k', NaN), {}],
    ['an empty key', (i: Identify) => i.set('', 1), {}],
    [
      'a function value',
      (i: Identify) =>
        i.set(
          'k',
          badInput(() => 1),
        ),
      {},
    ],
    ['undefined value', (i: Identify) => i.set('k', badInput(undefined)), {}],
    ['null in set', (i: Identify) => i.set('k', badInput(null)), {}],
  ])('%s is reported, not thrown', (_name, build, wire) => {
    const identify = build(new Identify());
    expect(identify.getUserProperties()).toEqual(wire);
    expect(identify.problems).toHaveLength(1);
  });

  it('values that throw when printed or inspected are reported, not thrown (public API fuzz)', () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const identify = new Identify();
    expect(
      () =>
        identify
          .add('a', Object.create(null)) // String() of it throws
          .add(Symbol('key') as never, 'x' as never) // a template string of a Symbol throws
          .append('b', revoked), // Array.isArray of a revoked Proxy throws
    ).not.toThrow();
    expect(identify.getUserProperties()).toEqual({});
    expect(identify.problems).toHaveLength(3);
  });

  it('getUserProperties returns a copy', () => {
    const identify = new Identify().set('k', 1);
    (identify.getUserProperties().$set as Record<string, unknown>).k = 2;
    expect(identify.getUserProperties()).toEqual({ $set: { k: 1 } });
  });
});

describe('Revenue fields', () => {
  it('documented defaults: productId "", quantity 1, no optional fields', () => {
    expect(new Revenue().setPrice(3).getEventProperties()).toEqual({
      $productId: '',
      $quantity: 1,
      $price: 3,
      $revenue: 3,
    });
  });

  it('every field on the wire, revenue = quantity × price, negative price allowed', () => {
    const revenue = new Revenue()
      .setProductId('p')
      .setQuantity(3)
      .setPrice(-2)
      .setRevenueType('refund')
      .setCurrency('JPY')
      .setReceipt('r')
      .setReceiptSignature('s')
      .setEventProperties({ campaign: 'x' });
    expect(revenue.getEventProperties()).toEqual({
      campaign: 'x',
      $productId: 'p',
      $quantity: 3,
      $price: -2,
      $revenue: -6,
      $revenueType: 'refund',
      $currency: 'JPY',
      $receipt: 'r',
      $receiptSig: 's',
    });
  });

  it.each([[undefined], [NaN], [Infinity]])('price %s is invalid', (price) => {
    const revenue = new Revenue();
    if (price !== undefined) revenue.setPrice(price);
    expect(revenue.validate()).toMatch(/price/);
  });

  it('ignores a non-integer or non-positive quantity', () => {
    expect(new Revenue().setPrice(1).setQuantity(0).setQuantity(1.5).getEventProperties().$quantity).toBe(1);
  });
});
