export { networkRequestsPlugin } from './network-requests-plugin';
export type { NetworkTrackingOptions, NetworkCaptureRule, BodyCaptureRule } from './options';
export {
  PLUGIN_NAME as NETWORK_REQUESTS_PLUGIN_NAME,
  EVENT_NETWORK_REQUEST,
  NetworkProperty,
  DEFAULT_STATUS_CODE_RANGE,
  SDK_REQUEST_MARKER,
} from './constants';
export { markSdkRequest } from './shared-state';
