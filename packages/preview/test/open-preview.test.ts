import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '@sightline/test-utils';
import { openPreview, type PreviewHandle } from '@sightline/preview';

const PAGE = `
  <button id="opener">Preview</button>
  <a id="link" href="/next.html?token=tok-Zq77Secret">Continue</a>
  <div data-amp-mask><button id="masked">Ottoline</button></div>
  <input id="password" type="password">`;

let handle: PreviewHandle | undefined;
const host = () => document.querySelector('sightline-preview');
const shadow = () => host()!.shadowRoot!;
const options = () => Array.from(shadow().querySelectorAll<HTMLElement>('[role="option"]'));
const key = (name: string, init: KeyboardEventInit = {}) =>
  (shadow().activeElement || document.body).dispatchEvent(
    new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true, ...init }),
  );

beforeEach(() => {
  document.body.innerHTML = PAGE;
});

afterEach(() => {
  handle?.close();
  handle = undefined;
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('openPreview', () => {
  it('draws a data-sightline-ui host with a modal dialog and one option per captured element', () => {
    handle = openPreview();
    expect(host()!.getAttribute('data-sightline-ui')).toBe('preview');
    expect(shadow().querySelector('[role="dialog"]')!.getAttribute('aria-modal')).toBe('true');
    expect(options().map((option) => option.getAttribute('aria-label'))).toEqual([
      'button#opener "Preview": [Amplitude] Element Clicked',
      'a#link "Continue": [Amplitude] Element Clicked',
      'div "*****": [Amplitude] Element Clicked, only if the click changes the page, text masked',
      'button#masked "*****": [Amplitude] Element Clicked, text masked',
      'input#password: [Amplitude] Element Clicked, nothing typed is captured',
    ]);
    // One tab stop in the list, and it has the focus: its event is shown.
    expect(options().map((option) => option.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    expect(shadow().activeElement).toBe(options()[0]);
  });

  it('focus shows the event; arrow keys move; the scrubbed href and the masked text are what is shown', () => {
    handle = openPreview();
    key('ArrowDown');
    expect(shadow().activeElement).toBe(options()[1]);
    const shown = () => shadow().querySelector('dd[data-property="[Amplitude] Element Href"]')?.textContent;
    expect(shown()).toBe('/next.html?token=*****');
    key('End');
    expect(shadow().querySelector('.notes')!.textContent).toContain('Password or hidden field');
    key('ArrowUp');
    expect(shadow().querySelector('dd[data-property="[Amplitude] Element Text"]')!.textContent).toBe('*****');
  });

  it('Escape closes: the host, its window listeners and the focus go back as they were; onClose runs once', () => {
    const opener = document.getElementById('opener')!;
    opener.focus();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const onClose = vi.fn();
    handle = openPreview({ onClose });
    expect(added.mock.calls.length).toBeGreaterThan(0);
    key('Escape');
    expect(host()).toBeNull();
    expect(handle.isOpen).toBe(false);
    expect(document.activeElement).toBe(opener);
    expect(removed.mock.calls.map(([type, listener]) => [type, listener])).toEqual(
      added.mock.calls.map(([type, listener]) => [type, listener]),
    );
    handle.close();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('Tab stays in the preview: from the last button back to the list', () => {
    handle = openPreview();
    const buttons = Array.from(shadow().querySelectorAll<HTMLElement>('.panel button'));
    buttons[buttons.length - 1].focus();
    key('Tab');
    expect(shadow().activeElement).toBe(options()[0]);
    key('Tab', { shiftKey: true });
    expect(shadow().activeElement).toBe(buttons[buttons.length - 1]);
  });

  it('one preview per page: opening again returns the open one; after close a new one opens', () => {
    handle = openPreview();
    expect(openPreview()).toBe(handle);
    expect(document.querySelectorAll('sightline-preview')).toHaveLength(1);
    handle.close();
    handle = openPreview();
    expect(handle.isOpen).toBe(true);
  });

  it('a page that breaks the scan leaves nothing behind: no host, no window listener, the focus back', () => {
    const opener = document.getElementById('opener')!;
    opener.focus();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    // A page that patched layout reads badly: the scan throws once the host is in the page.
    vi.spyOn(Element.prototype, 'getClientRects').mockImplementation(() => {
      throw new Error('a hostile page');
    });
    const logger = silentLogger();
    handle = openPreview({ logger });
    expect(handle.isOpen).toBe(false);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(host()).toBeNull();
    expect(removed.mock.calls.length).toBe(added.mock.calls.length);
    expect(document.activeElement).toBe(opener);
  });

  it('options that throw when read are logged once and nothing is drawn, never thrown; the close button closes', () => {
    const logger = silentLogger();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile');
        },
      },
    );
    handle = openPreview({ elementInteractions: hostile, logger });
    expect(handle.isOpen).toBe(false); // could not read the options: logged, nothing drawn
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(host()).toBeNull();
    handle = openPreview();
    (shadow().querySelector('button.close') as HTMLElement).click();
    expect(host()).toBeNull();
  });
});
