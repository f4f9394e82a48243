// A plan's charts in the dashboard: section bars, owner ranking, indicator
// radar and the score over time.
import { useMemo } from 'preact/hooks';
import type { EntryRecord, HistoryRecord } from '../lib/db.ts';
import type { Settings } from '../lib/store.ts';
import type { Plan } from '../engine/types.ts';
import type { PlanScore } from '../engine/score/index.ts';
import { IndicatorRadar } from './IndicatorRadar.tsx';
import { ChartBox, ChartSlot, barOptions } from './Charts.tsx';
import { scoreSeries } from '../utils/score-series.ts';

/** `radar` false: the radar's place is kept empty (its indicator tags are drawn one frame later). */
export function PlanCharts(props: { plan: Plan; score: PlanScore; entries: EntryRecord[]; history: HistoryRecord[]; settings: Settings; radar: boolean }) {
  const { plan, score } = props;
  const sections = score.sections;
  const ownerScores = [...score.units].sort((a, b) => b.score - a.score).slice(0, 15);
  const series = useMemo(() => scoreSeries(plan, props.entries, props.history, props.settings), [plan, props.entries, props.history, props.settings]);
  return (
    <div class="charts">
      <ChartBox
        name="sections"
        title="dash.sectionBars"
        empty={sections.length === 0}
        config={{
          type: 'bar',
          data: { labels: sections.map((s) => truncate(s.title, 14)), datasets: [{ data: sections.map((s) => s.score), backgroundColor: '#0b5cad' }] },
          options: barOptions(false),
        }}
      />
      <ChartBox
        name="units"
        title="dash.ownerRanking"
        empty={ownerScores.length === 0}
        config={{
          type: 'bar',
          data: { labels: ownerScores.map((u) => truncate(u.unit, 12)), datasets: [{ data: ownerScores.map((u) => u.score), backgroundColor: '#2f81f7' }] },
          options: barOptions(true),
        }}
      />
      {props.radar ? <IndicatorRadar plan={plan} score={score} /> : <ChartSlot title="dash.radar" />}
      <ChartBox
        name="over-time"
        title="dash.overTime"
        config={{
          type: 'line',
          data: { labels: series.labels, datasets: [{ data: series.values, borderColor: '#1a7f37', backgroundColor: 'rgba(26,127,55,.15)', fill: true, tension: 0.2 }] },
          options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100 } } },
        }}
      />
    </div>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
