// Sources: register signed senders, and add, retire and delete their secrets and public keys.
import { h, clear, table, route, select } from '../dom.js';
import { timeNode, badge, shortId } from '../format.js';
import { heading, notice, errorText, shownOnce, form, field, input } from './common.js';

const TYPES = [['', 'from the name'], 'github', 'gitea', 'gitlab', 'tuxsuite', 'standard'];

export async function sourcesPage(page, { api }) {
  const list = h('div', { class: 'results' });
  const create = form('Register a source', [
    field('Name', input('name', { required: true, placeholder: 'github, gitea, gitlab, tuxsuite or your own' })),
    field('Type', select('type', TYPES, '')),
  ], 'Register', async values => {
    const source = await api('POST', 'admin/sources', { body: { name: values.name.trim(), type: values.type || undefined } });
    location.hash = route('sources', source.name);
  });
  page.append(heading('Sources'), list, h('h2', { text: 'Register a source' }), create);
  try {
    const { sources } = await api('GET', 'admin/sources');
    list.append(table('Sources', [
      ['Name', row => h('a', { href: route('sources', row.name), text: row.name })],
      ['Type', row => row.type],
      ['Endpoint', row => h('code', { text: row.endpoint })],
      ['Active keys', row => `${row.active_keys} of ${row.keys}`],
      ['Registered', row => timeNode(row.created_at)],
    ], sources, { empty: 'No sources yet.' }));
  } catch (e) {
    list.append(notice(errorText(e), 'error'));
  }
}

export async function sourcePage(page, { api }, name) {
  const path = 'admin/sources/' + encodeURIComponent(name);
  const source = await api('GET', path);
  const secretsBox = h('div', { class: 'results' });
  const onceBox = h('div');
  const reload = async () => {
    try {
      const { secrets } = await api('GET', path + '/secrets');
      clear(secretsBox).append(secretsTable(secrets, api, path, reload));
    } catch (e) {
      clear(secretsBox).append(notice(errorText(e), 'error'));
    }
  };
  const defaultKind = source.type === 'tuxsuite' ? 'public_key' : 'secret';
  const add = form('Add a secret or key', [
    field('Scope (repository URL or TuxSuite group; empty for the whole source)', input('scope')),
    field('Kind', select('kind', ['secret', 'public_key'], defaultKind)),
    field('Value (empty: the gateway generates a secret)', h('textarea', { name: 'value', rows: 2, spellcheck: 'false' })),
    field('Label', input('label')),
  ], 'Add', async (values, element) => {
    const body = { kind: values.kind };
    for (const key of ['scope', 'value', 'label']) if (values[key].trim()) body[key] = values[key].trim();
    const created = await api('POST', path + '/secrets', { body });
    element.reset();
    clear(onceBox);
    if (created.secret) onceBox.append(shownOnce('New secret for ' + name, created.secret));
    await reload();
  });
  const remove = h('button', { type: 'button', class: 'danger', text: 'Delete this source', on: { click: async () => {
    if (!confirm(`Delete source ${name} and all its secrets? Its senders will be refused.`)) return;
    await api('DELETE', path);
    location.hash = route('sources');
  } } });
  page.append(heading('Source ' + source.name, h('a', { href: route('sources'), text: 'All sources' })),
    h('dl', { class: 'facts' },
      [['Type', source.type], ['Endpoint', h('code', { text: source.endpoint })],
        ['Body cap', source.max_body_bytes ? source.max_body_bytes + ' bytes' : 'gateway default'],
        ['Keys URL', source.keys_url], ['Registered', timeNode(source.created_at)], ['By', source.created_by]]
        .filter(([, value]) => value).map(([term, value]) => [h('dt', { text: term }), h('dd', {}, value)])),
    h('h2', { text: 'Secrets and keys' }),
    h('p', { class: 'hint', text: 'To rotate: add the new secret, move the sender to it, then retire the old one.' }),
    onceBox, secretsBox, h('h2', { text: 'Add a secret or key' }), add, h('h2', { text: 'Danger zone' }), remove);
  await reload();
}

function secretsTable(secrets, api, path, reload) {
  return table('Secrets and keys', [
    ['Id', row => h('code', { title: row.id, text: shortId(row.id) })],
    ['Kind', row => row.kind],
    ['Scope', row => row.scope || 'whole source'],
    ['Label', row => row.label || ''],
    ['State', row => badge(row.active ? 'active' : 'retired')],
    ['Not after', row => timeNode(row.not_after)],
    ['Added', row => timeNode(row.created_at)],
    ['', row => h('div', { class: 'actions' },
      row.active ? h('button', { type: 'button', text: 'Retire now', 'aria-label': 'Retire secret ' + shortId(row.id),
        on: { click: async () => {
          await api('PATCH', path + '/secrets/' + row.id, { body: { not_after: new Date().toISOString() } });
          await reload();
        } } }) : null,
      h('button', { type: 'button', class: 'danger', text: 'Delete', 'aria-label': 'Delete secret ' + shortId(row.id),
        on: { click: async () => {
          if (!confirm('Delete this secret? Senders still using it will be refused.')) return;
          await api('DELETE', path + '/secrets/' + row.id);
          await reload();
        } } }))],
  ], secrets, { empty: 'No secrets or keys: every delivery to this source is refused.' });
}
