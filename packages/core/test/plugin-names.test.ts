// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { Event, Plugin } from '../src/index.js';
import { createTestClient, settle } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';

/** A plugin that counts its setups and marks every event it sees with its own tag. */
const tagging = (name: string, tag: string) => {
  const setup = vi.fn();
  const teardown = vi.fn();
  const plugin: Plugin = {
    name,
    setup,
    teardown,
    execute: (event: Event) => ({ ...event, tags: [...((event.tags as string[]) || []), tag] }),
  };
  return { plugin, setup, teardown };
};

const tagsOf = (events: Event[], type: string) => events.find((event) => event.event_type === type)?.tags;

describe('plugin names are unique per instance (the second of a name is refused with a warning)', () => {
  it('added after init: the second "dup" answers 400, is never set up, and only the first runs', async () => {
    const { client, destination, logger } = createTestClient();
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    const first = tagging('dup', 'first');
    const second = tagging('dup', 'second');
    expect((await client.add(first.plugin).promise).code).toBe(200);
    const refused = await client.add(second.plugin).promise;
    expect(refused.code).toBe(400);
    expect(refused.message).toMatch(/"dup"/);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/"dup".*already/));
    expect(second.setup).not.toHaveBeenCalled();
    await client.track('tracked').promise;
    expect(tagsOf(destination.events, 'tracked')).toEqual(['first']);
  });

  it('added before init: the second is refused at once and init sets up only the first', async () => {
    const { client, destination, logger } = createTestClient();
    const first = tagging('dup', 'first');
    const second = tagging('dup', 'second');
    client.add(first.plugin);
    const refused = await client.add(second.plugin).promise;
    expect(refused.code).toBe(400);
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    expect(first.setup).toHaveBeenCalledTimes(1);
    expect(second.setup).not.toHaveBeenCalled();
    await client.track('tracked').promise;
    expect(tagsOf(destination.events, 'tracked')).toEqual(['first']);
  });

  it('added twice in one task while the first is still being set up: the second is refused', async () => {
    const { client, destination, logger } = createTestClient();
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    const first = tagging('dup', 'first');
    first.setup.mockImplementation(() => new Promise<void>((resolve) => setTimeout(resolve, 5)));
    const second = tagging('dup', 'second');
    const [a, b] = [client.add(first.plugin), client.add(second.plugin)];
    expect((await a.promise).code).toBe(200);
    expect((await b.promise).code).toBe(400);
    await client.track('tracked').promise;
    expect(tagsOf(destination.events, 'tracked')).toEqual(['first']);
  });

  it("a plugin named like one the platform sets up is refused at init; the platform's own stays", async () => {
    const platformPlugin = tagging('shared-name', 'platform');
    const { client, destination, logger } = createTestClient({ plugins: [platformPlugin.plugin] });
    const mine = tagging('shared-name', 'mine');
    client.add(mine.plugin);
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    expect(mine.setup).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/"shared-name".*already/));
    await client.track('tracked').promise;
    expect(tagsOf(destination.events, 'tracked')).toEqual(['platform']);
  });

  it('remove("dup") removes the one; afterwards the name is free again', async () => {
    const { client, destination, logger } = createTestClient();
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    const first = tagging('dup', 'first');
    await client.add(first.plugin).promise;
    await client.add(tagging('dup', 'second').plugin).promise;
    expect((await client.remove('dup').promise).code).toBe(200);
    expect(first.teardown).toHaveBeenCalledTimes(1);
    await client.track('after remove').promise;
    expect(tagsOf(destination.events, 'after remove')).toBeUndefined();
    const third = tagging('dup', 'third');
    expect((await client.add(third.plugin).promise).code).toBe(200);
    await client.track('added again').promise;
    expect(tagsOf(destination.events, 'added again')).toEqual(['third']);
  });

  it('plugins without a name each get their own and all run', async () => {
    const { client, destination, logger } = createTestClient();
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    const one = tagging('', 'one');
    const two = tagging('', 'two');
    // From JavaScript: a plugin without the name its type requires.
    Reflect.deleteProperty(one.plugin, 'name');
    Reflect.deleteProperty(two.plugin, 'name');
    expect((await client.add(one.plugin).promise).code).toBe(200);
    expect((await client.add(two.plugin).promise).code).toBe(200);
    await client.track('tracked').promise;
    expect(tagsOf(destination.events, 'tracked')).toEqual(['one', 'two']);
  });

  it('a re-init sets up the same plugins again without calling them duplicates', async () => {
    const { client, destination, logger } = createTestClient();
    const kept = tagging('kept', 'kept');
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    await client.add(kept.plugin).promise;
    await client.init(KEY, { loggerProvider: logger, autocapture: false }).promise;
    expect((await client.add(kept.plugin).promise).code).toBe(200);
    await settle();
    await client.track('tracked').promise;
    expect(tagsOf(destination.events, 'tracked')).toEqual(['kept']);
  });
});
