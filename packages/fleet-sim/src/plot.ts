/**
 * PNG charts of a run, drawn by uPlot in the machine's Chromium (playwright-core, no browser
 * download): the same chart library the dashboard can use, no native canvas module for Node.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export interface Chart {
  file: string;
  title: string;
  yLabel: string;
  /** x in minutes. */
  x: number[];
  series: Array<{ label: string; values: number[]; color: string; dash?: boolean }>;
}

const require = createRequire(import.meta.url);

export async function renderCharts(charts: Chart[], chromiumPath = process.env.LIFEBOAT_CHROMIUM ?? '/usr/bin/chromium'): Promise<void> {
  const dir = require.resolve('uplot/dist/uPlot.iife.min.js').replace(/uPlot\.iife\.min\.js$/, '');
  const js = readFileSync(`${dir}uPlot.iife.min.js`, 'utf8');
  const css = readFileSync(`${dir}uPlot.min.css`, 'utf8');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 420 }, deviceScaleFactor: 1 });
    for (const c of charts) {
      await page.setContent(`<!doctype html><style>${css} body{margin:0;font:13px sans-serif;background:#fff}</style><div id="c"></div><script>${js}</script>`);
      await page.evaluate((c) => {
        const U = (window as unknown as { uPlot: new (o: unknown, d: unknown, el: Element) => unknown }).uPlot;
        new U(
          {
            title: c.title,
            width: 940,
            height: 400,
            scales: { x: { time: false } },
            axes: [{ label: 'minutes' }, { label: c.yLabel, size: 70 }],
            series: [{ label: 'min' }, ...c.series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash ? [6, 4] : undefined, points: { show: false } }))],
          },
          [c.x, ...c.series.map((s) => s.values)],
          document.getElementById('c')!,
        );
      }, c);
      writeFileSync(c.file, await page.locator('#c').screenshot({ type: 'png' }));
    }
  } finally {
    await browser.close();
  }
}
