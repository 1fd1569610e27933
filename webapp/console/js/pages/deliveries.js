// Deliveries: the filtered list, updated live, and one delivery's detail with headers, body and verification.
import { h, table, route, select } from '../dom.js';
import { timeNode, badge, bytes, pretty, bodyBytes, hexDump, shortId } from '../format.js';
import { heading, notice, field, input } from './common.js';
import { listPage } from './list.js';
import { replaySection } from './replay.js';

const HEX_LIMIT = 64 * 1024;
const OUTCOMES = [['', 'any'], 'verified', 'rejected', 'unsigned', 'received', 'applied', 'ignored', 'duplicate',
  'not_found', 'invalid', 'too_large', 'failed'];

export async function deliveriesPage(page, context) {
  const { params } = context;
  const filters = {
    source: params.get('source') || '', outcome: params.get('outcome') || '',
    event_type: params.get('event_type') || '', since: params.get('since') || '',
  };
  await listPage(page, context, {
    title: 'Deliveries', formLabel: 'Filter deliveries', submitText: 'Filter', moreText: 'Load older deliveries',
    routeName: 'deliveries',
    fields: [
      field('Source', input('source', { value: filters.source })),
      field('Outcome', select('outcome', OUTCOMES, filters.outcome)),
      field('Event type', input('event_type', { value: filters.event_type })),
      field('Received since', input('since', { type: 'datetime-local', step: 1, value: localInput(filters.since) })),
    ],
    toRoute: values => ({ ...values, since: values.since ? new Date(values.since).toISOString() : '' }),
    path: 'secured/deliveries', filters, key: 'deliveries',
    render: deliveriesTable,
    events: ['delivery.received'],
    // New arrivals go on top, marked; the pages already loaded stay as they are.
    merge: (rows, latest) => {
      const newest = rows.length > 0 ? rows[0].id : 0;
      const added = latest.filter(delivery => delivery.id > newest);
      return added.length === 0 ? null
        : { rows: added.concat(rows), fresh: new Set(added.map(delivery => delivery.id)) };
    },
  });
}

function deliveriesTable(rows, fresh) {
  const wrap = table('Deliveries', [
    ['#', row => h('a', { href: route('deliveries', row.id), text: String(row.id) })],
    ['Received', row => timeNode(row.received_at)],
    ['Source', row => row.source],
    ['Event', row => row.event_type || ''],
    ['Delivery id', row => row.delivery_key || ''],
    ['Verification', row => badge(row.verification)],
    ['Processing', row => badge(row.processing)],
    ['Job', row => row.job_id ? h('a', { href: route('jobs', row.job_id), text: shortId(row.job_id) }) : ''],
  ], rows, { empty: 'No deliveries match.' });
  wrap.querySelectorAll('tbody tr').forEach((tr, index) => {
    tr.dataset.id = rows[index].id;
    if (fresh.has(rows[index].id)) tr.classList.add('new');
  });
  return wrap;
}

export async function deliveryPage(page, { api, isAdmin }, id) {
  const delivery = await api('GET', 'secured/deliveries/' + encodeURIComponent(id) + '?body=true');
  page.append(heading('Delivery ' + delivery.id, h('a', { href: route('deliveries'), text: 'All deliveries' })));
  page.append(h('dl', { class: 'facts' },
    fact('Source', delivery.source),
    fact('Received', timeNode(delivery.received_at)),
    fact('Event type', delivery.event_type),
    fact('Delivery id', delivery.delivery_key),
    fact('Content type', delivery.content_type),
    fact('Body size', bytes(delivery.body_size)),
    fact('Verification', badge(delivery.verification)),
    fact('Verification detail', delivery.verification_detail),
    fact('Processing', badge(delivery.processing)),
    fact('Processing detail', delivery.processing_detail),
    fact('Job', delivery.job_id ? h('a', { href: route('jobs', delivery.job_id), text: delivery.job_id }) : null),
    fact('Duplicate of', delivery.duplicate_of
      ? h('a', { href: route('deliveries', delivery.duplicate_of), text: String(delivery.duplicate_of) }) : null),
    fact('Replay of', delivery.replay_of
      ? h('a', { href: route('deliveries', delivery.replay_of), text: String(delivery.replay_of) }) : null),
    fact('Replay mode', delivery.replay_mode)));
  const headers = delivery.headers && typeof delivery.headers === 'object' ? Object.entries(delivery.headers) : [];
  page.append(h('section', { 'aria-labelledby': 'headers-title' },
    h('h2', { id: 'headers-title', text: 'Headers' }),
    table('Headers', [['Name', ([name]) => name], ['Value', ([, value]) => h('code', { text: String(value) })]],
      headers, { empty: 'No headers of interest were kept.' })));
  page.append(bodySection(delivery));
  if (isAdmin) page.append(replaySection(delivery, api));
}

function fact(term, value) {
  if (value === undefined || value === null || value === '') return null;
  return [h('dt', { text: term }), h('dd', {}, value)];
}

function bodySection(delivery) {
  const section = h('section', { 'aria-labelledby': 'body-title' }, h('h2', { id: 'body-title', text: 'Body' }));
  if (delivery.body === undefined && delivery.body_base64 === undefined) {
    section.append(notice('The body was not kept (refused before it was read, or over the size cap).'));
    return section;
  }
  const text = delivery.body !== undefined ? delivery.body : null;
  const hex = () => {
    const data = bodyBytes(delivery);
    return data.length <= HEX_LIMIT ? hexDump(data)
      : hexDump(data.subarray(0, HEX_LIMIT)) + `\n… ${data.length - HEX_LIMIT} more bytes not shown`;
  };
  const views = text !== null ? { Pretty: () => pretty(text), Raw: () => text, Hex: hex } : { Hex: hex };
  const output = h('pre', { class: 'body', id: 'body-view', tabindex: 0, 'aria-label': 'Body' });
  const buttons = Object.entries(views).map(([name, render], index) => {
    const button = h('button', { type: 'button', 'aria-pressed': String(index === 0), 'aria-controls': 'body-view',
      text: name, on: { click: () => choose(button, render) } });
    return button;
  });
  function choose(chosen, render) {
    buttons.forEach(button => button.setAttribute('aria-pressed', String(button === chosen)));
    output.textContent = render();
  }
  output.textContent = Object.values(views)[0]();
  section.append(h('div', { class: 'toggle', role: 'group', 'aria-label': 'Show the body as' }, buttons), output);
  return section;
}

function localInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 19);
}
