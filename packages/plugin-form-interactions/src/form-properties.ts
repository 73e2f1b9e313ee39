/**
 * Form ID, Name and Destination from the form's attributes — never from `form.id` /
 * `form.name` / `form.action`, which a field named `id`, `name` or `action` shadows. Never
 * reads a field value. The destination is resolved like `form.action` and scrubbed.
 */
import { scrubUrl } from '@sightline/dom';
import { FORM_DESTINATION, FORM_ID, FORM_NAME } from './constants.js';

/** A type alias (not an interface) so it is assignable to `Properties`: the fresh object is tracked as is. */
export type FormProperties = {
  [FORM_ID]: string;
  [FORM_NAME]: string;
  [FORM_DESTINATION]: string;
};

const resolveAction = (form: Element): string => {
  const action = form.getAttribute('action');
  const base = form.ownerDocument.baseURI || '';
  try {
    // An absent or empty action submits to the document's own URL, as form.action says.
    return new URL(action || base, base || undefined).href;
  } catch {
    return action || '';
  }
};

export const readFormProperties = (form: Element): FormProperties => ({
  [FORM_ID]: form.getAttribute('id') || '',
  [FORM_NAME]: form.getAttribute('name') || '',
  [FORM_DESTINATION]: scrubUrl(resolveAction(form)),
});
