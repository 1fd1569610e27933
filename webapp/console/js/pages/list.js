// The list pages' shared machinery (deliveries, jobs): a filter form whose values go into the route, the first
// page of results with "load more" for older ones, and a live merge of the first page when watched events arrive.
import { h, clear, route } from '../dom.js';
import { query } from '../api.js';
import { heading, notice, errorText } from './common.js';

/**
 * Renders a list page into `page`. Options:
 *   title, formLabel, submitText, fields (the form's controls), toRoute(values) (the form values as they go into
 *   the route; default as they are), moreText,
 *   path (the API list, e.g. 'secured/jobs'), filters (its query), key (the answer's array, e.g. 'jobs'),
 *   render(rows, fresh) (the table; `fresh` holds the ids that just arrived),
 *   events (the event types that may change the list), merge(rows, latest) (the rows after an event, from the
 *   ones shown and the newest page: {rows, fresh}, or null when nothing changed).
 */
export async function listPage(page, { api, watch }, options) {
  const form = h('form', { class: 'filters', 'aria-label': options.formLabel, novalidate: true },
    options.fields, h('button', { type: 'submit', text: options.submitText }));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    location.hash = route(options.routeName) + query(options.toRoute ? options.toRoute(values) : values);
  });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'more', hidden: true, text: options.moreText });
  const moreError = h('p', { class: 'error', role: 'alert' });
  page.append(heading(options.title), form, results, more, moreError);

  let rows = [];
  let cursor = null;
  const fetchPage = after => api('GET', options.path + query({ ...options.filters, limit: 50, cursor: after }));
  const show = (fresh = new Set()) => {
    clear(results).append(options.render(rows, fresh));
    more.hidden = !cursor;
  };
  try {
    const first = await fetchPage(null);
    rows = first[options.key];
    cursor = first.next_cursor;
    show();
  } catch (e) {
    results.append(notice(errorText(e), 'error'));
    return;
  }
  more.addEventListener('click', async () => {
    moreError.textContent = '';
    try {
      const next = await fetchPage(cursor);
      rows = rows.concat(next[options.key]);
      cursor = next.next_cursor;
      show();
    } catch (e) {
      moreError.textContent = errorText(e);
    }
  });
  watch(options.events, async () => {
    const latest = await fetchPage(null);
    const merged = options.merge(rows, latest[options.key]);
    if (!merged) return;
    // An empty list had no older pages to offer; the newest page's cursor leads to them now.
    if (rows.length === 0) cursor = latest.next_cursor;
    rows = merged.rows;
    show(merged.fresh || new Set());
  });
}
