// Subscriptions: where events are forwarded, their health, recent attempts; pause, resume and redeliver.
// Where the gateway forwards no events (the API answers 404) the page says so.
import { h, clear, table, route } from '../dom.js';
import { query } from '../api.js';
import { timeNode, badge, shortId } from '../format.js';
import { heading, notice, errorText } from './common.js';

export async function subscriptionsPage(page, { api, watch }) {
  page.append(heading('Subscriptions'));
  const list = h('div', { class: 'results' });
  page.append(list);
  let shown = null;
  const load = async () => {
    try {
      const { subscriptions } = await api('GET', 'admin/subscriptions');
      if (JSON.stringify(subscriptions) === shown) return;
      shown = JSON.stringify(subscriptions);
      clear(list).append(subscriptionsTable(subscriptions));
    } catch (e) {
      clear(list).append(unavailable(e));
    }
  };
  await load();
  watch(['delivery.received', 'job.status_changed'], load);
}

export function subscriptionsTable(subscriptions) {
  return table('Subscriptions', [
    ['Subscription', row => h('a', { href: route('subscriptions', row.id), text: row.description || shortId(row.id) })],
    ['Target', row => h('code', { text: row.url || row.kind || '' })],
    ['State', row => health(row)],
    ['Failures in a row', row => String(row.consecutive_failures ?? '')],
    ['Events', row => [(row.event_types || []).join(', ') || 'all', (row.sources || []).length
      ? ' from ' + row.sources.join(', ') : ''].join('')],
  ], subscriptions, { empty: 'No subscriptions.' });
}

/** A subscription's health in one word: paused by hand, disabled by a 410, circuit open, failing, or healthy. */
export function health(subscription) {
  if (!subscription.enabled) return badge(subscription.disabled_reason ? 'disabled' : 'paused');
  if (subscription.circuit_open_until && new Date(subscription.circuit_open_until) > new Date()) return badge('paused');
  if (subscription.consecutive_failures > 0) return badge('failed');
  return badge(subscription.state === 'active' || !subscription.state ? 'healthy' : subscription.state);
}

export function unavailable(e) {
  return notice(e.status === 404 ? 'Forwarding to subscribers is not available on this gateway.' : errorText(e),
    e.status === 404 ? 'info' : 'error');
}

export async function subscriptionPage(page, { api, watch }, id) {
  const path = 'admin/subscriptions/' + encodeURIComponent(id);
  const facts = h('div');
  const attempts = h('div', { class: 'results' });
  const messages = h('div', { class: 'results' });
  page.append(heading('Subscription', h('a', { href: route('subscriptions'), text: 'All subscriptions' })), facts,
    h('h2', { text: 'Events' }), messages, h('h2', { text: 'Recent attempts' }), attempts);
  let shown = null;
  const load = async () => {
    try {
      const [subscription, { messages: pending }, { attempts: recent }] = await Promise.all([api('GET', path),
        api('GET', path + '/messages' + query({ limit: 20 })), api('GET', path + '/attempts' + query({ limit: 20 }))]);
      const text = JSON.stringify([subscription, pending, recent]);
      if (text === shown) return;
      shown = text;
      renderFacts(facts, subscription, api, path, load);
      clear(messages).append(messagesTable(pending, api, path, load));
      clear(attempts).append(attemptsTable(recent));
    } catch (e) {
      shown = null;
      clear(facts).append(unavailable(e));
    }
  };
  await load();
  watch(['delivery.received', 'job.status_changed'], load);
}

function renderFacts(box, subscription, api, path, reload) {
  box.parentElement.querySelector('h1').textContent = 'Subscription ' + (subscription.description || shortId(subscription.id));
  const toggle = h('button', { type: 'button', text: subscription.enabled ? 'Pause' : 'Resume', on: { click: async () => {
    await api('PATCH', path, { body: { enabled: !subscription.enabled } });
    await reload();
  } } });
  clear(box).append(h('dl', { class: 'facts' },
    [['Target', h('code', { text: subscription.url || subscription.kind })], ['State', health(subscription)],
      ['Disabled because', subscription.disabled_reason], ['Failures in a row', String(subscription.consecutive_failures)],
      ['Circuit open until', timeNode(subscription.circuit_open_until)],
      ['Event types', (subscription.event_types || []).join(', ') || 'all'],
      ['Sources', (subscription.sources || []).join(', ') || 'all'], ['Job owner', subscription.job_owner],
      ['Timeout', subscription.timeout_ms ? subscription.timeout_ms + ' ms' : ''],
      ['Created', timeNode(subscription.created_at)]]
      .filter(([, value]) => value).map(([term, value]) => [h('dt', { text: term }), h('dd', {}, value)])),
  h('div', { class: 'actions' }, toggle));
}

function messagesTable(messages, api, path, reload) {
  return table('Events', [
    ['Event', row => h('code', { text: row.event_id })],
    ['State', row => badge(row.state)],
    ['Attempts', row => String(row.attempts)],
    ['Next attempt', row => timeNode(row.next_attempt_at)],
    ['Last error', row => row.last_error || ''],
    ['', row => h('button', { type: 'button', text: 'Redeliver', 'aria-label': 'Redeliver ' + row.event_id,
      on: { click: async () => {
        await api('POST', path + '/redeliver', { body: { event_id: row.event_id } });
        await reload();
      } } })],
  ], messages, { empty: 'No events forwarded yet.' });
}

function attemptsTable(attempts) {
  return table('Recent attempts', [
    ['When', row => timeNode(row.attempted_at)],
    ['Event', row => h('code', { text: row.event_id })],
    ['Outcome', row => badge(row.outcome)],
    ['Status', row => row.status_code ? String(row.status_code) : ''],
    ['Latency', row => row.latency_ms + ' ms'],
    ['Answer', row => h('code', { text: row.response_head || '' })],
  ], attempts, { empty: 'No attempts yet.' });
}
