import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  formInteractionsOptionsFrom,
  formInteractionsPlugin,
  readFormProperties,
  type FormInteractionsOptions,
} from '@sightline/plugin-form-interactions';
import { createTestClient, settle } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';
const ORIGIN = 'http://localhost:3000';
const started: Array<{ remove(name: string): unknown }> = [];

const start = async (options?: FormInteractionsOptions) => {
  const setup = createTestClient({ plugins: [formInteractionsPlugin(options)] });
  await setup.client.init(KEY, { loggerProvider: setup.logger, autocapture: { sessions: false } }).promise;
  started.push(setup.client);
  const sent = async () => {
    await settle();
    return setup.destination.events.map((event) => [event.event_type, event.event_properties]);
  };
  return { ...setup, sent };
};

const change = (element: Element) => element.dispatchEvent(new Event('change', { bubbles: true }));
const submit = (form: Element) => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
const props = (id: string, name: string, destination: string) => ({
  '[Amplitude] Form ID': id,
  '[Amplitude] Form Name': name,
  '[Amplitude] Form Destination': destination,
});

describe('formInteractionsPlugin', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <form id="subscriber-form" name="subscriber-form" action="/subscribe">
        <input type="text" name="email" value="">
        <input type="radio" name="plan" value="pro">
        <select name="country"><option>FR</option></select>
        <input type="submit">
      </form>`;
  });
  afterEach(async () => {
    for (const client of started.splice(0)) await client.remove('sightline-form-interactions');
    document.body.innerHTML = '';
  });

  const form = () => document.querySelector('form') as HTMLFormElement;
  const subscriber = props('subscriber-form', 'subscriber-form', `${ORIGIN}/subscribe`);

  it('Form Started once on the first change, whatever the field', async () => {
    const { sent } = await start();
    change(form().querySelector('input[type=text]') as Element);
    change(form().querySelector('input[type=radio]') as Element);
    change(form().querySelector('select') as Element);
    expect(await sent()).toEqual([['[Amplitude] Form Started', subscriber]]);
  });

  it('Form Submitted after a change', async () => {
    const { sent } = await start();
    change(form().querySelector('select') as Element);
    submit(form());
    expect(await sent()).toEqual([
      ['[Amplitude] Form Started', subscriber],
      ['[Amplitude] Form Submitted', subscriber],
    ]);
  });

  it('a submit without a prior change sends Form Started then Form Submitted', async () => {
    const { sent } = await start();
    submit(form());
    expect((await sent()).map(([type]) => type)).toEqual(['[Amplitude] Form Started', '[Amplitude] Form Submitted']);
  });

  it('a form added after load is covered', async () => {
    const { sent } = await start();
    document.body.insertAdjacentHTML(
      'beforeend',
      '<form id="late" action="https://other.example/post"><textarea></textarea></form>',
    );
    const late = document.getElementById('late') as HTMLFormElement;
    change(late.querySelector('textarea') as Element);
    submit(late);
    expect(await sent()).toEqual([
      ['[Amplitude] Form Started', props('late', '', 'https://other.example/post')],
      ['[Amplitude] Form Submitted', props('late', '', 'https://other.example/post')],
    ]);
  });

  it('one delegated listener per kind on the document, none per form', async () => {
    const addOnDocument = vi.spyOn(document, 'addEventListener');
    const addOnForm = vi.spyOn(HTMLFormElement.prototype, 'addEventListener');
    await start();
    expect(addOnDocument.mock.calls.map((call) => call[0]).sort()).toEqual(['change', 'submit']);
    expect(addOnForm).not.toHaveBeenCalled();
    addOnDocument.mockRestore();
    addOnForm.mockRestore();
  });

  it('still sees interactions when the app stops propagation', async () => {
    const { sent } = await start();
    form().addEventListener('submit', (event) => event.stopPropagation());
    submit(form());
    expect(await sent()).toHaveLength(2);
  });

  it('a field associated by the form="" attribute counts for its form', async () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="outside" form="subscriber-form">');
    const { sent } = await start();
    change(document.getElementById('outside') as Element);
    expect(await sent()).toEqual([['[Amplitude] Form Started', subscriber]]);
  });

  it('changes outside any form are ignored', async () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="alone">');
    const { sent } = await start();
    change(document.getElementById('alone') as Element);
    document.dispatchEvent(new Event('change'));
    expect(await sent()).toEqual([]);
  });

  it('never any field value, even when fields shadow id / name / action', async () => {
    document.body.innerHTML = `<form id="f" name="n" action="/go">
      <input name="id" value="secret-one"><input name="name" value="secret-two"><input name="action"
        value="secret-three">
      <input name="card" value="4111 1111 1111 1111"></form>`;
    const { sent, destination } = await start();
    change(document.querySelector('input[name=card]') as Element);
    submit(document.getElementById('f') as Element);
    expect(await sent()).toEqual([
      ['[Amplitude] Form Started', props('f', 'n', `${ORIGIN}/go`)],
      ['[Amplitude] Form Submitted', props('f', 'n', `${ORIGIN}/go`)],
    ]);
    const wire = JSON.stringify(destination.events);
    for (const value of ['secret-one', 'secret-two', 'secret-three', '4111 1111', '4111111111111111'])
      expect(wire).not.toContain(value);
  });

  it('a form without id, name or action reports empty strings and the page URL', () => {
    document.body.innerHTML = '<form></form>';
    expect(readFormProperties(document.querySelector('form') as Element)).toEqual(props('', '', `${ORIGIN}/`));
  });

  it('the destination is scrubbed', () => {
    document.body.innerHTML = '<form action="https://u:p@x.example/s?token=abc&next=1"></form>';
    expect(readFormProperties(document.querySelector('form') as Element)['[Amplitude] Form Destination']).toBe(
      'https://x.example/s?token=*****&next=1',
    );
  });

  it('shouldTrackSubmit false skips the submit (and its Form Started); true tracks it', async () => {
    const shouldTrackSubmit = vi.fn((event: SubmitEvent) => (event.target as HTMLFormElement).id === 'ok');
    const { sent } = await start({ shouldTrackSubmit });
    submit(form());
    document.body.insertAdjacentHTML('beforeend', '<form id="ok"></form>');
    submit(document.getElementById('ok') as Element);
    expect(
      (await sent()).map(([type, properties]) => [type, (properties as Record<string, string>)['[Amplitude] Form ID']]),
    ).toEqual([
      ['[Amplitude] Form Started', 'ok'],
      ['[Amplitude] Form Submitted', 'ok'],
    ]);
    expect(shouldTrackSubmit).toHaveBeenCalledTimes(2);
    expect(shouldTrackSubmit.mock.calls[0][0]).toBeInstanceOf(Event);
  });

  it('a throwing shouldTrackSubmit is logged, the submit is not tracked, the page is unaffected', async () => {
    const { sent, logger } = await start({
      shouldTrackSubmit: () => {
        throw new Error('app bug');
      },
    });
    expect(() => submit(form())).not.toThrow();
    expect(await sent()).toEqual([]);
    expect(logger.error).toHaveBeenCalled();
  });

  it('a non-function shouldTrackSubmit is warned about and ignored', async () => {
    const { sent, logger } = await start({ shouldTrackSubmit: true as never });
    submit(form());
    expect(await sent()).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalled();
  });

  it('teardown removes the listeners', async () => {
    const { client, sent } = await start();
    await client.remove('sightline-form-interactions').promise;
    change(form().querySelector('select') as Element);
    submit(form());
    expect(await sent()).toEqual([]);
  });

  it.each([
    [false, undefined],
    [true, {}],
    [undefined, {}],
  ])('formInteractionsOptionsFrom(%j)', (value, expected) => {
    expect(formInteractionsOptionsFrom(value)).toEqual(expected);
  });

  it('formInteractionsOptionsFrom passes a FormInteractionsOptions object through', () => {
    const options = { shouldTrackSubmit: () => true };
    expect(formInteractionsOptionsFrom(options)).toBe(options);
  });
});
