// Live event inspector: reads the collector's server-sent event stream and shows the events,
// newest first. Event data is only ever written with textContent (never parsed as HTML).
'use strict';

(() => {
  const MAX_SHOWN = 300;
  const $ = (id) => document.getElementById(id);
  const list = $('events');
  const filterBox = $('filter');
  const counts = $('counts');
  const connection = $('connection');
  $('ingest-url').textContent = `${location.origin}/2/httpapi`;

  /** @type {{ event: Record<string, unknown>, text: string, receivedAt: number }[]} */
  let entries = [];
  let stats = { requests: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let renderQueued = false;

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const timeOf = (event) => {
    const time = typeof event.time === 'number' ? new Date(event.time) : undefined;
    return time && !Number.isNaN(time.getTime()) ? time : undefined;
  };

  const idLine = (label, value) => {
    const part = element('span', '', `${label} `);
    part.append(element('code', '', String(value)));
    return part;
  };

  const card = ({ event }) => {
    const article = element('article', 'event');
    const header = element('header');
    header.append(element('span', 'type', String(event.event_type ?? '(no event_type)')));
    const time = timeOf(event);
    const stamp = element(
      'time',
      '',
      time
        ? time.toLocaleTimeString(undefined, { hour12: false }) + `.${String(time.getMilliseconds()).padStart(3, '0')}`
        : '',
    );
    if (time) stamp.dateTime = time.toISOString();
    header.append(stamp);
    article.append(header);

    const ids = element('div', 'ids');
    if (event.user_id != null) ids.append(idLine('user', event.user_id));
    if (event.device_id != null) ids.append(idLine('device', event.device_id));
    if (event.session_id != null) ids.append(idLine('session', event.session_id));
    if (event.insert_id != null) ids.append(idLine('insert_id', event.insert_id));
    article.append(ids);

    for (const key of ['event_properties', 'user_properties', 'groups', 'group_properties']) {
      const value = event[key];
      if (value && typeof value === 'object' && Object.keys(value).length) {
        const pre = element('pre', '', `${key}: ${JSON.stringify(value, null, 2)}`);
        article.append(pre);
      }
    }
    const details = element('details');
    details.append(element('summary', '', 'all fields'));
    details.append(element('pre', '', JSON.stringify(event, null, 2)));
    article.append(details);
    return article;
  };

  const render = () => {
    renderQueued = false;
    const needle = filterBox.value.trim().toLowerCase();
    const matching = needle ? entries.filter((entry) => entry.text.includes(needle)) : entries;
    const shown = matching.slice(-MAX_SHOWN).reverse();
    const fragment = document.createDocumentFragment();
    for (const entry of shown) fragment.append(entry.node || (entry.node = card(entry)));
    list.replaceChildren(fragment);
    $('empty').hidden = entries.length > 0;
    const showing =
      matching.length > shown.length
        ? `showing the newest ${shown.length} of ${matching.length} matching`
        : `${matching.length} shown`;
    counts.textContent =
      `${stats.accepted} accepted · ${stats.duplicates} duplicates dropped · ${stats.rejected} refused · ` +
      `${stats.requests} requests — ${showing}` +
      (needle ? ` (filter: “${filterBox.value.trim()}”)` : '');
  };

  const scheduleRender = () => {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(render);
  };

  const add = (events) => {
    const receivedAt = Date.now();
    for (const event of events) entries.push({ event, text: JSON.stringify(event).toLowerCase(), receivedAt });
  };

  const source = new EventSource('/_events/stream');
  source.addEventListener('open', () => {
    connection.textContent = 'live';
    connection.className = 'connection live';
  });
  source.addEventListener('error', () => {
    connection.textContent = 'reconnecting…';
    connection.className = 'connection lost';
  });
  source.addEventListener('snapshot', (message) => {
    const data = JSON.parse(message.data);
    entries = [];
    add(data.events);
    stats = data.stats;
    scheduleRender();
  });
  source.addEventListener('events', (message) => {
    const data = JSON.parse(message.data);
    add(data.events);
    stats = data.stats;
    scheduleRender();
  });
  source.addEventListener('stats', (message) => {
    stats = JSON.parse(message.data).stats;
    scheduleRender();
  });
  source.addEventListener('reset', (message) => {
    entries = [];
    stats = JSON.parse(message.data).stats;
    scheduleRender();
  });

  filterBox.addEventListener('input', scheduleRender);
  $('clear').addEventListener('click', () => {
    fetch('/_control/reset', { method: 'POST' }).catch(() => {});
  });
  render();
})();
