// Chart.js charts (components/chart-lib.ts: the pieces used, loaded on first use).
import { useEffect, useRef } from 'preact/hooks';
import type { Chart, ChartConfiguration } from 'chart.js';
import { CHART_FONT } from './chart-font.ts';
import { t, type MessageKey } from '../utils/i18n.ts';
import { download } from '../utils/ext.ts';
import { today } from '../utils/status.ts';
import { reportFileName } from '../engine/report/model.ts';

const loadChartJs = () => import('./chart-lib.ts');

/**
 * The chart as a PNG with its title, the plan and the date above it, so a
 * saved picture says what it shows (text drawn on a canvas, never parsed as markup).
 */
function withCaption(chart: HTMLCanvasElement, title: string, caption: string): string {
  const scale = chart.width / Math.max(1, chart.clientWidth || chart.width);
  const line = Math.round(20 * scale);
  const out = document.createElement('canvas');
  out.width = chart.width;
  out.height = chart.height + line * 2 + Math.round(6 * scale);
  const ctx = out.getContext('2d');
  if (!ctx) return chart.toDataURL('image/png');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#1f2328';
  ctx.font = `bold ${Math.round(14 * scale)}px ${CHART_FONT}`;
  ctx.fillText(title, Math.round(8 * scale), Math.round(16 * scale), out.width - 16 * scale);
  ctx.fillStyle = '#57606a';
  ctx.font = `${Math.round(12 * scale)}px ${CHART_FONT}`;
  ctx.fillText(caption, Math.round(8 * scale), Math.round(16 * scale) + line, out.width - 16 * scale);
  ctx.drawImage(chart, 0, line * 2 + Math.round(6 * scale));
  return out.toDataURL('image/png');
}

export function ChartBox(props: { title: MessageKey; name: string; config: ChartConfiguration; empty?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    let drawn: Chart | null = null;
    let gone = false;
    void loadChartJs().then(({ Chart }) => {
      if (gone || !canvas.current) return;
      chart.current?.destroy();
      drawn = new Chart(canvas.current, props.config);
      chart.current = drawn;
    });
    return () => {
      gone = true;
      drawn?.destroy();
      if (chart.current === drawn) chart.current = null;
    };
  }, [JSON.stringify(props.config.data), props.config.type]);
  return (
    <section class="chart" data-pm-chart={props.name}>
      <header>
        <span>{t(props.title)}</span>
        <button
          class="btn secondary"
          onClick={() => {
            if (!canvas.current || !chart.current) return;
            const plan = document.querySelector('[data-pm-plan-title]')?.textContent ?? '';
            const url = withCaption(canvas.current, t(props.title), [plan, t('dash.asOf', { date: today() })].filter(Boolean).join(' · '));
            const bytes = Uint8Array.from(atob(url.split(',')[1] ?? ''), (c) => c.charCodeAt(0));
            download(reportFileName(plan ? [plan] : [], t(props.title), today(), 'png'), new Blob([bytes], { type: 'image/png' }));
          }}
        >
          {t('dash.savePng')}
        </button>
      </header>
      <div class="canvas">{props.empty ? <div class="muted">{t('popup.none')}</div> : <canvas ref={canvas} />}</div>
    </section>
  );
}

/** A chart's place, same size, before its chart is drawn. */
export function ChartSlot(props: { title: MessageKey }) {
  return (
    <section class="chart">
      <header>
        <span>{t(props.title)}</span>
      </header>
      <div class="canvas" />
    </section>
  );
}

export const barOptions = (horizontal = false) => ({
  indexAxis: horizontal ? ('y' as const) : ('x' as const),
  responsive: true,
  maintainAspectRatio: false,
  plugins: { legend: { display: false } },
  scales: {
    [horizontal ? 'x' : 'y']: { min: 0, max: 100 },
    // Every unit / section name is shown (no auto-skipping of category labels).
    [horizontal ? 'y' : 'x']: { ticks: { autoSkip: false, font: { size: 10 } } },
  },
});
