import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_FILE_EXTENSIONS,
  downloadTargetOf,
  fileDownloadsOptionsFrom,
  fileDownloadsPlugin,
  normalizeExtensions,
  type FileDownloadsOptions,
} from '@sightline/plugin-file-downloads';
import { createTestClient, settle } from '@sightline/test-utils';

const KEY = 'api-key-0123456789';
const ORIGIN = 'http://localhost:3000';
const DEFAULTS = normalizeExtensions(DEFAULT_FILE_EXTENSIONS);
const started: Array<{ remove(name: string): unknown }> = [];

const start = async (options?: FileDownloadsOptions) => {
  const setup = createTestClient({ plugins: [fileDownloadsPlugin(options)] });
  await setup.client.init(KEY, { loggerProvider: setup.logger, autocapture: { sessions: false } }).promise;
  started.push(setup.client);
  const sent = async () => {
    await settle();
    return setup.destination.events.map((event) => event.event_properties as Record<string, unknown>);
  };
  return { ...setup, sent };
};

const link = (html: string) => {
  document.body.innerHTML = html;
  return document.body.querySelector('a, area') as HTMLElement;
};

describe('downloadTargetOf', () => {
  it.each([
    'pdf',
    'xls',
    'xlsx',
    'doc',
    'docx',
    'txt',
    'rtf',
    'csv',
    'exe',
    'key',
    'pps',
    'ppt',
    'pptx',
    '7z',
    'pkg',
    'rar',
    'gz',
    'zip',
    'avi',
    'mov',
    'mp4',
    'mpg',
    'mpeg',
    'wmv',
    'mid',
    'midi',
    'mp3',
    'wav',
    'wma',
  ])('.%s is a download', (extension) => {
    expect(downloadTargetOf(`/f/file.${extension}`, ORIGIN, DEFAULTS)).toEqual({
      extension,
      pathname: `/f/file.${extension}`,
    });
  });

  it.each([
    ['report.PDF?x=1#p', { extension: 'pdf', pathname: '/report.PDF' }],
    ['https://cdn.example/a/b.Zip#frag', { extension: 'zip', pathname: '/a/b.Zip' }],
    ['archive.tar.gz', { extension: 'gz', pathname: '/archive.tar.gz' }],
    ['/page.html', undefined],
    ['/pdf', undefined],
    ['/report.pdf/', undefined],
    ['/docs?file=a.pdf', undefined],
    ['/file.pptxx', undefined],
    ['/file.mpge', undefined],
    ['mailto:a@b.co?subject=x.pdf', undefined],
    ['javascript:void("x.pdf")', undefined],
    ['http://[bad', undefined],
  ])('%s -> %j', (href, expected) => {
    expect(downloadTargetOf(href, `${ORIGIN}/`, DEFAULTS)).toEqual(expected);
  });

  it('normalizeExtensions lower-cases, strips dots and drops junk', () => {
    expect([...normalizeExtensions(['.DMG', 'apk', '', 3, null])]).toEqual(['dmg', 'apk']);
  });
});

describe('fileDownloadsPlugin', () => {
  afterEach(async () => {
    for (const client of started.splice(0)) await client.remove('sightline-file-downloads');
    document.body.innerHTML = '';
  });

  it('a click on report.PDF?x=1#p sends File Downloaded with every property', async () => {
    const { sent, destination } = await start();
    link('<a id="dl" href="/files/report.PDF?x=1#p">Annual <b>report</b></a>').click();
    expect(destination.events.map((event) => event.event_type)).toEqual([]);
    expect(await sent()).toEqual([
      {
        '[Amplitude] File Extension': 'pdf',
        '[Amplitude] File Name': '/files/report.PDF',
        '[Amplitude] Link ID': 'dl',
        '[Amplitude] Link Text': 'Annual report',
        '[Amplitude] Link URL': `${ORIGIN}/files/report.PDF?x=1#p`,
      },
    ]);
    expect(destination.events[0].event_type).toBe('[Amplitude] File Downloaded');
  });

  it('a click on a child element of the link counts; other links do not', async () => {
    const { sent } = await start();
    link('<a href="/a.zip"><span id="inner">Get</span></a><a id="page" href="/about">About</a>');
    (document.getElementById('inner') as HTMLElement).click();
    (document.getElementById('page') as HTMLElement).click();
    expect((await sent()).map((properties) => properties['[Amplitude] File Extension'])).toEqual(['zip']);
  });

  it('links added or changed after load are covered (delegated)', async () => {
    const { sent } = await start();
    const anchor = link('<a href="/page">x</a>');
    anchor.click();
    anchor.setAttribute('href', '/later.csv');
    anchor.click();
    document.body.insertAdjacentHTML('beforeend', '<a id="new" href="/new.mp3">new</a>');
    (document.getElementById('new') as HTMLElement).click();
    expect((await sent()).map((properties) => properties['[Amplitude] File Extension'])).toEqual(['csv', 'mp3']);
  });

  it('still sees the click when the app stops propagation', async () => {
    const { sent } = await start();
    const anchor = link('<a href="/x.pdf">x</a>');
    anchor.addEventListener('click', (event) => event.stopPropagation());
    anchor.click();
    expect(await sent()).toHaveLength(1);
  });

  it('link URL and file name are scrubbed, link text masked', async () => {
    const { sent, destination } = await start();
    link(
      '<a href="https://u:pw@files.example/a@b.co/statement.pdf?token=Tk9secret&email=a@b.co">Mail a@b.co</a>',
    ).click();
    const [properties] = await sent();
    expect(properties['[Amplitude] Link URL']).toBe(
      'https://files.example/*****/statement.pdf?token=*****&email=*****',
    );
    expect(properties['[Amplitude] File Name']).toBe('/*****/statement.pdf');
    expect(properties['[Amplitude] Link Text']).toBe('Mail *****');
    const wire = JSON.stringify(destination.events);
    for (const secret of ['Tk9secret', 'a@b.co', 'pw@']) expect(wire).not.toContain(secret);
  });

  it('data-amp-mask masks the link text', async () => {
    const { sent } = await start();
    link('<a href="/x.pdf" data-amp-mask>Jane Roe statement</a>').click();
    expect((await sent())[0]['[Amplitude] Link Text']).toBe('*****');
  });

  it('fileExtensions replaces the list; additionalFileExtensions extends it', async () => {
    const replaced = await start({ fileExtensions: ['.DMG'] });
    link('<a href="/app.dmg">mac</a><a id="p" href="/doc.pdf">pdf</a>').click();
    (document.getElementById('p') as HTMLElement).click();
    expect((await replaced.sent()).map((properties) => properties['[Amplitude] File Extension'])).toEqual(['dmg']);
    await replaced.client.remove('sightline-file-downloads').promise;

    const extended = await start({ additionalFileExtensions: ['apk'] });
    link('<a href="/app.APK">android</a><a id="p" href="/doc.pdf">pdf</a>').click();
    (document.getElementById('p') as HTMLElement).click();
    expect((await extended.sent()).map((properties) => properties['[Amplitude] File Extension'])).toEqual([
      'apk',
      'pdf',
    ]);
  });

  it('bad extension options are warned about and the documented list is used', async () => {
    const { sent, logger } = await start({ fileExtensions: 'pdf' as never });
    link('<a href="/a.zip">z</a>').click();
    expect(await sent()).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalled();
  });

  it('teardown removes the listener', async () => {
    const { client, sent } = await start();
    await client.remove('sightline-file-downloads').promise;
    link('<a href="/x.pdf">x</a>').click();
    expect(await sent()).toEqual([]);
  });

  it('a failure inside the handler is logged, never thrown into the page', async () => {
    const { logger, client } = await start();
    const anchor = link('<a href="/x.pdf">x</a>');
    const spy = vi.spyOn(client, 'track').mockImplementation(() => {
      throw new Error('boom');
    });
    expect(() => anchor.click()).not.toThrow();
    expect(spy).toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalled();
    spy.mockRestore();
  });

  it.each([
    [false, undefined],
    [true, {}],
    [undefined, {}],
    [{ additionalFileExtensions: ['apk'] }, { additionalFileExtensions: ['apk'] }],
  ])('fileDownloadsOptionsFrom(%j)', (value, expected) => {
    expect(fileDownloadsOptionsFrom(value)).toEqual(expected);
  });
});
