// A figure's timeline as inline SVG, drawn here (no chart library: desks run air-gapped).
// Official values are a step line (a figure stands until the authority changes it), one line
// per incident (segment) so a new incident never reads as a change; lagging counts are hollow
// points off the line; third parties' figures are points beside it. Vague amounts and ranges
// show their spread as a bar. Every point says where it came from (data-origin: the figure
// table's history, or an alert).
import { day, svg } from './dom.js';

const WIDTH = 760;
const HEIGHT = 320;
const MARGIN = { left: 64, right: 24, top: 20, bottom: 44 };
const DAY_MS = 86400000;

function placed(points) {
  return (points || [])
    .filter((p) => typeof p.t === 'string' && typeof p.y === 'number' && !Number.isNaN(Date.parse(p.t)))
    .map((p) => ({ ...p, ms: Date.parse(p.t) }))
    .sort((a, b) => a.ms - b.ms);
}

function niceCeiling(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function formatNumber(value) {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function drawTimeline(timeline, title) {
  const official = placed(timeline.official);
  const context = placed(timeline.context);
  const root = svg('svg', {
    class: 'timeline',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': `Timeline of ${title}`,
  });
  root.append(svg('title', {}, `Timeline of ${title}`));
  const all = [...official, ...context];
  if (all.length === 0) {
    root.append(svg('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'chart-empty', 'text-anchor': 'middle' }, 'No dated figures to chart yet.'));
    return root;
  }

  let start = Math.min(...all.map((p) => p.ms));
  let end = Math.max(...all.map((p) => p.ms));
  if (end - start < DAY_MS) {
    start -= DAY_MS;
    end += DAY_MS;
  }
  const pad = (end - start) * 0.06;
  start -= pad;
  end += pad;
  const top = niceCeiling(Math.max(...all.map((p) => Math.max(p.y, p.high ?? p.y))) * 1.1);

  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (ms) => MARGIN.left + ((ms - start) / (end - start)) * plotW;
  const y = (v) => MARGIN.top + plotH - (v / top) * plotH;

  const axes = svg('g', { class: 'axes' });
  for (let i = 0; i <= 4; i += 1) {
    const value = (top * i) / 4;
    axes.append(svg('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }));
    axes.append(svg('text', { class: 'tick', x: MARGIN.left - 8, y: y(value) + 4, 'text-anchor': 'end' }, formatNumber(value)));
  }
  const ticks = 4;
  for (let i = 0; i <= ticks; i += 1) {
    const ms = start + ((end - start) * i) / ticks;
    const anchor = i === 0 ? 'start' : i === ticks ? 'end' : 'middle';
    axes.append(svg('text', { class: 'tick', x: x(ms), y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': anchor }, day(new Date(ms).toISOString())));
  }
  axes.append(svg('line', { class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }));
  root.append(axes);

  const onLine = official.filter((p) => !p.lagging);
  const segments = new Map();
  for (const point of onLine) {
    const key = point.segment ?? 0;
    if (!segments.has(key)) segments.set(key, []);
    segments.get(key).push(point);
  }
  const segmentKeys = [...segments.keys()];
  segmentKeys.forEach((key, index) => {
    const line = segments.get(key);
    // Each value holds until the next one: across, then up or down; the last one holds until
    // the next incident starts, or the chart's end.
    let d = `M ${x(line[0].ms).toFixed(1)} ${y(line[0].y).toFixed(1)}`;
    for (const point of line.slice(1)) d += ` H ${x(point.ms).toFixed(1)} V ${y(point.y).toFixed(1)}`;
    const next = index + 1 < segmentKeys.length ? segments.get(segmentKeys[index + 1])[0].ms : end;
    d += ` H ${x(next).toFixed(1)}`;
    root.append(svg('path', { class: 'official-step', d, 'data-segment': key }));
  });

  const spread = svg('g', { class: 'official-spread' });
  const points = svg('g', { class: 'official-points' });
  for (const point of official) {
    if (point.low !== null && point.high !== null && point.high > point.low) {
      spread.append(svg('line', { class: 'official-range', x1: x(point.ms), x2: x(point.ms), y1: y(point.low), y2: y(point.high) }));
    }
    const classes = point.lagging ? 'official-point lagging' : 'official-point';
    const dot = svg('circle', { class: classes, cx: x(point.ms), cy: y(point.y), r: 4.5, 'data-origin': point.origin || 'alert' });
    const notes = [point.superseded ? 'superseded' : '', point.lagging ? 'lagging count' : ''].filter(Boolean).join(', ');
    dot.append(svg('title', {}, `${point.text} (${point.source || 'source unknown'}, ${day(point.t)}${notes ? '; ' + notes : ''})`));
    points.append(dot);
    if (!point.lagging) {
      points.append(svg('text', { class: 'official-label', x: x(point.ms) + 7, y: y(point.y) - 8 }, point.text));
    }
  }
  root.append(spread, points);

  const others = svg('g', { class: 'context-points' });
  for (const point of context) {
    const dot = svg('circle', { class: 'context-point', cx: x(point.ms), cy: y(point.y), r: 5.5, 'data-origin': point.origin || 'alert' });
    dot.append(svg('title', {}, `${point.source || 'unattributed'}: ${point.text} (${day(point.t)})`));
    others.append(dot);
  }
  root.append(others);
  return root;
}
