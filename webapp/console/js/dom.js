// Builds DOM nodes from data without ever parsing HTML: every value lands as a text node or an attribute value.
// Stored payloads are attacker-controlled; the page's Trusted Types policy would reject innerHTML anyway.

const SVG = 'http://www.w3.org/2000/svg';

/** h('tag', {class, text, on: {click: fn}, href: '#/...', ...attributes}, ...children) */
export function h(tag, props = {}, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** The same for SVG elements (the chart). */
export function svg(tag, props = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), props, children);
}

function fill(element, props, children) {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name === 'class') element.setAttribute('class', value);
    else if (name === 'on') Object.entries(value).forEach(([event, fn]) => element.addEventListener(event, fn));
    else if (name === 'href') element.setAttribute('href', consoleLink(value));
    else if (/^on/i.test(name) || name === 'style' || name === 'src' || name === 'srcdoc') {
      throw new Error('refusing attribute ' + name);
    } else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Links are always the console's own routes, never a URL taken from data (no javascript: or elsewhere). */
function consoleLink(value) {
  const link = String(value);
  if (!link.startsWith('#/')) throw new Error('only console routes are linked');
  return link;
}

/** A route link: '#/' + path segments, each encoded. */
export function route(...segments) {
  return '#/' + segments.map(segment => encodeURIComponent(String(segment))).join('/');
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

let ids = 0;
/** A labelled form control: returns [label, control]. */
export function field(labelText, control) {
  if (!control.id) control.id = 'f' + (++ids);
  return h('div', { class: 'field' }, h('label', { for: control.id, text: labelText }), control);
}

export function select(name, options, selected) {
  const element = h('select', { name });
  for (const option of options) {
    const [value, label] = Array.isArray(option) ? option : [option, option];
    element.append(h('option', { value, text: label, selected: value === selected }));
  }
  return element;
}

/** A table from rows: columns are [heading, row => node or text]. */
export function table(caption, columns, rows, { empty = 'Nothing yet.' } = {}) {
  if (rows.length === 0) return h('p', { class: 'empty', text: empty });
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col', text: heading })))),
      h('tbody', {}, rows.map(row => h('tr', {},
        columns.map(([heading, cell]) => h('td', { 'data-label': heading }, cell(row))))))));
}
