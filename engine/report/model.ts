// The 台账 (ledger) model: a plan, its progress entries and an as-of date →
// one row per measure (every measure, reported on or not), one row per
// target, and summaries by responsible unit and by section. The .xlsx, .docx
// and CSV writers and the dashboard's print all read this one model.
//
// Rules where the issue is silent:
// - A report as of D uses only entries dated on or before D (a later entry
//   did not exist on D); deleted entries are left out, and only the latest
//   entry of a target (by date, then edit time) is shown as current, so a
//   replaced entry never shows.
// - 牵头单位 is the measure's first unit (the engine's convention: owners are
//   listed lead first, and unit scores count the first as lead); 配合单位 are
//   the others. A measure naming no unit is counted under one "no unit" row,
//   so the lead counts of the by-unit summary add up to the measure count.
// - 滞后 counts the measures the scoring engine lists as lagging (behind the
//   expected share, or overdue).
// - 完成时限 is the measure's deadline as written, else its targets'
//   deadlines, else the end of the plan period.
import type { Measure, Plan, Target } from '../types.ts';
import { compareLatestFirst, formatNumber, scorePlan, targetGoal, type PlanScore, type ScoreConfigInput, type Status } from '../score/index.ts';
import type { ProgressEntry } from '../progress/schema.ts';
import type { ReportWords } from './words.ts';

export interface MeasureRow {
  planId: string;
  planTitle: string;
  measureId: string;
  /** 1-based position in the plan. */
  index: number;
  /** The number as written, or the position when the plan numbers nothing. */
  number: string;
  section: string;
  subsection: string;
  title: string;
  text: string;
  lead: string;
  support: string[];
  deadline: string;
  deadlineDate: string;
  /** The targets' quotes, as written in the plan. */
  goal: string;
  /** 最新进展: the latest value or status of each target / the measure, with its date. */
  latest: string;
  latestDate: string;
  completion: number | null;
  status: Status;
  statusWord: string;
  lagging: boolean;
  evidence: string;
  reporter: string;
  updatedAt: string;
  entryCount: number;
}

export interface TargetRow {
  planId: string;
  planTitle: string;
  measureId: string;
  targetId: string;
  number: string;
  measureTitle: string;
  label: string;
  quote: string;
  goal: number | null;
  unit: string;
  deadline: string;
  latest: number | null;
  latestDate: string;
  completion: number | null;
  raw: number | null;
  status: Status;
  statusWord: string;
  evidence: string;
  reporter: string;
  updatedAt: string;
}

export interface OwnerSummary {
  unit: string;
  /** Measures the unit leads (is named first on). */
  leadCount: number;
  /** Measures the unit supports (is named on, not first). */
  supportCount: number;
  measureCount: number;
  laggingCount: number;
  doneCount: number;
  /** Mean completion over the measures the unit is named on (no entries count 0). */
  averageCompletion: number;
}

export interface SectionSummary {
  planId: string;
  section: string;
  measureCount: number;
  doneCount: number;
  laggingCount: number;
  averageCompletion: number;
}

export interface PlanHeadline {
  id: string;
  title: string;
  issuer: string;
  date: string;
  docNumber: string;
  measureCount: number;
  score: number;
  expected: number;
  coverage: number;
  coveredCount: number;
  statusCounts: Record<Status, number>;
  laggingCount: number;
}

export interface Report {
  asOf: string;
  plans: PlanHeadline[];
  measures: MeasureRow[];
  targets: TargetRow[];
  units: OwnerSummary[];
  sections: SectionSummary[];
  /** Lagging measures, most behind first (overdue lead), as the scoring engine orders them. */
  lagging: MeasureRow[];
}

export interface ReportOptions {
  asOf: string;
  words: ReportWords;
  config?: ScoreConfigInput;
}

/** A status entry's milestone or percent, or a value entry's value with its unit, as text. */
export function entryValueText(entry: ProgressEntry, target?: Target): string {
  if (entry.kind === 'value') return `${formatNumber(entry.value)}${entry.unit ?? target?.unit ?? ''}`;
  if (entry.percent !== undefined) return `${formatNumber(entry.percent)}%`;
  return entry.milestone ?? '';
}

function sectionTitles(plan: Plan): Map<string, { section: string; subsection: string }> {
  const of = new Map<string, { section: string; subsection: string }>();
  for (const s of plan.sections) {
    for (const id of s.measureIds) of.set(id, { section: s.title, subsection: '' });
    for (const sub of s.subsections) for (const id of sub.measureIds) of.set(id, { section: s.title, subsection: sub.title });
  }
  return of;
}

function deadlineOf(plan: Plan, m: Measure): { text: string; date: string } {
  if (m.deadline || m.deadlineDate) return { text: m.deadline ?? m.deadlineDate ?? '', date: m.deadlineDate ?? '' };
  const dated = m.targets.filter((t) => t.deadline || t.deadlineDate);
  if (dated.length) {
    const texts = [...new Set(dated.map((t) => t.deadline ?? t.deadlineDate ?? ''))];
    const dates = dated.map((t) => t.deadlineDate ?? '').filter(Boolean).sort();
    return { text: texts.join('、'), date: dates.at(-1) ?? '' };
  }
  if (plan.period) return { text: `${plan.period.end}年底`, date: `${plan.period.end}-12-31` };
  const year = /^\d{4}/u.exec(plan.date)?.[0];
  return year ? { text: `${year}年底`, date: `${year}-12-31` } : { text: '', date: '' };
}

/** The current (latest) entry of each target and each measure's latest entry of any kind. */
function currentEntries(entries: readonly ProgressEntry[]): { byTarget: Map<string, ProgressEntry>; byMeasure: Map<string, ProgressEntry>; statusByMeasure: Map<string, ProgressEntry> } {
  const byTarget = new Map<string, ProgressEntry>();
  const byMeasure = new Map<string, ProgressEntry>();
  const statusByMeasure = new Map<string, ProgressEntry>();
  const later = (map: Map<string, ProgressEntry>, key: string, e: ProgressEntry) => {
    const had = map.get(key);
    if (!had || compareLatestFirst(e, had) < 0) map.set(key, e);
  };
  for (const e of entries) {
    later(byMeasure, e.measureId, e);
    if (e.kind === 'value') later(byTarget, e.targetId, e);
    else later(statusByMeasure, e.measureId, e);
  }
  return { byTarget, byMeasure, statusByMeasure };
}

/** The entry's evidence (its source: 文号, title, address; else the older evidence link) and reporter (else its author). */
function provenance(e: ProgressEntry | undefined): { evidence: string; reporter: string; updatedAt: string } {
  if (!e) return { evidence: '', reporter: '', updatedAt: '' };
  const s = e.source;
  const evidence = s ? [s.docNumber, s.title, s.url].filter((v) => v && v.trim()).join(' ') || (s.quote ?? '') : '';
  return { evidence: evidence || e.evidence || '', reporter: e.reporter ?? e.author ?? '', updatedAt: e.updatedAt };
}

/** Rows and summaries of one or more plans as of a date. */
export function buildReport(plans: readonly Plan[], allEntries: readonly ProgressEntry[], options: ReportOptions): Report {
  const { asOf, words } = options;
  const entries = allEntries.filter((e) => !e.deleted && e.date <= asOf);
  const measures: MeasureRow[] = [];
  const targets: TargetRow[] = [];
  const sections: SectionSummary[] = [];
  const headlines: PlanHeadline[] = [];
  const lagging: MeasureRow[] = [];
  for (const plan of plans) {
    const own = entries.filter((e) => e.planId === plan.id);
    const score: PlanScore = scorePlan(plan, own, { asOf, ...(options.config ? { config: options.config } : {}) });
    const laggingIds = new Set(score.lagging);
    const where = sectionTitles(plan);
    const current = currentEntries(own);
    const rows = new Map<string, MeasureRow>();
    for (const m of plan.measures) {
      const ms = score.measures[m.id]!;
      const latestParts: string[] = [];
      if (ms.basis !== 'status') {
        m.targets.forEach((t, k) => {
          const e = current.byTarget.get(t.id);
          const ts = ms.targets[k]!;
          if (e && ts.latest !== undefined) latestParts.push(`${m.targets.length > 1 && t.label ? `${t.label} ` : ''}${formatNumber(ts.latest)}${t.unit}（${e.date}）`);
        });
      }
      const statusEntry = current.statusByMeasure.get(m.id);
      if (latestParts.length === 0 && statusEntry) latestParts.push(`${entryValueText(statusEntry)}（${statusEntry.date}）`);
      const last = current.byMeasure.get(m.id);
      if (last?.note) latestParts.push(last.note);
      const deadline = deadlineOf(plan, m);
      const at = where.get(m.id);
      const row: MeasureRow = {
        planId: plan.id,
        planTitle: plan.title,
        measureId: m.id,
        index: m.index,
        number: m.number || String(m.index),
        section: at?.section ?? '',
        subsection: at?.subsection ?? '',
        title: m.title,
        text: m.text,
        lead: m.units[0] ?? '',
        support: m.units.slice(1),
        deadline: deadline.text,
        deadlineDate: deadline.date,
        goal: m.targets.map((t) => t.quote).filter(Boolean).join('；'),
        latest: latestParts.join('；'),
        latestDate: last?.date ?? '',
        completion: ms.completion,
        status: ms.status,
        statusWord: words.status(ms.status),
        lagging: laggingIds.has(m.id),
        ...provenance(last),
        entryCount: ms.entryCount,
      };
      rows.set(m.id, row);
      measures.push(row);
      m.targets.forEach((t, k) => {
        const ts = ms.targets[k]!;
        const e = current.byTarget.get(t.id);
        targets.push({
          planId: plan.id,
          planTitle: plan.title,
          measureId: m.id,
          targetId: t.id,
          number: row.number,
          measureTitle: m.title,
          label: t.label,
          quote: t.quote,
          goal: targetGoal(t) ?? null,
          unit: t.unit,
          deadline: t.deadline ?? t.deadlineDate ?? deadline.text,
          latest: ts.latest ?? null,
          latestDate: ts.latestDate ?? '',
          completion: ts.completion,
          raw: ts.raw,
          status: ts.status,
          statusWord: words.status(ts.status),
          ...provenance(e),
        });
      });
    }
    for (const id of score.lagging) lagging.push(rows.get(id)!);
    const planRows = plan.measures.map((m) => rows.get(m.id)!);
    const bySection = new Map<string, MeasureRow[]>();
    for (const r of planRows) {
      const key = r.section || words.sectionNone;
      bySection.set(key, [...(bySection.get(key) ?? []), r]);
    }
    for (const [section, list] of bySection) sections.push({ planId: plan.id, section, ...tally(list) });
    headlines.push({
      id: plan.id,
      title: plan.title,
      issuer: plan.issuer,
      date: plan.date,
      docNumber: plan.docNumber ?? '',
      measureCount: plan.measures.length,
      score: score.score,
      expected: score.expected,
      coverage: score.coverage,
      coveredCount: planRows.filter((r) => r.entryCount > 0).length,
      statusCounts: score.statusCounts,
      laggingCount: score.lagging.length,
    });
  }
  return { asOf, plans: headlines, measures, targets, units: ownerSummaries(measures, words), sections, lagging };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function tally(rows: readonly MeasureRow[]): { measureCount: number; doneCount: number; laggingCount: number; averageCompletion: number } {
  const sum = rows.reduce((s, r) => s + Math.min(100, r.completion ?? 0), 0);
  return {
    measureCount: rows.length,
    doneCount: rows.filter((r) => r.status === 'done').length,
    laggingCount: rows.filter((r) => r.lagging).length,
    averageCompletion: rows.length ? round1(sum / rows.length) : 0,
  };
}

/** By responsible unit: each measure counts once for its lead and once for each supporting unit. */
export function ownerSummaries(rows: readonly MeasureRow[], words: ReportWords): OwnerSummary[] {
  const byOwner = new Map<string, { lead: number; support: number; rows: MeasureRow[] }>();
  const add = (unit: string, row: MeasureRow, lead: boolean) => {
    let u = byOwner.get(unit);
    if (!u) byOwner.set(unit, (u = { lead: 0, support: 0, rows: [] }));
    if (u.rows.includes(row)) return; // a unit named twice on one measure counts once
    u.rows.push(row);
    if (lead) u.lead++;
    else u.support++;
  };
  for (const r of rows) {
    add(r.lead || words.ownerNone, r, true);
    for (const s of r.support) add(s, r, false);
  }
  return [...byOwner]
    .map(([unit, u]) => {
      const t = tally(u.rows);
      return { unit, leadCount: u.lead, supportCount: u.support, measureCount: t.measureCount, laggingCount: t.laggingCount, doneCount: t.doneCount, averageCompletion: t.averageCompletion };
    })
    .sort((a, b) => b.leadCount - a.leadCount || b.measureCount - a.measureCount || a.unit.localeCompare(b.unit, 'zh-CN'));
}

/** "光明区2025年优化营商环境改革工作方案-台账-2025-06-30.xlsx": plan and date in the name, no characters a file system refuses. */
export function reportFileName(planTitles: readonly string[], kind: string, asOf: string, extension: string): string {
  const plan = planTitles.length === 1 ? planTitles[0]! : planTitles.length === 0 ? 'PlanMeter' : `${planTitles[0]}等${planTitles.length}个方案`;
  const safe = plan.replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, '_').replace(/\s+/gu, '').slice(0, 80) || 'PlanMeter';
  return `${safe}-${kind}-${asOf}.${extension}`;
}
