import { describe, expect, it } from 'vitest';
import { createDeliveryPlugin, createMemoryEventStore, type DeliveryReport, type UploadRequest } from '@sightline/core';
import { BrowserClient } from '../src/browser-client.js';
import { silentLogger } from '@sightline/test-utils';

/** A browser client on a memory store and a transport that acknowledges everything. */
const createClient = () => {
  const uploads: UploadRequest[] = [];
  const client = new BrowserClient({
    createDestination: () =>
      createDeliveryPlugin({
        store: createMemoryEventStore(),
        createTransport: () => ({
          send: async (request) => (uploads.push(request), { status: 200, body: { code: 200 } }),
        }),
      }),
  });
  return { client, uploads };
};

describe('delivery report on the browser client (issue 3 item 7)', () => {
  it('onDelivery subscribed before init hears the outcomes; unsubscribing stops it', async () => {
    const { client } = createClient();
    const heard: DeliveryReport[] = [];
    const stop = client.onDelivery((report) => heard.push(report));
    client.track('Before Init');
    await client.init('browser-client-key', {
      loggerProvider: silentLogger(),
      autocapture: false,
      identityStorage: 'none',
    }).promise;
    await client.flush().promise;
    expect(heard.map((report) => [report.event.event_type, report.outcome, report.code])).toEqual([
      ['Before Init', 'sent', 200],
    ]);
    stop();
    client.track('After Stop');
    await client.flush().promise;
    expect(heard).toHaveLength(1);
  });

  it('counts events refused while opted out, and sends none of them', async () => {
    const { client, uploads } = createClient();
    await client.init('browser-client-key', {
      loggerProvider: silentLogger(),
      autocapture: false,
      identityStorage: 'none',
    }).promise;
    client.setOptOut(true);
    client.track('Refused 1');
    client.track('Refused 2');
    await client.flush().promise;
    expect(client.getDeliveryStats().dropped).toEqual({ opted_out: 2 });
    expect(uploads).toHaveLength(0);
  });

  it('setOffline before init holds events once the client is ready; setOffline(false) sends them', async () => {
    const { client, uploads } = createClient();
    client.setOffline(true);
    await client.init('browser-client-key', {
      loggerProvider: silentLogger(),
      autocapture: false,
      identityStorage: 'none',
    }).promise;
    client.track('Held');
    await client.flush().promise;
    expect(uploads).toHaveLength(0);
    client.setOffline(false);
    await client.flush().promise;
    expect(uploads.map((request) => JSON.parse(request.body).events[0].event_type)).toEqual(['Held']);
  });

  it('setOffline rejects a value that is not true, false or null, clearly', async () => {
    const { client } = createClient();
    const log = silentLogger();
    await client.init('browser-client-key', { loggerProvider: log, autocapture: false, identityStorage: 'none' })
      .promise;
    client.setOffline('yes' as never);
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/setOffline needs true, false or OfflineDisabled/));
  });

  it(
    'setOffline reports a value it cannot even inspect (a revoked Proxy) ' + 'instead of throwing (public API fuzz)',
    async () => {
      const { client } = createClient();
      const log = silentLogger();
      await client.init('browser-client-key', { loggerProvider: log, autocapture: false, identityStorage: 'none' })
        .promise;
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      expect(() => client.setOffline(proxy as never)).not.toThrow();
      expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/setOffline needs true, false or OfflineDisabled/));
    },
  );
});
