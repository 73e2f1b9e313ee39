/**
 * The main script as it runs: its folder and its CSP nonce (the async snippet gives the main
 * script the nonce of its own tag). `document.currentScript` is only set while a classic script
 * first runs, so the script-tag build reads it when its modules evaluate.
 */
import { scriptFolderOf } from './script-url.js';

export interface MainScript {
  folder?: string;
  nonce?: string;
}

export function readMainScript(document: Document | undefined): MainScript {
  try {
    const script = document && (document.currentScript as HTMLScriptElement | null);
    if (!script) return {};
    return { folder: scriptFolderOf(script.src), nonce: script.nonce || undefined };
  } catch {
    return {};
  }
}
