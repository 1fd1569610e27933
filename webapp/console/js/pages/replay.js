// The Replay control of a delivery's detail (admins): POST admin/deliveries/{id}/replay, the answer shown as text.
import { h, route, select, field } from '../dom.js';
import { errorText } from './common.js';

/** The replay section for a delivery; trusting the original verification is offered only for a verified one. */
export function replaySection(delivery, api) {
  const modes = [['verify', 'Verify again with the current keys']];
  if (delivery.verification === 'verified') modes.push(['trust', 'Trust the original verification']);
  const mode = select('verification', modes, 'verify');
  const result = h('div', { class: 'replay-result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', text: 'Replay' });
  const form = h('form', { class: 'inline-form', 'aria-label': 'Replay this delivery', novalidate: true },
    field('Verification', mode), button);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    result.replaceChildren(h('p', { text: 'Replaying…' }));
    try {
      const answer = await api('POST', 'admin/deliveries/' + encodeURIComponent(delivery.id) + '/replay',
        { body: { verification: mode.value } });
      result.replaceChildren(outcome(answer.replay));
      result.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert', text: 'Not replayed: ' + errorText(e) }));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'replay-title' },
    h('h2', { id: 'replay-title', text: 'Replay' }),
    h('p', { text: 'Runs the stored delivery through its source\'s processing again, as a new delivery.' }),
    form, result);
}

function outcome(replay) {
  const lines = [
    ['New delivery', h('a', { href: route('deliveries', replay.delivery_id), text: String(replay.delivery_id) })],
    ['Verification mode', replay.mode],
    ['Verification', replay.verification],
    ['Outcome', replay.processing],
    ['Detail', replay.detail],
    ['Duplicate', replay.duplicate ? 'yes, of a delivery id still held' : null],
  ].filter(([, value]) => value !== undefined && value !== null && value !== '');
  return h('dl', { class: 'facts replay-answer' }, lines.map(([term, value]) =>
    [h('dt', { text: term }), h('dd', {}, value)]));
}
