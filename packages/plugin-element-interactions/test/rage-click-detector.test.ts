import { describe, expect, it } from 'vitest';
import { RageClickDetector, isRageBurst, rageClickProperties, type ClickSample } from '@sightline/plugin-element-interactions';

const a = document.createElement('button');
const b = document.createElement('button');

function clicks(spec: Array<[number, number, number, Element?]>): ClickSample[] {
  return spec.map(([time, x, y, element]) => ({ time, x, y, element: element ?? a }));
}

/** Feeds the clicks and returns every burst the detector reports, then the last one. */
function bursts(samples: ClickSample[]): ClickSample[][] {
  const detector = new RageClickDetector();
  const found: ClickSample[][] = [];
  for (const sample of samples) {
    const ended = detector.add(sample);
    if (ended && detector.isRage(ended)) found.push(ended.clicks);
  }
  const last = detector.finish();
  if (last && detector.isRage(last)) found.push(last.clicks);
  return found;
}

describe('rage clicks (C12, OQ-3)', () => {
  it.each<[string, Array<[number, number, number, Element?]>, number[]]>([
    ['4 fast clicks are one rage click', [[0, 10, 10], [200, 10, 10], [400, 11, 9], [600, 10, 10]], [4]],
    ['3 clicks are none', [[0, 10, 10], [200, 10, 10], [400, 10, 10]], []],
    ['6 fast clicks are one burst of 6', [[0, 0, 0], [100, 0, 0], [200, 0, 0], [300, 0, 0], [400, 0, 0], [500, 0, 0]], [6]],
    ['4 clicks spanning 1000 ms or more are none', [[0, 0, 0], [333, 0, 0], [666, 0, 0], [1000, 0, 0]], []],
    ['4 clicks spanning 999 ms are one', [[0, 0, 0], [333, 0, 0], [666, 0, 0], [999, 0, 0]], [4]],
    ['slow clicks 900 ms apart never rage', [[0, 0, 0], [900, 0, 0], [1800, 0, 0], [2700, 0, 0], [3600, 0, 0]], []],
    ['a slow start then 4 fast ones: the burst keeps all clicks', [[0, 0, 0], [900, 0, 0], [1000, 0, 0], [1100, 0, 0], [1200, 0, 0]], [5]],
    ['the 50 px box holds', [[0, 0, 0], [100, 50, 50], [200, 0, 50], [300, 50, 0]], [4]],
    ['leaving the 50 px box starts a new burst', [[0, 0, 0], [100, 51, 0], [200, 0, 0], [300, 0, 0]], []],
    ['another element starts a new burst', [[0, 0, 0], [100, 0, 0, b], [200, 0, 0], [300, 0, 0]], []],
    ['a 1 s pause splits two bursts', [[0, 0, 0], [100, 0, 0], [200, 0, 0], [300, 0, 0], [1300, 0, 0], [1400, 0, 0], [1500, 0, 0], [1600, 0, 0]], [4, 4]],
    ['clock going backwards starts a new burst', [[1000, 0, 0], [1100, 0, 0], [900, 0, 0], [1200, 0, 0]], []],
  ])('%s', (_name, spec, expected) => {
    expect(bursts(clicks(spec)).map((burst) => burst.length)).toEqual(expected);
  });

  it('reset drops the burst (text selection)', () => {
    const detector = new RageClickDetector();
    const [c1, c2, c3, c4] = clicks([[0, 0, 0], [100, 0, 0], [200, 0, 0], [300, 0, 0]]);
    detector.add(c1);
    detector.add(c2);
    detector.reset();
    detector.add(c3);
    detector.add(c4);
    const burst = detector.finish();
    expect(burst?.clicks).toHaveLength(2);
    expect(burst && detector.isRage(burst)).toBe(false);
    expect(detector.finish()).toBeUndefined();
  });

  it('isRageBurst with custom thresholds', () => {
    const burst = { element: a, clicks: clicks([[0, 0, 0], [100, 0, 0]]) };
    expect(isRageBurst(burst)).toBe(false);
    expect(isRageBurst(burst, { minCount: 2, windowMs: 200, boxPx: 1 })).toBe(true);
  });

  it('OQ-3 rage properties: times, duration, clicks and count', () => {
    const start = Date.UTC(2024, 0, 2, 3, 4, 5, 6);
    const burst = { element: a, clicks: clicks([[start, 1, 2], [start + 150, 3, 4], [start + 300, 5, 6], [start + 420, 7, 8]]) };
    expect(rageClickProperties(burst)).toEqual({
      '[Amplitude] Begin Time': '2024-01-02T03:04:05.006Z',
      '[Amplitude] End Time': '2024-01-02T03:04:05.426Z',
      '[Amplitude] Duration': 420,
      '[Amplitude] Clicks': [
        { X: 1, Y: 2, Time: 0 },
        { X: 3, Y: 4, Time: 150 },
        { X: 5, Y: 6, Time: 300 },
        { X: 7, Y: 8, Time: 420 },
      ],
      '[Amplitude] Click Count': 4,
    });
  });
});
