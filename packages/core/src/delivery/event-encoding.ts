import { ResultCode } from '../constants.js';
import type { Config, Event } from '../types.js';
import type { DeliveryContext } from './delivery-context.js';
import type { Finish } from './delivery-reporter.js';
import type { QueuedEvent } from './event-state.js';
import { encodeBatch, isBatchBody } from './http-v2-codec.js';
import { DropReason } from './response-policy.js';
import { encodeJson } from './safe-json.js';

/**
 * The request body for `events` under the config's api key and options (`uploadTime` wall-clock),
 * checked before it goes: it throws when the bytes do not read back as this batch.
 */
export const encodeEvents = (config: Config, events: readonly Event[], uploadTime: number): string => {
  const body = encodeBatch({ apiKey: config.apiKey, events, minIdLength: config.minIdLength, uploadTime });
  if (!isBatchBody(body, { apiKey: config.apiKey, events }))
    throw new TypeError('the encoded request does not read back as its events');
  return body;
};

/**
 * Only after encoding failed: a plugin put a value JSON cannot encode (BigInt, a cycle) into some
 * event. Those are dropped (counted as unencodable); the encodable rest is returned, to be sent.
 */
export const dropUnencodable = (context: DeliveryContext, batch: QueuedEvent[], finish: Finish): QueuedEvent[] =>
  batch.filter((entry) => {
    try {
      encodeJson(entry.record.event);
      return true;
    } catch (error) {
      const type = entry.record.event.event_type;
      context.logger.error(
        `Event "${typeof type === 'string' ? type : typeof type}" (insert_id ${entry.record.id}) cannot be encoded ` +
          `as JSON; dropped:`,
        error,
      );
      finish([entry], {
        code: ResultCode.INVALID_INPUT,
        message: `Dropped: cannot be encoded as JSON (${String(error)})`,
        reason: DropReason.UNENCODABLE,
      });
      return false;
    }
  });
