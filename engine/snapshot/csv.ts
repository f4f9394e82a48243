// CSV that opens in Excel with Chinese intact: UTF-8 with a byte-order mark,
// CRLF line ends, RFC 4180 quoting. Text cells that a spreadsheet would take
// for a formula (starting with = + - @, a tab or a carriage return) get a
// leading apostrophe, so a note typed as "=HYPERLINK(…)" stays text (OWASP
// CSV injection). Numbers are written as numbers.
import type { Plan } from '../types.ts';
import type { PlanScore } from '../score/index.ts';
import { targetGoal } from '../score/completion.ts';
import { formatNumber } from '../score/format.ts';
import type { Snapshot } from './schema.ts';

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/u;

export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  let text = cell;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

interface Located {
  plan?: Plan;
  measure?: Plan['measures'][number];
  target?: Plan['measures'][number]['targets'][number];
}

function locator(plans: readonly Plan[]): (planId: string, measureId: string, targetId?: string) => Located {
  const byPlan = new Map(plans.map((p) => [p.id, p]));
  return (planId, measureId, targetId) => {
    const plan = byPlan.get(planId);
    const measure = plan?.measures.find((m) => m.id === measureId);
    const target = targetId ? measure?.targets.find((t) => t.id === targetId) : undefined;
    return { plan, measure, target };
  };
}

const ENTRY_HEADER = ['方案', '措施编号', '措施', '目标', '目标值', '目标单位', '日期', '类型', '填报值', '填报单位', '里程碑', '百分比', '目标完成度%', '措施完成度%', '措施状态', '备注', '佐证', '填报人', '更新时间', '条目ID', '方案ID', '措施ID', '目标ID', '来源链接', '来源标题', '来源引文', '文号', '填报人(来源)'];

/**
 * One row per progress entry (deleted ones left out), with the plan, measure
 * and target it belongs to and the completion the snapshot computed. Plans not
 * given still export, with their ids in place of titles.
 */
export function snapshotToCsv(snapshot: Snapshot, plans: readonly Plan[]): string {
  const locate = locator(plans);
  const planTitles = new Map(snapshot.plans.map((p) => [p.id, p.title]));
  const measureScores = new Map<string, { completion: number | null; status: string; targets: Map<string, number | null> }>();
  for (const s of snapshot.scores) {
    for (const m of s.measures) measureScores.set(`${s.planId}\u0001${m.id}`, { completion: m.completion, status: m.status, targets: new Map(m.targets.map((t) => [t.id, t.completion])) });
  }
  const rows: Cell[][] = [ENTRY_HEADER];
  const entries = snapshot.entries
    .filter((e) => !e.deleted)
    .map((e) => ({ e, at: locate(e.planId, e.measureId, e.kind === 'value' ? e.targetId : undefined) }))
    .sort((x, y) => (x.e.planId < y.e.planId ? -1 : x.e.planId > y.e.planId ? 1 : 0) || (x.at.measure?.index ?? 0) - (y.at.measure?.index ?? 0) || (x.e.date < y.e.date ? -1 : x.e.date > y.e.date ? 1 : 0));
  for (const { e, at } of entries) {
    const ms = measureScores.get(`${e.planId}\u0001${e.measureId}`);
    const goal = at.target ? targetGoal(at.target) : null;
    rows.push([
      at.plan?.title ?? planTitles.get(e.planId) ?? e.planId,
      at.measure?.number ?? '',
      at.measure?.title ?? '',
      at.target?.label ?? '',
      goal ?? null,
      at.target?.unit ?? '',
      e.date,
      e.kind === 'value' ? '数值' : '进度',
      e.kind === 'value' ? e.value : null,
      e.kind === 'value' ? e.unit ?? '' : '',
      e.kind === 'status' ? e.milestone ?? '' : '',
      e.kind === 'status' ? e.percent ?? null : null,
      e.kind === 'value' ? ms?.targets.get(e.targetId) ?? null : null,
      ms?.completion ?? null,
      ms?.status ?? '',
      e.note ?? '',
      e.evidence ?? '',
      e.author ?? '',
      e.updatedAt,
      e.id,
      e.planId,
      e.measureId,
      e.kind === 'value' ? e.targetId : '',
      e.source?.url ?? '',
      e.source?.title ?? '',
      e.source?.quote ?? '',
      e.source?.docNumber ?? '',
      e.reporter ?? '',
    ]);
  }
  return toCsv(rows);
}

const SCORE_HEADER = ['方案', '方案得分', '措施编号', '措施', '目标', '目标值', '单位', '最新值', '完成度%', '原始比率%', '状态', '趋势', '说明', '责任单位', '方案ID', '措施ID', '目标ID'];

/** The scorecard as CSV: one row per measure, then one per target under it. */
export function scoresToCsv(plans: readonly Plan[], scores: readonly PlanScore[]): string {
  const rows: Cell[][] = [SCORE_HEADER];
  plans.forEach((plan, i) => {
    const score = scores[i];
    if (!score) return;
    for (const m of plan.measures) {
      const ms = score.measures[m.id]!;
      rows.push([plan.title, score.score, m.number, m.title, '', null, '', null, ms.completion, null, ms.status, '', ms.explanation, m.units.join('、'), plan.id, m.id, '']);
      m.targets.forEach((t, k) => {
        const ts = ms.targets[k]!;
        const goal = targetGoal(t);
        rows.push([plan.title, score.score, m.number, m.title, t.label, goal, t.unit, ts.latest ?? null, ts.completion, ts.raw, ts.status, ts.trend ? `${ts.trend.label} (R=${formatNumber(ts.trend.ratio)})` : '', ts.explanation, m.units.join('、'), plan.id, m.id, t.id]);
      });
    }
  });
  return toCsv(rows);
}
