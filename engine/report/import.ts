// Bulk entry from a 台账: each row of a sheet, keyed by measure number (序号),
// measure ID or target (目标ID / 目标事项), becomes at most one progress entry.
// The preview says what every row would do — new, changed, unchanged,
// unmatched or malformed, with the reason in the user's language — and
// applyImport writes only the rows the user accepts.
//
// Rules:
// - A row with a number in a value column (最新值 …) is a value entry for one
//   target; else a row with 完成度 / 里程碑 is a status entry for the measure.
// - The row's date is its 进展日期; a row without one is dated options.date
//   (and says so). Same target (or measure) and same date as a stored entry:
//   the same value is unchanged, another value changes that entry (same id,
//   new edit time), so the replaced value is no longer current. Otherwise the
//   row is new; one dated before the current entry is kept as history.
// - Never silently over a newer entry: when the row carries the 更新时间 the
//   sheet was exported with and the stored entry was edited after it, the
//   row is marked `newer` and is not accepted unless the user chooses it.
// - A measure whose completion comes from its target values cannot take a
//   completion from the sheet (it would be overruled by the numbers): the row
//   is malformed and says where to enter the values instead.
import columnsData from '../../seeds/sheet-columns.json';
import type { Measure, Plan, Target } from '../types.ts';
import { isCalendarDate, MILESTONES, ProgressEntry, statusEntryPercent, type Milestone } from '../progress/schema.ts';
import { compareLatestFirst, formatNumber, scorePlan } from '../score/index.ts';
import { numberProblemMessage, parsePercent, parseUserNumber } from '../progress/user-number.ts';
import type { SheetCell, SheetRows } from './sheet.ts';
import type { ReportWords } from './words.ts';
import { futureDateProblem } from '../progress/dates.ts';

export type RowKind = 'new' | 'changed' | 'unchanged' | 'unmatched' | 'malformed';
export const ROW_KINDS: readonly RowKind[] = ['new', 'changed', 'unchanged', 'unmatched', 'malformed'];

type Field = keyof typeof columnsData.columns;

export interface PreviewRow {
  sheet: string;
  /** 1-based row number in the sheet, as a spreadsheet shows it. */
  row: number;
  kind: RowKind;
  reason: string;
  /** What the row names: 序号 and target, as written. */
  key: string;
  planId?: string;
  measureId?: string;
  targetId?: string;
  /** The entry the row would write (new and changed rows). */
  entry?: ProgressEntry;
  /** The stored entry a changed row replaces. */
  replaces?: ProgressEntry;
  /** A stored entry was edited after the sheet was exported: not accepted by default. */
  newer?: boolean;
  /** Written unless the user says otherwise. */
  accepted: boolean;
}

export interface ImportPreview {
  rows: PreviewRow[];
  counts: Record<RowKind, number>;
  /** Sheets with no header row naming a key column. */
  skippedSheets: string[];
}

export interface ImportOptions {
  words: ReportWords;
  /** Date for rows that give none (YYYY-MM-DD). */
  date: string;
  /** Edit time written on new and changed entries (ISO). */
  now: string;
  newId: () => string;
  /** The header words of the exported 台账 in every UI language, recognised as well. */
  extraHeaders?: Partial<Record<Field, string[]>>;
}

function fold(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** YYYY-MM-DD from a cell: a date, 2025-6-30, 2025/6/30, 2025.6.30, 2025年6月30日, an Excel day serial. */
export function sheetDate(cell: SheetCell | undefined): string | null | undefined {
  if (cell === null || cell === undefined || cell === '') return undefined;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 20000 || cell > 80000) return null;
    return new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cell.normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/u.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

type Columns = Partial<Record<Field, number>>;

function headerIndex(words: ReportWords, extra: ImportOptions['extraHeaders']): Map<string, Field> {
  const index = new Map<string, Field>();
  const add = (name: string, field: Field) => {
    const key = fold(name);
    if (key && !index.has(key)) index.set(key, field);
  };
  // The exported 台账's own headers first, so the sheet reads back as written.
  const own: [string, Field][] = [
    ['report.col.plan', 'plan'],
    ['report.col.number', 'number'],
    ['report.col.section', 'section'],
    ['report.col.measureId', 'measureId'],
    ['report.col.targetId', 'targetId'],
    ['report.col.target', 'target'],
    ['report.col.goal', 'goal'],
    ['report.col.latestValue', 'value'],
    ['report.col.completion', 'completion'],
    ['report.col.latestDate', 'date'],
    ['report.col.evidence', 'evidence'],
    ['report.col.reporter', 'reporter'],
    ['report.col.updatedAt', 'updatedAt'],
  ];
  for (const [key, field] of own) add(words.t(key), field);
  for (const [field, names] of Object.entries(extra ?? {}) as [Field, string[]][]) for (const n of names) add(n, field);
  for (const [field, names] of Object.entries(columnsData.columns) as [Field, string[]][]) for (const n of names) add(n, field);
  return index;
}

/** The first row (of the first 10) naming a key column, and where each field is. */
function findHeader(rows: SheetCell[][], index: Map<string, Field>): { at: number; columns: Columns } | null {
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const columns: Columns = {};
    (rows[r] ?? []).forEach((cell, c) => {
      const field = index.get(fold(cellText(cell)));
      if (field && columns[field] === undefined) columns[field] = c;
    });
    if (columns.number !== undefined || columns.measureId !== undefined || columns.targetId !== undefined) return { at: r, columns };
  }
  return null;
}

interface PlanLookup {
  plan: Plan;
  byNumber: Map<string, Measure[]>;
  byId: Map<string, Measure>;
  targetById: Map<string, { measure: Measure; target: Target }>;
  sectionOf: Map<string, string>;
  /** Measures whose completion comes from entered target values. */
  computed: Map<string, number | null>;
}

function lookup(plan: Plan, entries: readonly ProgressEntry[], asOf: string): PlanLookup {
  const byNumber = new Map<string, Measure[]>();
  const byId = new Map<string, Measure>();
  const targetById = new Map<string, { measure: Measure; target: Target }>();
  for (const m of plan.measures) {
    const key = fold(m.number || String(m.index));
    byNumber.set(key, [...(byNumber.get(key) ?? []), m]);
    byId.set(m.id, m);
    for (const t of m.targets) targetById.set(t.id, { measure: m, target: t });
  }
  const sectionOf = new Map<string, string>();
  for (const s of plan.sections) {
    for (const id of s.measureIds) sectionOf.set(id, fold(s.title));
    for (const sub of s.subsections) for (const id of sub.measureIds) sectionOf.set(id, fold(s.title));
  }
  const score = scorePlan(plan, entries, { asOf });
  const computed = new Map<string, number | null>();
  for (const m of plan.measures) {
    const ms = score.measures[m.id]!;
    if (ms.basis === 'targets') computed.set(m.id, ms.completion);
  }
  return { plan, byNumber, byId, targetById, sectionOf, computed };
}

function entryText(e: ProgressEntry): string {
  if (e.kind === 'value') return `${formatNumber(e.value)}${e.unit ?? ''}`;
  return e.percent !== undefined ? `${formatNumber(e.percent)}%` : e.milestone ?? '';
}

function sameProgress(a: ProgressEntry, b: ProgressEntry): boolean {
  if (a.kind === 'value' && b.kind === 'value') return a.value === b.value && (a.unit ?? '') === (b.unit ?? '');
  if (a.kind === 'status' && b.kind === 'status') return statusEntryPercent(a) === statusEntryPercent(b);
  return false;
}

/** Stored entries of one target (value) or measure (status), by key. */
function indexEntries(entries: readonly ProgressEntry[]): Map<string, ProgressEntry[]> {
  const by = new Map<string, ProgressEntry[]>();
  for (const e of entries) {
    if (e.deleted) continue;
    const key = e.kind === 'value' ? `t\u0001${e.targetId}` : `m\u0001${e.measureId}`;
    const list = by.get(key);
    if (list) list.push(e);
    else by.set(key, [e]);
  }
  return by;
}

/** What each row of the sheets would write. */
export function previewImport(sheets: readonly SheetRows[], plans: readonly Plan[], entries: readonly ProgressEntry[], options: ImportOptions): ImportPreview {
  const { words } = options;
  const t = words.t;
  const locale = words.language === 'en' ? 'en' : 'zh-CN';
  const index = headerIndex(words, options.extraHeaders);
  const lookups = plans.map((p) => lookup(p, entries.filter((e) => e.planId === p.id), options.date));
  const planByName = new Map<string, PlanLookup>();
  for (const l of lookups) {
    planByName.set(fold(l.plan.title), l);
    planByName.set(fold(l.plan.id), l);
  }
  const stored = indexEntries(entries);
  const rows: PreviewRow[] = [];
  const skippedSheets: string[] = [];

  for (const sheet of sheets) {
    const header = findHeader(sheet.rows, index);
    if (!header) {
      skippedSheets.push(sheet.name);
      continue;
    }
    const col = header.columns;
    const get = (cells: SheetCell[], field: Field): SheetCell | undefined => (col[field] === undefined ? undefined : cells[col[field]!]);
    for (let r = header.at + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r] ?? [];
      if (cells.every((c) => cellText(c) === '')) continue;
      const number = cellText(get(cells, 'number'));
      const targetName = cellText(get(cells, 'target'));
      const key = [number, targetName].filter(Boolean).join(' ') || cellText(get(cells, 'measureId')) || cellText(get(cells, 'targetId'));
      const base = { sheet: sheet.name, row: r + 1, key };
      const reject = (kind: 'unmatched' | 'malformed', reason: string): void => {
        rows.push({ ...base, kind, reason, accepted: false });
      };

      // Which plan.
      let l: PlanLookup | undefined;
      const planName = cellText(get(cells, 'plan'));
      if (planName) {
        l = planByName.get(fold(planName));
        if (!l) {
          reject('unmatched', t('import.reason.noPlan', { plan: planName }));
          continue;
        }
      } else if (lookups.length === 1) l = lookups[0];
      else {
        reject('unmatched', t('import.reason.whichPlan'));
        continue;
      }
      const p = l!;

      // Which measure and target.
      let measure: Measure | undefined;
      let target: Target | undefined;
      const targetId = cellText(get(cells, 'targetId'));
      const measureId = cellText(get(cells, 'measureId'));
      if (targetId && p.targetById.has(targetId)) ({ measure, target } = p.targetById.get(targetId)!);
      else if (measureId && p.byId.has(measureId)) measure = p.byId.get(measureId);
      else if (number) {
        let found = p.byNumber.get(fold(number)) ?? [];
        const section = cellText(get(cells, 'section'));
        if (found.length > 1 && section) found = found.filter((m) => p.sectionOf.get(m.id) === fold(section));
        if (found.length === 0) {
          reject('unmatched', t('import.reason.noMeasure', { key: number }));
          continue;
        }
        if (found.length > 1) {
          reject('unmatched', t('import.reason.ambiguousMeasure', { key: number, n: found.length }));
          continue;
        }
        measure = found[0];
      } else {
        reject(targetId || measureId ? 'unmatched' : 'malformed', targetId || measureId ? t('import.reason.noMeasure', { key: targetId || measureId }) : t('import.reason.noKey'));
        continue;
      }
      const m = measure!;
      const label = m.number || String(m.index);

      // Date.
      const rawDate = get(cells, 'date');
      const date = sheetDate(rawDate);
      if (date === null) {
        reject('malformed', t('import.reason.badDate', { value: cellText(rawDate) }));
        continue;
      }
      const day = date ?? options.date;
      // A date after tomorrow would become the "latest" reading forever (engine/progress/dates.ts).
      if (futureDateProblem(day, new Date(options.now))) {
        reject('malformed', t('import.reason.futureDate', { date: day }));
        continue;
      }
      const dateNote = date ? '' : t('import.reason.defaultDate', { date: day });

      // What the row reports.
      const rawValue = get(cells, 'value');
      const rawCompletion = get(cells, 'completion');
      const rawMilestone = cellText(get(cells, 'milestone'));
      // Numbers as people type them (1,200 / 1.2万 / 150个), checked before anything is matched further.
      const typed = typeof rawValue === 'number' || cellText(rawValue) === '' ? null : parseUserNumber(cellText(rawValue));
      if (typed && !typed.ok) {
        reject('malformed', numberProblemMessage(typed.problem, locale));
        continue;
      }
      let value: number | undefined = typeof rawValue === 'number' ? rawValue : typed?.ok ? typed.value : undefined;
      const common = {
        planId: p.plan.id,
        measureId: m.id,
        date: day,
        updatedAt: options.now,
        ...(cellText(get(cells, 'note')) ? { note: cellText(get(cells, 'note')) } : {}),
        ...(cellText(get(cells, 'reporter')) ? { reporter: cellText(get(cells, 'reporter')) } : {}),
        ...evidenceOf(cellText(get(cells, 'evidence'))),
      };
      let candidate: Record<string, unknown>;
      let storeKey: string;
      if (value !== undefined) {
        if (!target) {
          const numeric = m.targets.filter((x) => x.value !== undefined || x.min !== undefined || x.max !== undefined);
          const named = targetName ? numeric.filter((x) => fold(x.label) === fold(targetName) || fold(x.quote) === fold(targetName)) : numeric;
          if (named.length === 0) {
            reject('unmatched', t('import.reason.noTarget', { key: label, target: targetName || cellText(get(cells, 'goal')) }));
            continue;
          }
          if (named.length > 1) {
            reject('unmatched', t('import.reason.needTarget', { key: label, n: named.length }));
            continue;
          }
          target = named[0];
        }
        if (typed?.ok && typed.unit) {
          const inUnit = parseUserNumber(cellText(rawValue), { targetUnit: target!.unit });
          if (!inUnit.ok) {
            reject('malformed', numberProblemMessage(inUnit.problem, locale));
            continue;
          }
          value = inUnit.value;
        }
        candidate = { ...common, kind: 'value', targetId: target!.id, value };
        storeKey = `t\u0001${target!.id}`;
      } else {
        const completionText = cellText(rawCompletion);
        const word = (rawMilestone || completionText) as Milestone;
        let status: { percent?: number; milestone?: Milestone } | undefined;
        if (word in MILESTONES) status = { milestone: word };
        else if (completionText) {
          const n = typeof rawCompletion === 'number' ? rawCompletion : parsePercent(completionText);
          const percentValue = typeof n === 'number' ? n : n.ok ? n.value : null;
          if (percentValue === null || percentValue < 0 || percentValue > 100) {
            reject('malformed', t('import.reason.badPercent', { value: completionText }));
            continue;
          }
          status = { percent: percentValue };
        } else if (rawMilestone) {
          reject('malformed', t('import.reason.badPercent', { value: rawMilestone }));
          continue;
        }
        if (!status) {
          rows.push({ ...base, kind: 'unchanged', reason: t('import.reason.empty'), planId: p.plan.id, measureId: m.id, accepted: false });
          continue;
        }
        if (p.computed.has(m.id)) {
          const current = p.computed.get(m.id) ?? null;
          const same = status.percent !== undefined && current !== null && Math.abs(status.percent - current) < 0.05;
          if (same) rows.push({ ...base, kind: 'unchanged', reason: t('import.reason.same', { date: day }), planId: p.plan.id, measureId: m.id, accepted: false });
          else reject('malformed', t('import.reason.computed', { key: label, current: current === null ? '—' : `${formatNumber(current)}%` }));
          continue;
        }
        candidate = { ...common, kind: 'status', ...status };
        storeKey = `m\u0001${m.id}`;
      }

      const list = stored.get(storeKey) ?? [];
      const sameDay = list.filter((e) => e.date === day).sort(compareLatestFirst)[0];
      const current = [...list].sort(compareLatestFirst)[0];
      const exportedAt = cellText(get(cells, 'updatedAt'));
      const newer = !!current && exportedAt !== '' && Date.parse(current.updatedAt) > Date.parse(exportedAt);
      const ids = { planId: p.plan.id, measureId: m.id, ...(target ? { targetId: target.id } : {}) };
      const probe = ProgressEntry.safeParse({ id: sameDay?.id ?? 'probe', ...candidate });
      if (!probe.success) {
        reject('malformed', probe.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        continue;
      }
      const shown = entryText(probe.data);
      if (sameDay && sameProgress(sameDay, probe.data)) {
        rows.push({ ...base, ...ids, kind: 'unchanged', reason: t('import.reason.same', { date: day }), accepted: false });
        continue;
      }
      const newerNote = newer ? `；${t('import.newer', { date: current!.updatedAt })}` : '';
      if (sameDay) {
        const entry = { ...probe.data, id: sameDay.id } as ProgressEntry;
        rows.push({ ...base, ...ids, kind: 'changed', reason: t('import.reason.replaces', { date: day, old: entryText(sameDay), value: shown }) + dateNote + newerNote, entry, replaces: sameDay, newer, accepted: !newer });
        continue;
      }
      const entry = { ...probe.data, id: options.newId() } as ProgressEntry;
      const older = current && compareLatestFirst(entry, current) > 0;
      const reason = older ? t('import.reason.older', { value: shown, date: day, current: `${entryText(current)}，${current.date}` }) : t('import.reason.new', { value: shown, date: day });
      rows.push({ ...base, ...ids, kind: 'new', reason: reason + dateNote + newerNote, entry, newer, accepted: !newer });
    }
  }
  const counts = { new: 0, changed: 0, unchanged: 0, unmatched: 0, malformed: 0 } as Record<RowKind, number>;
  for (const r of rows) counts[r.kind]++;
  return { rows, counts, skippedSheets };
}

/** The 佐证 cell: an http(s) address becomes the source's URL, other text its title (文号, a file name). */
function evidenceOf(text: string): { source?: { url?: string; title?: string } } {
  if (!text) return {};
  return /^https?:\/\/\S+$/iu.test(text) ? { source: { url: text } } : { source: { title: text.slice(0, 1000) } };
}

/**
 * The entries to write: the accepted rows' (or, when `choose` is given, the
 * rows it returns true for, among new and changed ones). Two rows writing the
 * same target and day: the later row in the sheet wins, as typing it twice would.
 */
export function applyImport(preview: ImportPreview, choose?: (row: PreviewRow) => boolean): ProgressEntry[] {
  const out = new Map<string, ProgressEntry>();
  for (const row of preview.rows) {
    if (!row.entry || (row.kind !== 'new' && row.kind !== 'changed')) continue;
    if (!(choose ? choose(row) : row.accepted)) continue;
    const e = row.entry;
    out.set(`${e.kind === 'value' ? e.targetId : e.measureId}\u0001${e.date}`, e);
  }
  return [...out.values()];
}
