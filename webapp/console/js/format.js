// Values as the pages show them. Everything here returns plain strings or text-only nodes.
import { h } from './dom.js';

export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString(undefined,
    { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A <time> element: local time shown, the exact instant in its datetime attribute. */
export function timeNode(iso) {
  return iso ? h('time', { datetime: iso, title: iso, text: time(iso) }) : '';
}

export function bytes(count) {
  if (count === undefined || count === null) return '';
  if (count < 1024) return count + ' B';
  if (count < 1024 * 1024) return (count / 1024).toFixed(1) + ' KiB';
  return (count / 1024 / 1024).toFixed(1) + ' MiB';
}

/** A coloured word for an outcome or status; the word itself carries the meaning (not only the colour). */
export function badge(value) {
  if (!value) return '';
  const kind = {
    verified: 'good', applied: 'good', Completed: 'good', active: 'good', healthy: 'good', delivered: 'good',
    rejected: 'bad', invalid: 'bad', failed: 'bad', too_large: 'bad', not_found: 'bad', Failed: 'bad',
    disabled: 'bad', paused: 'warn', ignored: 'muted', duplicate: 'muted', unsigned: 'muted', retired: 'muted',
    Canceled: 'muted', Running: 'info', Submitted: 'info', received: 'info',
  }[value] || 'muted';
  return h('span', { class: 'badge ' + kind, text: value });
}

/** A body for reading: JSON pretty-printed when it parses, else as it came. */
export function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}

/** Bytes of a stored body, whichever way the API sent it. */
export function bodyBytes(delivery) {
  if (delivery.body_base64 !== undefined) {
    return Uint8Array.from(atob(delivery.body_base64), c => c.charCodeAt(0));
  }
  return new TextEncoder().encode(delivery.body || '');
}

/** A classic hex dump: offset, 16 bytes in hex, the printable ASCII. */
export function hexDump(data) {
  const lines = [];
  for (let offset = 0; offset < data.length; offset += 16) {
    const row = data.subarray(offset, offset + 16);
    const hex = Array.from(row, b => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, b => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(offset.toString(16).padStart(8, '0') + '  ' + hex.padEnd(47, ' ') + '  ' + ascii);
  }
  return lines.join('\n');
}

export function shortId(id) {
  return id ? String(id).slice(0, 8) : '';
}
