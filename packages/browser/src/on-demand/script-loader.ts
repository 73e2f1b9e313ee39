/**
 * The thin shell that loads one script file: `integrity` (SRI) and `crossorigin` set, the page's
 * CSP nonce passed on, the element removed once it has run. Resolves with the global the file
 * defines; rejects with the reason when the file is refused or missing.
 */
export interface ScriptRequest {
  document: Document;
  url: string;
  integrity: string;
  nonce?: string;
  /** The global the file defines when it runs. */
  global: string;
}

export const loadScript = ({ document, url, integrity, nonce, global }: ScriptRequest): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const script = document.createElement('script');
    const settle = (loaded: boolean) => {
      script.remove();
      const value = (document.defaultView as unknown as { [name: string]: unknown })[global];
      // The browser does not say which of these refused the file.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a message the caller logs
      if (!loaded) reject('not found, network, integrity or Content-Security-Policy');
      else if (value) resolve(value);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a message the caller logs
      else reject(`it defined no ${global}`);
    };
    script.onload = () => settle(true);
    script.onerror = () => settle(false);
    script.async = true;
    script.crossOrigin = 'anonymous';
    script.integrity = integrity;
    if (nonce) script.nonce = nonce;
    script.src = url;
    (document.head || document.documentElement).appendChild(script);
  });
