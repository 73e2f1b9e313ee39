import { describe, expect, it } from 'vitest';
import {
  RAGE_CLICK_MAX_RECORDED,
  RageClickDetector,
  isRageBurst,
  rageClickProperties,
  type ClickSample,
} from '@sightline/plugin-element-interactions';

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

describe('rage clicks', () => {
  it.each<[string, Array<[number, number, number, Element?]>, number[]]>([
    [
      '4 fast clicks are one rage click',
      [
        [0, 10, 10],
        [200, 10, 10],
        [400, 11, 9],
        [600, 10, 10],
      ],
      [4],
    ],
    [
      '3 clicks are none',
      [
        [0, 10, 10],
        [200, 10, 10],
        [400, 10, 10],
      ],
      [],
    ],
    [
      '6 fast clicks are one burst of 6',
      [
        [0, 0, 0],
        [100, 0, 0],
        [200, 0, 0],
        [300, 0, 0],
        [400, 0, 0],
        [500, 0, 0],
      ],
      [6],
    ],
    [
      '4 clicks spanning 1000 ms or more are none',
      [
        [0, 0, 0],
        [333, 0, 0],
        [666, 0, 0],
        [1000, 0, 0],
      ],
      [],
    ],
    [
      '4 clicks spanning 999 ms are one',
      [
        [0, 0, 0],
        [333, 0, 0],
        [666, 0, 0],
        [999, 0, 0],
      ],
      [4],
    ],
    [
      'slow clicks 900 ms apart never rage',
      [
        [0, 0, 0],
        [900, 0, 0],
        [1800, 0, 0],
        [2700, 0, 0],
        [3600, 0, 0],
      ],
      [],
    ],
    [
      'a slow start then 4 fast ones: the burst keeps all clicks',
      [
        [0, 0, 0],
        [900, 0, 0],
        [1000, 0, 0],
        [1100, 0, 0],
        [1200, 0, 0],
      ],
      [5],
    ],
    [
      'the 50 px box holds',
      [
        [0, 0, 0],
        [100, 50, 50],
        [200, 0, 50],
        [300, 50, 0],
      ],
      [4],
    ],
    [
      'leaving the 50 px box starts a new burst',
      [
        [0, 0, 0],
        [100, 51, 0],
        [200, 0, 0],
        [300, 0, 0],
      ],
      [],
    ],
    [
      'another element starts a new burst',
      [
        [0, 0, 0],
        [100, 0, 0, b],
        [200, 0, 0],
        [300, 0, 0],
      ],
      [],
    ],
    [
      'a 1 s pause splits two bursts',
      [
        [0, 0, 0],
        [100, 0, 0],
        [200, 0, 0],
        [300, 0, 0],
        [1300, 0, 0],
        [1400, 0, 0],
        [1500, 0, 0],
        [1600, 0, 0],
      ],
      [4, 4],
    ],
    [
      'clock going backwards starts a new burst',
      [
        [1000, 0, 0],
        [1100, 0, 0],
        [900, 0, 0],
        [1200, 0, 0],
      ],
      [],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(bursts(clicks(spec)).map((burst) => burst.length)).toEqual(expected);
  });

  it('reset drops the burst (text selection)', () => {
    const detector = new RageClickDetector();
    const [c1, c2, c3, c4] = clicks([
      [0, 0, 0],
      [100, 0, 0],
      [200, 0, 0],
      [300, 0, 0],
    ]);
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
    const burst = {
      element: a,
      clicks: clicks([
        [0, 0, 0],
        [100, 0, 0],
      ]),
    };
    expect(isRageBurst(burst)).toBe(false);
    expect(isRageBurst(burst, { minCount: 2, windowMs: 200, boxPx: 1 })).toBe(true);
  });

  it('rage properties: times, duration, clicks and count', () => {
    const start = Date.UTC(2024, 0, 2, 3, 4, 5, 6);
    const burst = {
      element: a,
      clicks: clicks([
        [start, 1, 2],
        [start + 150, 3, 4],
        [start + 300, 5, 6],
        [start + 420, 7, 8],
      ]),
    };
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

  describe('a burst that never stops stays bounded (clicker games, auto-clickers)', () => {
    const steady = (count: number, gapMs: number, at = (index: number) => [index % 7, index % 5]) =>
      Array.from({ length: count }, (_, index): ClickSample => ({
        element: a,
        time: index * gapMs,
        x: at(index)[0],
        y: at(index)[1],
      }));

    it(
      '1000 clicks 100 ms apart are one rage burst: Clicks keeps the first 50, ' +
        'Count, End Time and Duration cover all',
      () => {
        const detector = new RageClickDetector();
        for (const click of steady(1000, 100)) expect(detector.add(click)).toBeUndefined();
        const burst = detector.finish()!;
        expect(detector.isRage(burst)).toBe(true);
        expect(burst.clicks).toHaveLength(RAGE_CLICK_MAX_RECORDED);
        expect(burst.clicks[RAGE_CLICK_MAX_RECORDED - 1].time).toBe((RAGE_CLICK_MAX_RECORDED - 1) * 100);
        const properties = rageClickProperties(burst);
        expect(properties['[Amplitude] Click Count']).toBe(1000);
        expect(properties['[Amplitude] Duration']).toBe(99_900);
        expect(properties['[Amplitude] End Time']).toBe(new Date(99_900).toISOString());
        expect(properties['[Amplitude] Clicks']).toHaveLength(RAGE_CLICK_MAX_RECORDED);
      },
    );

    it('rage found only after the recorded clicks still counts: 60 slow clicks then 4 fast ones', () => {
      const detector = new RageClickDetector();
      const slow = steady(60, 900);
      const end = slow[slow.length - 1].time;
      const fast = [1, 2, 3, 4].map((n): ClickSample => ({ element: a, time: end + n * 100, x: 0, y: 0 }));
      for (const click of [...slow, ...fast]) detector.add(click);
      const burst = detector.finish()!;
      expect(burst.clicks).toHaveLength(RAGE_CLICK_MAX_RECORDED);
      expect(burst.count).toBe(64);
      expect(detector.isRage(burst)).toBe(true);
    });

    it('60 slow clicks are never rage, however long the burst', () => {
      const detector = new RageClickDetector();
      for (const click of steady(60, 900)) detector.add(click);
      expect(detector.isRage(detector.finish()!)).toBe(false);
    });

    it('the 50 px box still holds beyond the recorded clicks', () => {
      const detector = new RageClickDetector();
      for (const click of steady(60, 100, () => [0, 0])) detector.add(click);
      const ended = detector.add({ element: a, time: 6000, x: 51, y: 0 });
      expect(ended?.count).toBe(60);
      expect(detector.finish()?.count).toBe(1);
    });
  });
});
