// A small stacked bar chart in SVG, built element by element (no library, nothing parsed from text).
import { h, svg } from './dom.js';

/** Bars of accepted and refused deliveries per hour; a table of the same numbers for screen readers. */
export function hourlyChart(hours) {
  const width = 1200;
  const height = 170;
  const bottom = 20;
  const max = Math.max(1, ...hours.map(hour => hour.accepted + hour.refused));
  const slot = width / Math.max(1, hours.length);
  const scale = (height - bottom - 8) / max;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': 'Deliveries per hour over the last 24 hours, accepted and refused' });
  chart.append(svg('line', { x1: 0, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }));
  hours.forEach((hour, index) => {
    const x = index * slot + 2;
    const barWidth = Math.max(1, slot - 4);
    const acceptedHeight = hour.accepted * scale;
    const refusedHeight = hour.refused * scale;
    const label = `${new Date(hour.start).getHours()}:00 — ${hour.accepted} accepted, ${hour.refused} refused`;
    const group = svg('g', {}, svg('title', { text: label }));
    group.append(svg('rect', { x, width: barWidth, y: height - bottom - acceptedHeight, height: acceptedHeight,
      class: 'bar accepted' }));
    group.append(svg('rect', { x, width: barWidth, y: height - bottom - acceptedHeight - refusedHeight,
      height: refusedHeight, class: 'bar refused' }));
    if (index % 3 === 0) {
      group.append(svg('text', { x: x + barWidth / 2, y: height - 5, class: 'tick',
        text: String(new Date(hour.start).getHours()).padStart(2, '0') + 'h' }));
    }
    chart.append(group);
  });
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'key accepted', 'aria-hidden': 'true' }), ' accepted ',
    h('span', { class: 'key refused', 'aria-hidden': 'true' }), ' refused (rejected signature, unreadable, unknown job, failed); highest hour ',
    String(max));
  return h('figure', { class: 'chart-box' }, chart, legend);
}
