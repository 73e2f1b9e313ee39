import { describe, expect, it, vi } from 'vitest';

/** Counts the full entry's autocapture wiring calls; the wiring itself runs unchanged. */
const wiring = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../src/autocapture.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/autocapture.js')>();
  return {
    ...actual,
    wireAutocapture: (...args: Parameters<typeof actual.wireAutocapture>) => {
      wiring.calls += 1;
      return actual.wireAutocapture(...args);
    },
  };
});

const full = await import('../src/index.js');
const lite = await import('../src/lite.js');

describe('the full and the lean entry', () => {
  it('export the same names: one public API (the full entry adds the capture preview)', () => {
    expect(Object.keys(full).sort()).toEqual([...Object.keys(lite), 'preview'].sort());
    expect(Object.keys(full)).toEqual(expect.arrayContaining(['init', 'track', 'createInstance', 'Identify', 'Types']));
  });

  it('share every function but init, createInstance and preview, which wire the full build', () => {
    const own = Object.keys(full).filter(
      (name) => (full as Record<string, unknown>)[name] !== (lite as Record<string, unknown>)[name],
    );
    expect(own.sort()).toEqual(['createInstance', 'init', 'preview']);
  });

  it("lean init sets up no autocapture plugin; the full entry's init of the same default instance does", async () => {
    const options = {
      logLevel: full.Types.LogLevel.None,
      autocapture: { attribution: false, formInteractions: false, fileDownloads: false },
    };
    await lite.init('api-key-0123456789', options).promise;
    expect(wiring.calls).toBe(0);
    await full.init('api-key-0123456789', options).promise;
    expect(wiring.calls).toBe(1);
    expect(full.getDeviceId()).toBe(lite.getDeviceId());
  });

  it("each entry's createInstance makes its own kind of instance", async () => {
    const before = wiring.calls;
    await lite.createInstance().init('api-key-0123456789', { instanceName: 'lean', logLevel: 0 }).promise;
    expect(wiring.calls).toBe(before);
    await full.createInstance().init('api-key-0123456789', { instanceName: 'full', logLevel: 0 }).promise;
    expect(wiring.calls).toBe(before + 1);
  });
});
