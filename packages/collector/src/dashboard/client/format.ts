const pad = (n: number) => String(n).padStart(2, '0');

/** 24-hour clock with seconds, the viewer's time zone. */
export const clock = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Dec 14:05" (no seconds): table cells and marks. */
export const when = (t: number | null | undefined) => {
  if (!t) return '';
  const d = new Date(t);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** A chart's time labels: the clock for spans under two days, the date beyond. */
export function axisLabel(t: number, spanMs: number): string {
  const d = new Date(t);
  if (spanMs <= 2 * 86_400_000) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `${d.getDate()} ${MONTHS[d.getMonth()]}`;
}

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`);
export const count = (n: number | null | undefined) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
export const ms = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${Math.round(n).toLocaleString('en-US')} ms`);

/** "1 h 5 min", "42 s". */
export function duration(msValue: number): string {
  const s = Math.round(msValue / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  return m % 60 ? `${hours} h ${m % 60} min` : `${hours} h`;
}

/** Share with a guard against 0/0. */
export const share = (a: number, b: number) => (b > 0 ? a / b : null);
