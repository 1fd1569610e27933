// Overview: what arrived per source and outcome over the last hour and day, failing senders, subscribers.
import { h, clear, table, route } from '../dom.js';
import { hourlyChart } from '../chart.js';
import { heading, notice, errorText } from './common.js';
import { subscriptionsTable, unavailable } from './subscriptions.js';

export async function overviewPage(page, { api, watch }) {
  const summaryBox = h('div', { class: 'summary' });
  const subscribersBox = h('section', { 'aria-labelledby': 'subscribers-title' },
    h('h2', { id: 'subscribers-title', text: 'Subscribers' }));
  page.append(heading('Overview'), summaryBox, subscribersBox);

  let shown = null;
  async function refresh() {
    try {
      const summary = await api('GET', 'secured/deliveries/summary');
      const text = JSON.stringify({ sources: summary.sources, hourly: summary.hourly });
      if (text === shown) return;
      shown = text;
      renderSummary(summaryBox, summary);
    } catch (e) {
      shown = null;
      clear(summaryBox).append(notice(errorText(e), 'error'));
    }
  }
  await Promise.all([refresh(), renderSubscribers(subscribersBox, api)]);
  // The summary scans a day of deliveries: at most one refresh every 30 s, however busy the stream.
  let lastRefresh = Date.now();
  let pending = null;
  watch(['delivery.received'], () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      lastRefresh = Date.now();
      refresh();
    }, Math.max(0, 30000 - (Date.now() - lastRefresh)));
  });
}

function renderSummary(box, summary) {
  const hour = { total: 0, refused: 0 };
  const day = { total: 0, refused: 0 };
  for (const source of summary.sources) {
    hour.total += source.last_hour.total;
    hour.refused += source.last_hour.refused;
    day.total += source.last_day.total;
    day.refused += source.last_day.refused;
  }
  const failing = summary.sources.filter(source => source.last_hour.refused > 0)
    .sort((a, b) => b.last_hour.refused - a.last_hour.refused);
  clear(box).append(
    h('div', { class: 'cards' },
      card('Last hour', hour.total, hour.refused),
      card('Last 24 hours', day.total, day.refused)),
    hourlyChart(summary.hourly),
    h('section', { 'aria-labelledby': 'failing-title' },
      h('h2', { id: 'failing-title', text: 'Failing senders (last hour)' }),
      failing.length === 0 ? h('p', { class: 'empty', text: 'No refused deliveries in the last hour.' })
        : h('ul', { class: 'failing' }, failing.map(source => h('li', {},
          h('a', { href: route('deliveries') + '?source=' + encodeURIComponent(source.source), text: source.source }),
          ` — ${source.last_hour.refused} of ${source.last_hour.total} refused: `,
          source.outcomes.filter(outcome => outcome.last_hour > 0).map(outcome =>
            `${outcome.verification}/${outcome.processing} ${outcome.last_hour}`).join(', '))))),
    h('section', { 'aria-labelledby': 'per-source-title' },
      h('h2', { id: 'per-source-title', text: 'Deliveries per source and outcome' }),
      table('Deliveries per source and outcome', [
        ['Source', row => h('a', { href: route('deliveries') + '?source=' + encodeURIComponent(row.source),
          text: row.source })],
        ['Outcome', row => `${row.verification} / ${row.processing}`],
        ['Last hour', row => String(row.last_hour)],
        ['Last 24 h', row => String(row.last_day)],
      ], summary.sources.flatMap(source => source.outcomes.map(outcome => ({ source: source.source, ...outcome }))),
      { empty: 'No deliveries in the last 24 hours.' })));
}

function card(title, total, refused) {
  return h('div', { class: 'card' },
    h('h2', { text: title }),
    h('p', { class: 'big', text: String(total) }),
    h('p', { class: refused > 0 ? 'bad-text' : 'muted', text: `${refused} refused` }));
}

async function renderSubscribers(box, api) {
  try {
    const { subscriptions } = await api('GET', 'admin/subscriptions');
    box.append(subscriptionsTable(subscriptions));
  } catch (e) {
    box.append(unavailable(e));
  }
}
