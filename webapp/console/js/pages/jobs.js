// Jobs: search, and one job's status history as a timeline, both kept current.
import { h, clear, table, route, select } from '../dom.js';
import { timeNode, badge, shortId } from '../format.js';
import { heading, notice, errorText, field, input } from './common.js';
import { listPage } from './list.js';

const STATUSES = [['', 'any'], 'Submitted', 'Running', 'Completed', 'Failed', 'Canceled'];
const JOB_EVENTS = ['job.status_changed', 'delivery.received'];

export async function jobsPage(page, context) {
  const { params, isAdmin } = context;
  const filters = { status: params.get('status') || '', source: params.get('source') || '',
    owner: params.get('owner') || '' };
  await listPage(page, context, {
    title: isAdmin ? 'Jobs' : 'My jobs', formLabel: 'Search jobs', submitText: 'Search', moreText: 'Load more jobs',
    routeName: 'jobs',
    fields: [
      field('Status', select('status', STATUSES, filters.status)),
      field('Source', input('source', { value: filters.source })),
      isAdmin ? field('Owner', input('owner', { value: filters.owner })) : null,
    ],
    path: 'secured/jobs', filters, key: 'jobs',
    render: jobsTable,
    events: JOB_EVENTS,
    // The newest page again: new jobs on top, the jobs already shown replaced by their current state.
    merge: (jobs, latest) => {
      const byId = new Map(latest.map(job => [job.id, job]));
      const known = new Set(jobs.map(job => job.id));
      const next = latest.filter(job => !known.has(job.id)).concat(jobs.map(job => byId.get(job.id) || job));
      return JSON.stringify(next) === JSON.stringify(jobs) ? null : { rows: next };
    },
  });
}

function jobsTable(jobs) {
  return table('Jobs', [
    ['Name', job => h('a', { href: route('jobs', job.id), text: job.name || shortId(job.id) })],
    ['Status', job => badge(job.status)],
    ['Source', job => job.source],
    ['Owner', job => job.owner],
    ['External id', job => job.external_id || ''],
    ['Updated', job => timeNode(job.updated_at)],
  ], jobs, { empty: 'No jobs match.' });
}

export async function jobPage(page, { api, watch }, id) {
  const body = h('div');
  page.append(heading('Job', h('a', { href: route('jobs'), text: 'All jobs' })), body);
  let shown = null;
  const load = async () => {
    try {
      const job = await api('GET', 'secured/jobs/' + encodeURIComponent(id));
      // Re-rendered only when something changed, so that focus and selection stay put.
      const text = JSON.stringify(job);
      if (text === shown) return;
      shown = text;
      renderJob(body, job);
    } catch (e) {
      shown = null;
      clear(body).append(notice(errorText(e), 'error'));
    }
  };
  await load();
  watch(JOB_EVENTS, load);
}

function renderJob(box, job) {
  const heading = box.parentElement.querySelector('h1');
  heading.textContent = 'Job ' + (job.name || job.id);
  const facts = [['Id', job.id], ['Status', badge(job.status)], ['Source', job.source], ['Owner', job.owner],
    ['External id', job.external_id], ['App', job.app_id], ['Started', timeNode(job.start_date)],
    ['Ended', timeNode(job.end_date)], ['Registered', timeNode(job.created_at)], ['Callback URL', job.callback_url]];
  const history = job.history || [];
  clear(box).append(
    h('dl', { class: 'facts' }, facts.filter(([, value]) => value).map(([term, value]) =>
      [h('dt', { text: term }), h('dd', {}, value)])),
    h('section', { 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title', text: 'Status history' }),
      history.length === 0 ? h('p', { class: 'empty', text: 'No status updates yet.' })
        : h('ol', { class: 'timeline' }, history.map(timelineEntry))));
}

function timelineEntry(entry) {
  const change = entry.outcome === 'applied'
    ? [badge(entry.old_status), ' → ', badge(entry.new_status)]
    : [badge('ignored'), ' ', entry.remote_status ? `remote status ${entry.remote_status}` : '', ` (stayed ${entry.old_status})`];
  return h('li', { class: 'event ' + entry.outcome },
    h('div', { class: 'when' }, timeNode(entry.at)),
    h('div', { class: 'what' }, change),
    h('div', { class: 'how' },
      `from ${entry.origin}`,
      entry.remote_status && entry.outcome === 'applied' ? ` (remote status ${entry.remote_status})` : '',
      entry.reason ? ` — ${entry.reason}` : '',
      entry.delivery_id ? [' — ', h('a', { href: route('deliveries', entry.delivery_id),
        text: 'delivery ' + entry.delivery_id })] : ''));
}
