import type { BrowserContext, Page } from 'playwright-core';

/** What a page's origin holds: cookie names, web-storage keys and IndexedDB database names. */
export interface StorageSnapshot {
  cookies: string[];
  localStorage: string[];
  sessionStorage: string[];
  databases: string[];
}

/**
 * Reads the origin's storage twice: from the page (document.cookie, the Storage objects,
 * indexedDB.databases()) and over CDP (every cookie of the context, DOMStorage, the IndexedDB
 * names the browser has on disk for the origin). Returns the CDP view after checking both agree.
 */
export const readStorage = async (context: BrowserContext, page: Page): Promise<StorageSnapshot> => {
  const fromPage = await page.evaluate(async () => ({
    cookies: document.cookie
      .split(';')
      .map((part) => part.split('=')[0].trim())
      .filter(Boolean),
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    databases: (await indexedDB.databases()).map((database) => database.name as string),
  }));
  const origin = new URL(page.url()).origin;
  const cdp = await context.newCDPSession(page);
  const { cookies } = (await cdp.send('Network.getAllCookies')) as { cookies: { name: string }[] };
  await cdp.send('DOMStorage.enable');
  const keys = async (isLocalStorage: boolean) =>
    (
      (await cdp.send('DOMStorage.getDOMStorageItems', { storageId: { securityOrigin: origin, isLocalStorage } })) as {
        entries: [string, string][];
      }
    ).entries.map(([key]) => key);
  const { databaseNames } = await cdp.send('IndexedDB.requestDatabaseNames', { securityOrigin: origin });
  const fromCdp: StorageSnapshot = {
    cookies: cookies.map((cookie) => cookie.name),
    localStorage: await keys(true),
    sessionStorage: await keys(false),
    databases: databaseNames,
  };
  await cdp.detach();
  const sorted = (snapshot: StorageSnapshot): StorageSnapshot => ({
    cookies: [...snapshot.cookies].sort(),
    localStorage: [...snapshot.localStorage].sort(),
    sessionStorage: [...snapshot.sessionStorage].sort(),
    databases: [...snapshot.databases].sort(),
  });
  if (JSON.stringify(sorted(fromPage)) !== JSON.stringify(sorted(fromCdp)))
    throw new Error(`The page and CDP disagree on storage: ${JSON.stringify({ fromPage, fromCdp })}`);
  return sorted(fromCdp);
};

/** Every request the page sends to `origin`, as raw bytes (URL and body), for a scan of what leaves. */
export const captureRequests = (page: Page, origin: string): Buffer[] => {
  const captured: Buffer[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) return;
    captured.push(Buffer.concat([Buffer.from(`${request.url()}\n`), request.postDataBuffer() || Buffer.alloc(0)]));
  });
  return captured;
};
