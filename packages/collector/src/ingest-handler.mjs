// One ingestion request (HTTP V2 or Batch API): scripted faults first, then decode,
// validate, dedupe, store, answer.
import { BODY, DEFAULTS } from './constants.mjs';
import { faultAnswer } from './fault-script.mjs';
import { CORS_HEADERS, sendJson } from './http-answers.mjs';
import { decodeBody, encodingOf, rawLimitFor, readRawBody } from './read-body.mjs';
import { invalidJsonBody, successBody } from './responses.mjs';
import { parseJson, validateUpload } from './validate-upload.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Best effort: the events array of a body, for counting and for scripted 429 bodies. @param {Buffer} body */
const eventsIn = (body) => {
  const parsed = parseJson(body.toString('utf8'));
  const events = parsed.ok && parsed.value && typeof parsed.value === 'object' ? parsed.value[BODY.events] : undefined;
  return Array.isArray(events) ? events : [];
};

/**
 * @param {{
 *   request: import('node:http').IncomingMessage,
 *   response: import('node:http').ServerResponse,
 *   path: string,
 *   state: ReturnType<typeof import('./collector-state.mjs').createCollectorState>,
 *   limits: { maxBodyBytes: number, maxEventsPerRequest: number },
 *   log: (message: string) => void,
 * }} input
 */
export const handleIngest = async ({ request, response, path, state, limits, log }) => {
  const time = Date.now();
  // Taken on arrival, so concurrent requests meet the faults in the order they came in.
  const fault = state.faults.next();
  const contentEncoding = request.headers['content-encoding'];
  const gzip = encodingOf(contentEncoding) === 'gzip';
  const { raw, overflow } = await readRawBody(request, {
    limitBytes: rawLimitFor({ gzip, maxBodyBytes: limits.maxBodyBytes }),
  });
  const decoded = await decodeBody({ raw, overflow, contentEncoding, maxBodyBytes: limits.maxBodyBytes });
  const body = decoded.ok ? decoded.body : decoded.decoded;
  const record = {
    method: request.method || 'POST',
    path,
    headers: request.headers,
    body,
    rawBody: raw,
    bodyText: body.toString('utf8'),
    status: 0,
    time,
  };
  state.recordRequest(record);

  /**
   * @param {{ status: number, body: Record<string, unknown>, headers?: Record<string, string> }} answer @param {number}
   * refused
   */
  const answer = (answer, refused = 0) => {
    record.status = answer.status;
    if (answer.status !== 200) state.reject(refused);
    sendJson(response, { ...answer, headers: { ...CORS_HEADERS, ...answer.headers } });
    log(`${record.method} ${path} → ${answer.status}${refused ? ` (${refused} events refused)` : ''}`);
  };

  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.drop) {
    state.reject(eventsIn(body).length);
    log(`${record.method} ${path} → connection dropped (scripted)`);
    request.socket.destroy();
    return;
  }
  if (fault?.status) {
    const events = eventsIn(body);
    answer(faultAnswer({ fault, events, epsThreshold: DEFAULTS.epsThreshold }), events.length);
    return;
  }
  if (!decoded.ok) {
    answer({ status: decoded.status, body: decoded.body });
    return;
  }
  const parsed = parseJson(record.bodyText);
  if (!parsed.ok) {
    answer({ status: 400, body: invalidJsonBody() });
    return;
  }
  const verdict = validateUpload(parsed.value, { maxEventsPerRequest: limits.maxEventsPerRequest });
  if (!verdict.ok) {
    answer({ status: verdict.status, body: verdict.body }, eventsIn(body).length);
    return;
  }
  const now = Date.now();
  const { stored, duplicates } = state.accept({ events: verdict.events, now });
  // Duplicates are acknowledged like any event and silently not stored again (as documented).
  answer({
    status: 200,
    body: successBody({ eventsIngested: verdict.events.length, payloadSizeBytes: body.length, now }),
  });
  if (duplicates) log(`  ${stored} stored, ${duplicates} duplicate insert_ids dropped`);
};
