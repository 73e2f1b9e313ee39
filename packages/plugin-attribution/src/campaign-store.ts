/**
 * Where the last tracked campaign and the last session seen are kept between page loads:
 * localStorage, or sessionStorage / memory when `identityStorage` says so. Written only when
 * they change; every failure degrades to memory.
 */
import { getWindow, type Config, type Logger } from '@sightline/core';
import type { Campaign } from '@sightline/dom';
import { campaignStorageKey } from './constants.js';

export interface CampaignState {
  campaign?: Campaign;
  sessionId?: number;
}

export interface CampaignStore {
  read(): CampaignState;
  write(state: CampaignState): void;
}

const pickStorage = (config: Config): Storage | undefined => {
  const win = getWindow();
  if (!win || config.identityStorage === 'none') return undefined;
  try {
    return config.identityStorage === 'sessionStorage' ? win.sessionStorage : win.localStorage;
  } catch {
    return undefined; // storage access can throw (sandboxed iframes, blocked cookies)
  }
};

export const createCampaignStore = (config: Config, logger: Logger): CampaignStore => {
  const key = campaignStorageKey(config.apiKey);
  const storage = pickStorage(config);
  let memory: CampaignState = {};
  if (storage) {
    try {
      const raw = storage.getItem(key);
      const parsed: unknown = raw ? JSON.parse(raw) : undefined;
      if (parsed && typeof parsed === 'object') memory = parsed;
    } catch (error) {
      logger.warn('attribution: stored campaign unreadable; starting fresh', error);
    }
  }
  return {
    read: () => memory,
    write(state) {
      memory = state;
      if (!storage) return;
      try {
        storage.setItem(key, JSON.stringify(state));
      } catch (error) {
        logger.warn('attribution: could not store the campaign', error);
      }
    },
  };
};
