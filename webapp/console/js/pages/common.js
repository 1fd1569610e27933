// Pieces several pages share: headings, notices, the once-shown secret panel, filter forms.
import { h, field } from '../dom.js';

export function heading(text, ...extra) {
  return h('div', { class: 'page-head' }, h('h1', { text }), ...extra);
}

export function notice(text, kind = 'info') {
  return h('p', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status', text });
}

export function errorText(e) {
  return e && e.message ? e.message : String(e);
}

/** A generated secret or key, shown this once, with a copy button. */
export function shownOnce(title, value) {
  const input = h('input', { readonly: true, value, class: 'secret', spellcheck: 'false', 'aria-label': title });
  const status = h('span', { class: 'copied', role: 'status' });
  const panel = h('section', { class: 'once', 'aria-label': title },
    h('h2', { text: title }),
    h('p', { text: 'Shown only now: the gateway keeps no readable copy. Store it where the sender or client needs it.' }),
    h('div', { class: 'once-row' }, input,
      h('button', { type: 'button', class: 'copy', text: 'Copy', on: { click: () => copy(input, status) } }),
      h('button', { type: 'button', text: 'Done', on: { click: () => panel.remove() } })),
    status);
  return panel;
}

async function copy(input, status) {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = 'Copied.';
  } catch (e) {
    input.select();
    status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
}

/** A form whose submit runs action(values); failures are shown in the form, as text. */
export function form(label, fields, submitText, action) {
  const message = h('p', { class: 'error', role: 'alert' });
  const element = h('form', { class: 'inline-form', 'aria-label': label, novalidate: true },
    fields, h('button', { type: 'submit', text: submitText }), message);
  element.addEventListener('submit', async event => {
    event.preventDefault();
    message.textContent = '';
    const button = element.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await action(Object.fromEntries(new FormData(element).entries()), element);
    } catch (e) {
      message.textContent = errorText(e);
    } finally {
      button.disabled = false;
    }
  });
  return element;
}

export function input(name, props = {}) {
  return h('input', { name, spellcheck: 'false', ...props });
}

export { field };
