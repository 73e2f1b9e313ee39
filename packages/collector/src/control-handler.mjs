// The control API, for the demo and for tests in other processes:
//   POST /_control/script  (JSON array of faults)   POST /_control/reset
//   POST /_control/down    POST /_control/up         GET /_control/stats   GET /_control/events
import { ERROR_MESSAGE, PATH } from './constants.mjs';
import { sendJson } from './http-answers.mjs';
import { readRawBody } from './read-body.mjs';
import { badRequestBody, errorBody } from './responses.mjs';
import { parseJson } from './validate-upload.mjs';

const CONTROL_BODY_LIMIT = 1_000_000;

/**
 * A browser sends Origin on cross-origin requests: refusing origins other than the
 * collector's own keeps other web pages from resetting or reading it. Node clients send
 * no Origin. Pure.
 * @param {{ origin: string | undefined, host: string | undefined }} input
 */
export const isAllowedControlOrigin = ({ origin, host }) =>
  !origin || (host !== undefined && origin === `http://${host}`);

/**
 * @param {{
 *   request: import('node:http').IncomingMessage,
 *   response: import('node:http').ServerResponse,
 *   path: string,
 *   state: ReturnType<typeof import('./collector-state.mjs').createCollectorState>,
 * }} input
 */
export const handleControl = async ({ request, response, path, state }) => {
  if (!isAllowedControlOrigin({ origin: request.headers.origin, host: request.headers.host })) {
    sendJson(response, { status: 403, body: errorBody({ code: 403, error: ERROR_MESSAGE.forbidden }) });
    return;
  }
  const action = `${request.method} ${path.slice(PATH.controlPrefix.length)}`;
  switch (action) {
    case 'GET stats':
      sendJson(response, { status: 200, body: state.stats() });
      return;
    case 'GET events':
      sendJson(response, { status: 200, body: state.events() });
      return;
    case 'POST reset':
      state.reset();
      sendJson(response, { status: 200, body: { ok: true } });
      return;
    case 'POST down':
    case 'POST up':
      state.setDown(action === 'POST down');
      sendJson(response, { status: 200, body: { ok: true, down: state.down } });
      return;
    case 'POST script': {
      const { raw, overflow } = await readRawBody(request, { limitBytes: CONTROL_BODY_LIMIT });
      const parsed = overflow ? { ok: /** @type {const} */ (false) } : parseJson(raw.toString('utf8'));
      if (!parsed.ok) {
        sendJson(response, { status: 400, body: badRequestBody(ERROR_MESSAGE.invalidJson) });
        return;
      }
      try {
        const queued = state.faults.push(parsed.value);
        sendJson(response, { status: 200, body: { ok: true, queued, pending: state.faults.pending() } });
      } catch (error) {
        sendJson(response, {
          status: 400,
          body: badRequestBody(error instanceof Error ? error.message : String(error)),
        });
      }
      return;
    }
    default:
      sendJson(response, {
        status: 404,
        body: errorBody({ code: 404, error: `${ERROR_MESSAGE.notFound}: ${action}` }),
      });
  }
};
