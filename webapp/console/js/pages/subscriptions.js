// Subscriptions: the systems the gateway forwards events to, where this gateway forwards events.
import { h, table } from '../dom.js';
import { badge } from '../format.js';
import { heading, notice, errorText } from './common.js';

export async function subscriptionsPage(page, { api }) {
  page.append(heading('Subscriptions'));
  let answer;
  try {
    answer = await api('GET', 'admin/subscriptions');
  } catch (e) {
    page.append(notice(e.status === 404 ? 'Forwarding to subscribers is not available on this gateway.'
      : errorText(e), e.status === 404 ? 'info' : 'error'));
    return;
  }
  const subscriptions = answer.subscriptions || [];
  page.append(table('Subscriptions', [
    ['Subscription', row => row.name || row.id],
    ['Target', row => h('code', { text: row.url || '' })],
    ['State', row => badge(row.state || (row.enabled === false ? 'paused' : 'active'))],
  ], subscriptions, { empty: 'No subscriptions.' }));
}
