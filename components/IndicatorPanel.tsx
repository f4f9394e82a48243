// The business-environment panel of a plan (its radar is IndicatorRadar.tsx):
// the composite computed two ways with the coverage beside it and its formula,
// and one row per indicator with its measure count, credit and a warning where
// one or two measures carry it.
import { useMemo } from 'preact/hooks';
import type { Plan } from '../engine/types.ts';
import type { PlanScore } from '../engine/score/index.ts';
import { indicatorSummary } from '../lib/indicators-glue.ts';
import { t } from '../utils/i18n.ts';

const pct = (v: number) => `${Math.round(v * 10) / 10}%`;

export function IndicatorPanel(props: { plan: Plan; score: PlanScore }) {
  const s = useMemo(() => indicatorSummary(props.plan, props.score), [props.plan, props.score]);
  const c = s.composite;
  return (
    <section class="indicator-panel" data-pm-indicators="">
      <h3>{t('ind.title')}</h3>
      <p class="muted">{t('ind.note')}</p>
      <p data-pm-composite={String(c.value)} data-pm-composite-all={String(c.overAll.value)} data-pm-coverage={String(c.coverage)}>
        <strong>{t('ind.overCovered', { value: pct(c.value), covered: c.coveredIndicators, total: c.indicatorCount })}</strong>
        {' · '}
        <strong>{t('ind.overAll', { value: pct(c.overAll.value), total: c.indicatorCount })}</strong>
        {' · '}
        {t('ind.coverage', { value: pct(c.coverage) })}
      </p>
      <details>
        <summary>{t('ind.formula')}</summary>
        <p>{t('ind.formulaText')}</p>
        <p class="muted">
          <code>{c.formula}</code>
          <br />
          <code>{c.overAll.formula}</code>
        </p>
      </details>
      <table class="indicator-table">
        <thead>
          <tr>
            <th>{t('ind.indicator')}</th>
            <th class="num">{t('ind.measures')}</th>
            <th class="num">{t('ind.credit')}</th>
            <th class="num">{t('ind.completion')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {s.indicators.map((i) => (
            <tr key={i.id} data-pm-indicator={i.id} data-pm-gap={i.gap ? 'true' : 'false'}>
              <td>{i.name}</td>
              <td class="num">{i.measureCount}</td>
              <td class="num">{i.gap ? '' : i.credit}</td>
              <td class="num">{i.gap ? '—' : pct(i.completion)}</td>
              <td>
                {i.gap ? (
                  <span class="chip" style={{ background: '#cf222e' }}>
                    {t('ind.gap')}
                  </span>
                ) : i.thin ? (
                  <span class="chip" style={{ background: '#9a6700' }} title={t('ind.thin')}>
                    ⚠ {t('ind.thin')}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('ind.dimensions')}</h4>
      <p class="muted">{t('ind.dimensionsNote')}</p>
      <table class="indicator-table">
        <thead>
          <tr>
            <th />
            <th class="num">{t('ind.measures')}</th>
            <th class="num">{t('ind.share')}</th>
            <th class="num">{t('ind.completion')}</th>
          </tr>
        </thead>
        <tbody>
          {s.dimensions.map((d) => (
            <tr key={d.id} data-pm-dimension={d.id} data-pm-share={String(d.share)}>
              <td>{d.name}</td>
              <td class="num">{d.measureCount}</td>
              <td class="num">{pct(d.share)}</td>
              <td class="num">{pct(d.completion)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
