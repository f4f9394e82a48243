// Chart.js charts, registering only the pieces used (tree-shaken build).
import { useEffect, useRef } from 'preact/hooks';
import {
  Chart,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  RadarController,
  RadialLinearScale,
  LineController,
  LineElement,
  PointElement,
  Filler,
  Tooltip,
  Legend,
  type ChartConfiguration,
} from 'chart.js';
import { t, type MessageKey } from './i18n.ts';
import { download } from './ext.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, RadarController, RadialLinearScale, LineController, LineElement, PointElement, Filler, Tooltip, Legend);
Chart.defaults.font.family = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif';
Chart.defaults.animation = false;

export function ChartBox(props: { title: MessageKey; name: string; config: ChartConfiguration; empty?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, props.config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [JSON.stringify(props.config.data), props.config.type]);
  return (
    <section class="chart" data-pm-chart={props.name}>
      <header>
        <span>{t(props.title)}</span>
        <button
          class="btn secondary"
          onClick={() => {
            const url = chart.current?.toBase64Image('image/png', 1);
            if (!url) return;
            const bytes = Uint8Array.from(atob(url.split(',')[1] ?? ''), (c) => c.charCodeAt(0));
            download(`planmeter-${props.name}.png`, new Blob([bytes], { type: 'image/png' }));
          }}
        >
          {t('dash.savePng')}
        </button>
      </header>
      <div class="canvas">{props.empty ? <div class="muted">{t('popup.none')}</div> : <canvas ref={canvas} />}</div>
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
