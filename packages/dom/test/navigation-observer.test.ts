import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeNavigation, type NavigationChange } from '@sightline/dom';

const ORIGIN = 'http://localhost:3000';
const realPushState = history.pushState;
const realReplaceState = history.replaceState;

/** Moves the URL without going through any patch, as the browser does before popstate. */
const silentlyGoTo = (path: string) => realReplaceState.call(history, null, '', path);

const flushEvents = () => new Promise((resolve) => setTimeout(resolve, 10));

type Step =
  | { push: string }
  | { replace: string }
  | { popstateTo: string }
  | { hashchangeTo: string }
  | { browserHashAssign: string };

const run = async (step: Step) => {
  if ('push' in step) history.pushState({}, '', step.push);
  else if ('replace' in step) history.replaceState({}, '', step.replace);
  else if ('popstateTo' in step) {
    silentlyGoTo(step.popstateTo);
    window.dispatchEvent(new PopStateEvent('popstate'));
  } else if ('hashchangeTo' in step) {
    silentlyGoTo(step.hashchangeTo);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    // What a browser does for `location.hash = x`: URL changes, then popstate, then hashchange.
    silentlyGoTo(step.browserHashAssign);
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
  await flushEvents();
};

describe('observeNavigation (one shared navigation observer)', () => {
  const unsubscribers: Array<() => void> = [];
  const observe = (listener: (change: NavigationChange) => void, onError?: (error: unknown) => void) => {
    const stop = observeNavigation(listener, { onError });
    unsubscribers.push(stop);
    return stop;
  };

  beforeEach(async () => {
    silentlyGoTo('/');
    await flushEvents(); // let happy-dom's own stray events pass before listening
  });

  afterEach(() => {
    for (const stop of unsubscribers.splice(0)) stop();
    history.pushState = realPushState;
    history.replaceState = realReplaceState;
  });

  const table: Array<{ name: string; steps: Step[]; expected: Array<[string, string, string]> }> = [
    { name: 'pushState to a new path', steps: [{ push: '/a' }], expected: [['pushState', '/', '/a']] },
    { name: 'replaceState to a new path', steps: [{ replace: '/b' }], expected: [['replaceState', '/', '/b']] },
    { name: 'replaceState to the same URL reports nothing', steps: [{ replace: '/' }], expected: [] },
    { name: 'pushState to the same URL reports nothing', steps: [{ push: '/' }], expected: [] },
    {
      name: 'pushState of a hash change is one change (no hashchange follows in browsers)',
      steps: [{ push: '/#x' }],
      expected: [['pushState', '/', '/#x']],
    },
    {
      name: 'popstate (back button) to another URL',
      steps: [{ push: '/a' }, { popstateTo: '/' }],
      expected: [
        ['pushState', '/', '/a'],
        ['popstate', '/a', '/'],
      ],
    },
    { name: 'popstate without a URL change reports nothing', steps: [{ popstateTo: '/' }], expected: [] },
    { name: 'hashchange alone', steps: [{ hashchangeTo: '/#h' }], expected: [['hashchange', '/', '/#h']] },
    {
      name: 'location.hash assignment fires popstate and hashchange: reported once',
      steps: [{ browserHashAssign: '/#k' }],
      expected: [['popstate', '/', '/#k']],
    },
    {
      name: 'a sequence of navigations, each once',
      steps: [
        { push: '/a?x=1' },
        { replace: '/a?x=2' },
        { browserHashAssign: '/a?x=2#s' },
        { push: '/a?x=2#s' },
        { popstateTo: '/a?x=1' },
      ],
      expected: [
        ['pushState', '/', '/a?x=1'],
        ['replaceState', '/a?x=1', '/a?x=2'],
        ['popstate', '/a?x=2', '/a?x=2#s'],
        ['popstate', '/a?x=2#s', '/a?x=1'],
      ],
    },
  ];

  for (const { name, steps, expected } of table) {
    it(`${name}`, async () => {
      const changes: NavigationChange[] = [];
      observe((change) => changes.push(change));
      for (const step of steps) await run(step);
      expect(
        changes.map((change) => [
          change.trigger,
          change.previousUrl.slice(ORIGIN.length),
          change.url.slice(ORIGIN.length),
        ]),
      ).toEqual(expected);
    });
  }

  it('patches history once for all subscribers and reports to each', async () => {
    const first: string[] = [];
    const second: string[] = [];
    observe((change) => first.push(change.url));
    const patched = history.pushState;
    observe((change) => second.push(change.url));
    expect(history.pushState).toBe(patched);
    await run({ push: '/both' });
    expect(first).toEqual([`${ORIGIN}/both`]);
    expect(second).toEqual([`${ORIGIN}/both`]);
  });

  it('restores pushState / replaceState when the last subscriber leaves', async () => {
    const stopA = observe(() => undefined);
    const stopB = observe(() => undefined);
    expect(history.pushState).not.toBe(realPushState);
    stopA();
    expect(history.pushState).not.toBe(realPushState);
    stopB();
    expect(history.pushState).toBe(realPushState);
    expect(history.replaceState).toBe(realReplaceState);
  });

  it('unsubscribing twice is harmless and leaves the other subscriber listening', async () => {
    const kept: string[] = [];
    const stop = observe(() => undefined);
    observe((change) => kept.push(change.url));
    stop();
    stop();
    await run({ push: '/still' });
    expect(kept).toEqual([`${ORIGIN}/still`]);
  });

  it('does not undo a patch someone else made on top of ours, and stays silent inside it', async () => {
    const seen: string[] = [];
    const stop = observe((change) => seen.push(change.url));
    const ours = history.pushState;
    const theirs = vi.fn(function (this: History, ...args: Parameters<History['pushState']>) {
      return ours.apply(this, args);
    });
    history.pushState = theirs;
    stop();
    expect(history.pushState).toBe(theirs);
    await run({ push: '/after' });
    expect(theirs).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([]);

    // A new subscriber patches on top again; the stale wrapper below must not double-report.
    const again: NavigationChange[] = [];
    observe((change) => again.push(change));
    await run({ push: '/again' });
    expect(again.map((change) => change.url)).toEqual([`${ORIGIN}/again`]);
  });

  it('stops listening to popstate / hashchange after the last unsubscribe', async () => {
    const seen: string[] = [];
    const stop = observe((change) => seen.push(change.url));
    stop();
    await run({ popstateTo: '/gone' });
    await run({ hashchangeTo: '/gone#x' });
    expect(seen).toEqual([]);
  });

  it('a throwing listener is reported to its onError and does not stop the others or the host call', async () => {
    const onError = vi.fn();
    const seen: string[] = [];
    observe(() => {
      throw new Error('listener bug');
    }, onError);
    observe((change) => seen.push(change.url));
    expect(() => history.pushState({}, '', '/boom')).not.toThrow();
    expect(location.pathname).toBe('/boom');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'listener bug' }));
    expect(seen).toEqual([`${ORIGIN}/boom`]);
  });

  it('a throwing onError is contained too', async () => {
    observe(
      () => {
        throw new Error('listener bug');
      },
      () => {
        throw new Error('handler bug');
      },
    );
    expect(() => history.pushState({}, '', '/contained')).not.toThrow();
  });

  it('the host pushState keeps its return value and its own errors', async () => {
    observe(() => undefined);
    expect(history.pushState({}, '', '/ok')).toBeUndefined();
    const failing = vi.fn(() => {
      throw new DOMException('insecure', 'SecurityError');
    });
    // Re-patch on a failing original to check errors pass through unchanged.
    for (const stop of unsubscribers.splice(0)) stop();
    history.pushState = failing;
    const seen: string[] = [];
    observe((change) => seen.push(change.url));
    expect(() => history.pushState({}, '', 'https://evil.example/')).toThrow('insecure');
    expect(seen).toEqual([]);
  });

  it('a listener that unsubscribes while being notified does not disturb the others', async () => {
    const seen: string[] = [];
    let stopSelf: () => void = () => undefined;
    stopSelf = observe(() => stopSelf());
    observe((change) => seen.push(change.url));
    await run({ push: '/one' });
    await run({ push: '/two' });
    expect(seen).toEqual([`${ORIGIN}/one`, `${ORIGIN}/two`]);
  });

  it('bad input (no function) is ignored without patching anything', () => {
    const stop = observeNavigation(undefined as unknown as () => void);
    expect(history.pushState).toBe(realPushState);
    expect(() => stop()).not.toThrow();
  });
});
