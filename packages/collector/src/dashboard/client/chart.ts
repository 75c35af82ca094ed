import uPlot from 'uplot';
import { h } from './dom.js';
import { axisLabel, when } from './format.js';

/** Something every chart marks: an incident's window, or a mode change. */
export interface Mark {
  at: number;
  /** End of an incident's window (absent while it is open: runs to the chart's end). */
  end?: number | null;
  kind: 'incident' | 'mode' | 'expected';
  label: string;
}

export interface Line {
  label: string;
  color: string;
  /** Bucket start → value; a bucket without a value is a gap. */
  values: Map<number, number | null>;
  /** 'right': drawn against the second (right) axis. */
  axis?: 'right';
  dash?: number[];
}

export interface ChartSpec {
  title: string;
  from: number;
  to: number;
  stepMs: number;
  lines: Line[];
  yLabel: string;
  rightLabel?: string;
  /** Fixed y range, e.g. [0, 100] for percentages. */
  yRange?: [number, number];
  marks: Mark[];
  /** List the marks in text under the chart (default). A card of several charts lists them once instead. */
  listMarks?: boolean;
}

/** Whole-number ticks for counts (shops, calls). */
const COUNT_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1e6, 1e7];

/** The marks of a chart (or of a card of charts) as text: what the canvas shows, for everyone. */
export function markList(marks: Mark[]): HTMLElement | null {
  return marks.length
    ? h('ul', { class: 'marks' }, ...marks.map((m) => h('li', { class: `mark-${m.kind}` }, `${when(m.at)}${m.end ? `–${when(m.end)}` : ''} ${m.label}`)))
    : null;
}

/** Bucket starts covering [from, to): the x-axis is always the chosen range, whatever has data. */
export function buckets(from: number, to: number, stepMs: number): number[] {
  const out: number[] = [];
  for (let t = from - (from % stepMs); t < to; t += stepMs) out.push(t);
  return out;
}

/** Points of a series that have no neighbour with a value: drawn as dots, since a lone value makes no line. */
function isolated(u: uPlot, seriesIdx: number): number[] | null {
  const ys = u.data[seriesIdx];
  const out: number[] = [];
  for (let i = 0; i < ys.length; i++) if (ys[i] != null && ys[i - 1] == null && ys[i + 1] == null) out.push(i);
  return out.length ? out : null;
}

function drawMarks(u: uPlot, marks: Mark[], to: number) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const x = (t: number) => Math.round(u.valToPos(t, 'x', true));
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const m of marks) {
    const x0 = x(m.at);
    if (m.kind === 'incident') {
      const x1 = x(m.end ?? to);
      ctx.fillStyle = 'rgba(176, 0, 32, 0.08)';
      ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
      ctx.fillStyle = '#b00020';
      ctx.fillRect(x0, top, 2 * devicePixelRatio, height);
      if (m.end) {
        ctx.fillStyle = '#0a6b2e';
        ctx.fillRect(x1, top, 2 * devicePixelRatio, height);
      }
    } else {
      ctx.strokeStyle = m.kind === 'expected' ? '#57606a' : '#6639ba';
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.setLineDash(m.kind === 'expected' ? [2 * devicePixelRatio, 3 * devicePixelRatio] : [6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x0, top);
      ctx.lineTo(x0, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  ctx.restore();
}

/**
 * A uPlot chart in a <figure>: the canvas is hidden from assistive technology, the caption, the
 * key and the list of marks say what it shows in text. Resizes with its box (phones).
 */
export function chart(spec: ChartSpec): { el: HTMLElement; destroy(): void } {
  const xs = buckets(spec.from, spec.to, spec.stepMs);
  const data: uPlot.AlignedData = [xs, ...spec.lines.map((l) => xs.map((t) => l.values.get(t) ?? null))];
  const span = spec.to - spec.from;
  const plotBox = h('div', { class: 'plot', 'aria-hidden': 'true' });
  const key = h(
    'ul',
    { class: 'key' },
    ...spec.lines.map((l) => h('li', {}, h('span', { class: `swatch${l.dash ? ' dashed' : ''}`, 'data-color': l.color }), l.label)),
    spec.marks.some((m) => m.kind === 'incident') ? h('li', {}, h('span', { class: 'swatch band' }), 'incident') : null,
    spec.marks.some((m) => m.kind === 'mode') ? h('li', {}, h('span', { class: 'swatch mode' }), 'mode change') : null,
    spec.marks.some((m) => m.kind === 'expected') ? h('li', {}, h('span', { class: 'swatch expected' }), 'expected') : null,
  );
  // Colours through the CSSOM (a CSP without 'unsafe-inline' allows it; style attributes it would not).
  key.querySelectorAll<HTMLElement>('[data-color]').forEach((s) => (s.style.background = s.dataset.color!));
  const marks = spec.marks.filter((m) => m.at < spec.to && (m.end ?? spec.to) >= spec.from);
  const fig = h('figure', { class: 'chart' }, h('figcaption', {}, spec.title), plotBox, key, spec.listMarks === false ? null : markList(marks));

  const opts: uPlot.Options = {
    width: 400,
    height: 180,
    ms: 1,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: () => [spec.from, spec.to] },
      y: spec.yRange ? { range: () => spec.yRange! } : { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) * 1.1] },
      ...(spec.rightLabel ? { r: { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(1, max ?? 1) * 1.1] as uPlot.Range.MinMax } } : {}),
    },
    series: [
      {},
      ...spec.lines.map(
        (l): uPlot.Series => ({ label: l.label, stroke: l.color, width: 2, scale: l.axis === 'right' ? 'r' : 'y', dash: l.dash, spanGaps: false, points: { show: true, size: 6, filter: isolated } }),
      ),
    ],
    axes: [
      { space: 72, values: (_u, splits) => splits.map((v) => axisLabel(v, span)), stroke: '#3d4654' },
      { label: spec.yLabel, stroke: '#3d4654', size: 56 },
      ...(spec.rightLabel ? [{ scale: 'r', side: 1 as const, label: spec.rightLabel, grid: { show: false }, stroke: '#3d4654', size: 56, incrs: COUNT_INCRS }] : []),
    ],
    hooks: {
      draw: [
        (u) => {
          drawMarks(u, marks, spec.to);
          // What the chart really spans, for tests and scripts (with data-buckets and data-gaps below).
          fig.dataset.xMin = String(u.scales.x.min);
          fig.dataset.xMax = String(u.scales.x.max);
        },
      ],
    },
  };
  const plot = new uPlot(opts, data, plotBox);
  // The buckets the chart holds, and how many of the first line's are gaps.
  fig.dataset.buckets = String(xs.length);
  fig.dataset.gaps = String(data[1] ? (data[1] as (number | null)[]).filter((v) => v == null).length : 0);
  const fit = () => {
    const w = Math.max(240, Math.floor(plotBox.clientWidth || fig.clientWidth || 400));
    if (Math.abs(plot.width - w) > 1) plot.setSize({ width: w, height: 180 });
  };
  const ro = new ResizeObserver(fit);
  ro.observe(fig);
  requestAnimationFrame(fit);
  return {
    el: fig,
    destroy() {
      ro.disconnect();
      plot.destroy();
    },
  };
}
