// The radar over all 18 national business-environment indicators of a plan
// (gaps drawn at 0 and marked).
import { useMemo } from 'preact/hooks';
import type { Plan } from '../engine/types.ts';
import type { PlanScore } from '../engine/score/index.ts';
import { indicatorSummary } from '../lib/indicators-glue.ts';
import { ChartBox } from './Charts.tsx';
import { t } from '../utils/i18n.ts';

export function IndicatorRadar(props: { plan: Plan; score: PlanScore }) {
  const s = useMemo(() => indicatorSummary(props.plan, props.score), [props.plan, props.score]);
  const labels = s.indicators.map((i) => (i.gap ? `${i.name}（${t('ind.gap')}）` : `${i.name}（${i.measureCount}）`));
  return (
    <ChartBox
      name="radar"
      title="dash.radar"
      config={{
        type: 'radar',
        data: {
          labels,
          datasets: [
            {
              data: s.radar.values,
              backgroundColor: 'rgba(11,92,173,.2)',
              borderColor: '#0b5cad',
              fill: true,
              pointRadius: s.radar.gaps.map((g) => (g ? 5 : 3)),
              pointStyle: s.radar.gaps.map((g) => (g ? 'crossRot' : 'circle')),
              pointBorderColor: s.radar.gaps.map((g) => (g ? '#cf222e' : '#0b5cad')),
              pointBackgroundColor: s.radar.gaps.map((g) => (g ? '#cf222e' : '#0b5cad')),
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { r: { min: 0, max: 100, pointLabels: { color: (ctx) => (s.radar.gaps[ctx.index] ? '#cf222e' : '#57606a'), font: { size: 10 } } } },
        },
      }}
    />
  );
}
