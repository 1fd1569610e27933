// Clients: create, rotate keys, disable and delete the gateway's API clients. Keys are shown once.
import { h, clear, table, select } from '../dom.js';
import { timeNode, badge } from '../format.js';
import { heading, notice, errorText, shownOnce, form, field, input } from './common.js';

export async function clientsPage(page, { api }) {
  const list = h('div', { class: 'results' });
  const onceBox = h('div');
  const reload = async () => {
    try {
      const { clients } = await api('GET', 'admin/clients');
      clear(list).append(clientsTable(clients, api, onceBox, reload));
    } catch (e) {
      clear(list).append(notice(errorText(e), 'error'));
    }
  };
  const create = form('Create a client', [
    field('Client id', input('client_id', { required: true })),
    field('Role', select('role', ['service', 'user', 'admin'], 'service')),
  ], 'Create', async (values, element) => {
    const created = await api('POST', 'admin/clients',
      { body: { client_id: values.client_id.trim(), role: values.role, permissions: {} } });
    element.reset();
    clear(onceBox).append(shownOnce('Key of client ' + created.client.client_id, created.client_key));
    await reload();
  });
  page.append(heading('Clients'), onceBox, list, h('h2', { text: 'Create a client' }), create);
  await reload();
}

function clientsTable(clients, api, onceBox, reload) {
  const path = client => 'admin/clients/' + encodeURIComponent(client.client_id);
  const action = (text, label, handler, danger = false) =>
    h('button', { type: 'button', class: danger ? 'danger' : null, text, 'aria-label': label, on: { click: handler } });
  return table('Clients', [
    ['Client id', row => row.client_id],
    ['Role', row => row.role],
    ['State', row => badge(row.disabled ? 'disabled' : 'active')],
    ['Created', row => timeNode(row.created_at)],
    ['Key set', row => timeNode(row.key_set_at)],
    ['', row => h('div', { class: 'actions' },
      action('Rotate key', 'Rotate the key of ' + row.client_id, async () => {
        if (!confirm(`Rotate the key of ${row.client_id}? The current key stops working at once.`)) return;
        const rotated = await api('POST', path(row) + '/rotate-key');
        clear(onceBox).append(shownOnce('New key of client ' + row.client_id, rotated.client_key));
        await reload();
      }),
      row.disabled ? null : action('Disable', 'Disable ' + row.client_id, async () => {
        if (!confirm(`Disable ${row.client_id}? It can no longer get tokens.`)) return;
        await api('POST', path(row) + '/disable');
        await reload();
      }),
      action('Delete', 'Delete ' + row.client_id, async () => {
        if (!confirm(`Delete ${row.client_id}?`)) return;
        await api('DELETE', path(row));
        await reload();
      }, true))],
  ], clients, { empty: 'No clients.' });
}
