// Without consent: no setConsent behaviour (the public API still binds the name).
import { ClientLifecycle } from '@sightline/core/client-lifecycle';

export class ConsentClient extends ClientLifecycle {
  setConsent() {}
}
