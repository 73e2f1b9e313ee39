import { RevenueProperty } from './constants.js';
import type { Properties } from './types.js';

/** A revenue event builder; every setter returns the instance for chaining. */
export class Revenue {
  private productId = '';
  private quantity = 1;
  private price: number | null = null;
  private revenueType: string | null = null;
  private currency: string | null = null;
  private receipt: string | null = null;
  private receiptSignature: string | null = null;
  private properties: Properties | null = null;
  private revenue: number | null = null;

  setProductId(productId: string): this {
    this.productId = productId;
    return this;
  }
  setQuantity(quantity: number): this {
    if (Number.isInteger(quantity) && quantity > 0) this.quantity = quantity;
    return this;
  }
  setPrice(price: number): this {
    this.price = price;
    return this;
  }
  setRevenueType(revenueType: string): this {
    this.revenueType = revenueType;
    return this;
  }
  setCurrency(currency: string): this {
    this.currency = currency;
    return this;
  }
  setRevenue(revenue: number): this {
    this.revenue = revenue;
    return this;
  }
  setReceipt(receipt: string): this {
    this.receipt = receipt;
    return this;
  }
  setReceiptSignature(receiptSignature: string): this {
    this.receiptSignature = receiptSignature;
    return this;
  }
  setEventProperties(properties: Properties): this {
    if (properties && typeof properties === 'object') this.properties = properties;
    return this;
  }

  /** Why this revenue can't be sent, or undefined when it can (price is required). */
  validate(): string | undefined {
    if (typeof this.price !== 'number' || !Number.isFinite(this.price))
      return 'Revenue needs a finite price (setPrice)';
    return undefined;
  }

  /** `event_properties` of the `revenue_amount` event. */
  getEventProperties(): Properties {
    const price = this.price as number;
    const wire: Properties = {
      ...(this.properties || {}),
      [RevenueProperty.PRODUCT_ID]: this.productId,
      [RevenueProperty.QUANTITY]: this.quantity,
      [RevenueProperty.PRICE]: price,
      [RevenueProperty.REVENUE]: this.revenue !== null ? this.revenue : price * this.quantity,
    };
    const optional: [string, unknown][] = [
      [RevenueProperty.REVENUE_TYPE, this.revenueType],
      [RevenueProperty.CURRENCY, this.currency],
      [RevenueProperty.RECEIPT, this.receipt],
      [RevenueProperty.RECEIPT_SIG, this.receiptSignature],
    ];
    for (const [name, value] of optional) if (value !== null) wire[name] = value;
    return wire;
  }
}
