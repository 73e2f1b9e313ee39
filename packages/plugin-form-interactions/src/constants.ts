/** Wire names of form interactions, defined once. */
export const EVENT_FORM_STARTED = '[Amplitude] Form Started';
export const EVENT_FORM_SUBMITTED = '[Amplitude] Form Submitted';
export const FORM_ID = '[Amplitude] Form ID';
export const FORM_NAME = '[Amplitude] Form Name';
export const FORM_DESTINATION = '[Amplitude] Form Destination';

export const PLUGIN_NAME = 'sightline-form-interactions';
