export { networkRequestsPlugin } from './network-requests-plugin.js';
export type { NetworkTrackingOptions, NetworkCaptureRule, BodyCaptureRule } from './options.js';
export {
  PLUGIN_NAME as NETWORK_REQUESTS_PLUGIN_NAME,
  EVENT_NETWORK_REQUEST,
  NetworkProperty,
  DEFAULT_STATUS_CODE_RANGE,
  SDK_REQUEST_MARKER,
} from './constants.js';
export { markSdkRequest } from './shared-state.js';
