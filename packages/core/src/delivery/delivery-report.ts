import type { Event } from '../types.js';
import type { DropReason } from './response-policy.js';

/** Counts of what happened to every event this page life (the delivery report). */
export interface DeliveryStats {
  sent: number;
  /** Event retries scheduled after a failed attempt (one event retried twice counts 2). */
  retried: number;
  dropped: { [reason in DropReason]?: number };
  /** Events still stored, waiting to be sent. */
  pending: number;
}

export const DeliveryOutcome = { SENT: 'sent', DROPPED: 'dropped' } as const;
export type DeliveryOutcome = (typeof DeliveryOutcome)[keyof typeof DeliveryOutcome];

/** One event's final outcome, as `onDelivery` listeners receive it. */
export interface DeliveryReport {
  event: Event;
  code: number;
  message: string;
  outcome: DeliveryOutcome;
  reason?: DropReason;
}

export type DeliveryListener = (report: DeliveryReport) => void;
