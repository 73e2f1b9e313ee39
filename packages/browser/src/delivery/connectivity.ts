import { getNavigator, type Connectivity } from '@sightline/core';

/** navigator.onLine plus the online/offline events. */
export const createConnectivity = (): Connectivity | undefined => {
  const navigator = getNavigator();
  if (!navigator || typeof addEventListener !== 'function') return undefined;
  return {
    isOnline: () => navigator.onLine !== false,
    subscribe(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      addEventListener('online', online);
      addEventListener('offline', offline);
      return () => {
        removeEventListener('online', online);
        removeEventListener('offline', offline);
      };
    },
  };
};
