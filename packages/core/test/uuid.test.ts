// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { uuid } from '../src/index.js';

describe('uuid (insert_id, device id)', () => {
  it('is RFC 4122 version 4, and unique across pool refills', () => {
    const ids = Array.from({ length: 1000 }, uuid);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
  });
});
