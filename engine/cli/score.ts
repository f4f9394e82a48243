// `planmeter score FILE… [--progress SNAPSHOT.json] [--as-of YYYY-MM-DD] [--json|--csv]`
// The scorecard: plan score, sections, units, business-environment
// indicators and lagging measures. With no FILE it scores the bundled seeds.
//
// This module also holds what record/related/merge/diff share: loading plans
// and snapshots, and writing files atomically.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePage, loadSimplifier } from '../parse/index.ts';
import type { Plan } from '../types.ts';
import { isCalendarDate } from '../progress/schema.ts';
import { scorePlans, formatPercent, formatExplanation, type PlanScore, type Status } from '../score/index.ts';
import { businessEnvironmentReport, type BusinessEnvironmentReport } from '../indicators/index.ts';
import { MAX_SNAPSHOT_CHARS, parseSnapshot, scoresToCsv, type Snapshot } from '../snapshot/index.ts';
import { pageParseOptions, pageText, readTextFile } from './parse.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { applyStored, correctionSummary } from './corrections.ts';
import type { CorrectionRecord } from '../corrections/index.ts';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The bundled seed pages (seeds/*.txt), in name order. */
export async function seedPaths(): Promise<string[]> {
  return (await readdir(SEEDS_DIR)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS_DIR, f));
}

/**
 * What is wrong with a plans JSON file, naming the field ("plans[0].measures[3].targets:
 * expected a list"), or null. Checks what the commands read, so a hand-edited or
 * truncated file is refused in words instead of failing deep inside a command.
 */
export function planJsonProblem(data: unknown): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(data)) return 'not an object';
  if (!Array.isArray(data.plans)) return '"plans": expected a list of plans';
  for (const [i, plan] of data.plans.entries()) {
    const at = `plans[${i}]`;
    if (!isObject(plan)) return `${at}: expected a plan object`;
    for (const key of ['id', 'fingerprint', 'title'] as const) if (typeof plan[key] !== 'string') return `${at}.${key}: expected text`;
    for (const key of ['measures', 'sections'] as const) if (!Array.isArray(plan[key])) return `${at}.${key}: expected a list`;
    for (const [j, m] of (plan.measures as unknown[]).entries()) {
      const mat = `${at}.measures[${j}]`;
      if (!isObject(m)) return `${mat}: expected a measure object`;
      for (const key of ['id', 'text', 'title'] as const) if (typeof m[key] !== 'string') return `${mat}.${key}: expected text`;
      for (const key of ['units', 'targets'] as const) if (!Array.isArray(m[key])) return `${mat}.${key}: expected a list`;
      for (const [k, t] of (m.targets as unknown[]).entries()) if (!isObject(t) || typeof t.id !== 'string') return `${mat}.targets[${k}].id: expected text`;
    }
    for (const [j, sec] of (plan.sections as unknown[]).entries()) {
      if (!isObject(sec) || !Array.isArray(sec.measureIds) || !Array.isArray(sec.subsections)) return `${at}.sections[${j}]: expected a section with measureIds and subsections lists`;
    }
  }
  return null;
}

/**
 * Plans of one file: a page (.txt/.html) or the JSON of `planmeter parse --json`.
 * Stored corrections (a snapshot's) that belong to the page are applied after the parse.
 */
export async function loadPlansFromFile(path: string, corrections: readonly CorrectionRecord[] = []): Promise<Plan[]> {
  const content = await readTextFile(path);
  if (path.toLowerCase().endsWith('.json')) {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      throw CliError.of('planJson.badJson', { path, detail: error instanceof Error ? error.message : String(error) });
    }
    const problem = planJsonProblem(data);
    if (problem) throw CliError.of('planJson.bad', { path, problem });
    return (data as { plans: Plan[] }).plans;
  }
  const { text, title } = pageText(path, content);
  const parsed = await parsePage(text, pageParseOptions(path, title));
  const corrected = await applyStored(text, parsed, corrections, path, pageParseOptions(path, title).title);
  if (corrected) for (const line of correctionSummary(corrected).slice(1)) process.stderr.write(`planmeter: ${path}: ${line.trim()}\n`);
  const result = corrected?.result ?? parsed;
  if (result.plans.length === 0) throw new CliError(`${path}: not a plan — no numbered measures found`);
  return result.plans;
}

/** Plans of all files, or of the bundled seeds when none is given (seeds that hold no plan are skipped). */
export async function loadPlans(paths: string[], corrections: readonly CorrectionRecord[] = []): Promise<Plan[]> {
  if (paths.length > 0) return (await Promise.all(paths.map((p) => loadPlansFromFile(p, corrections)))).flat();
  const plans: Plan[] = [];
  for (const path of await seedPaths()) {
    try {
      plans.push(...(await loadPlansFromFile(path, corrections)));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
    }
  }
  return plans;
}

/** Reads and validates a snapshot file; every problem is named with its path. */
export async function loadSnapshot(path: string): Promise<Snapshot> {
  const result = parseSnapshot(await readSnapshotText(path));
  if (!result.ok) throw CliError.of('snapshot.unusable', { path, problems: { problems: result.problems } });
  for (const w of result.warnings) process.stderr.write(`planmeter: ${path}: ${w.path}: ${w.message}\n`);
  return result.snapshot;
}

/** A snapshot file's text, with a plain reason when it cannot be read. */
export async function readSnapshotText(path: string, maxChars = MAX_SNAPSHOT_CHARS): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw CliError.of('file.isFolderSnapshot', { path });
    // UTF-8 takes at most 4 bytes a character: a file larger than that cannot be within the limit.
    if (info.size > maxChars * 4) {
      throw CliError.of('file.snapshotTooLarge', { path, size: info.size, max: maxChars });
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw CliError.of('file.missing', { path });
    if (code === 'EACCES' || code === 'EPERM') throw CliError.of('file.denied', { path });
    throw CliError.of('file.unreadable', { path, reason: code ?? (error instanceof Error ? error.message : String(error)) });
  }
}

export { writeFileAtomic } from './files.ts';

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function checkDate(value: string, flag: string): string {
  if (!isCalendarDate(value)) throw new CliError(`--${flag} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

const STATUS_LABEL: Record<Status, string> = {
  done: '已完成 done',
  on_track: '正常 on track',
  at_risk: '滞后风险 at risk',
  off_track: '明显滞后 off track',
  not_started: '未开始 not started',
  overdue: '逾期 overdue',
};

function pct(n: number | null): string {
  return formatPercent(n);
}

function scorecard(plans: Plan[], scores: PlanScore[], report: BusinessEnvironmentReport, asOf: string): string {
  const out: string[] = [`PlanMeter scorecard as of ${asOf}`, ''];
  plans.forEach((plan, i) => {
    const s = scores[i]!;
    out.push(`# ${plan.title}`);
    out.push(`  score ${pct(s.score)} · coverage ${pct(s.coverage)} of ${plan.measures.length} measures have entries · expected by now ${pct(s.expected)}`);
    out.push(`  status: ${(Object.keys(STATUS_LABEL) as Status[]).filter((k) => s.statusCounts[k] > 0).map((k) => `${STATUS_LABEL[k]} ${s.statusCounts[k]}`).join(' · ')}`);
    if (s.sections.length) {
      out.push('  sections:');
      for (const sec of s.sections) {
        out.push(`    ${pct(sec.score).padStart(6)}  ${sec.title} (${sec.measureCount})`);
        for (const sub of sec.subsections) out.push(`      ${pct(sub.score).padStart(6)}  ${sub.title} (${sub.measureCount})`);
      }
    }
    if (s.units.length) {
      out.push('  units (lead / measures):');
      for (const u of s.units.slice(0, 10)) out.push(`    ${pct(u.score).padStart(6)}  ${u.unit} (${u.leadCount}/${u.measureCount})`);
      if (s.units.length > 10) out.push(`    … ${s.units.length - 10} more`);
    }
    const measures = new Map(plan.measures.map((m) => [m.id, m]));
    if (s.lagging.length) {
      out.push('  lagging:');
      for (const id of s.lagging.slice(0, 10)) {
        const m = measures.get(id)!;
        const ms = s.measures[id]!;
        out.push(`    ${m.number ? `${m.number}. ` : ''}${m.title} — ${STATUS_LABEL[ms.status]}, ${pct(ms.completion)} of ${pct(ms.expected)} expected: ${ms.explanation} · ${formatExplanation(ms.explain, 'zh-CN')}`);
      }
      if (s.lagging.length > 10) out.push(`    … ${s.lagging.length - 10} more`);
    }
    for (const w of s.warnings) out.push(`  warning: ${w}`);
    out.push('');
  });
  out.push('# Business-environment indicators (all plans above)');
  const c = report.composite;
  out.push(`  ${c.name} (not a measurement of the business environment itself)`);
  out.push(`  composite index ${pct(c.value)} over the ${c.coveredIndicators} covered indicators · ${pct(c.overAll.value)} over all ${c.indicatorCount} (uncovered = 0) · coverage ${pct(c.coverage)} (${c.coveredIndicators}/${c.indicatorCount})`);
  out.push(`  alternatives: ${c.alternatives.map((a) => `${a.name} ${pct(a.value)}`).join(' · ')}`);
  if (c.thin.length) out.push(`  warning: ${c.thin.map((t) => `${t.name} (${t.measureCount})`).join('、')} rest on one or two measures`);
  out.push(`  quantified: ${pct(report.quantificationRate)} of ${report.measureCount} measures have a measurable target · ${report.untagged.length} measures untagged`);
  for (const ind of report.indicators) out.push(`    ${String(ind.measureCount).padStart(3)} measures  ${pct(ind.completion).padStart(6)}  ${ind.name}${ind.measureCount === 0 ? '  (gap: no measure)' : ind.warning ? '  (!) one or two measures' : ''}`);
  if (report.uncovered.indicators.length) out.push(`  not addressed: ${report.uncovered.indicators.map((id) => report.indicators.find((i) => i.id === id)!.name).join('、')}`);
  return `${out.join('\n')}\n`;
}

function scoreJson(plans: Plan[], scores: PlanScore[], report: BusinessEnvironmentReport, asOf: string): unknown {
  return {
    asOf,
    plans: plans.map((plan, i) => {
      const s = scores[i]!;
      return {
        id: plan.id,
        title: plan.title,
        score: s.score,
        coverage: s.coverage,
        expected: s.expected,
        statusCounts: s.statusCounts,
        sections: s.sections,
        units: s.units,
        lagging: s.lagging,
        warnings: s.warnings,
        measures: plan.measures.map((m) => {
          const ms = s.measures[m.id]!;
          return {
            id: m.id,
            number: m.number,
            title: m.title,
            completion: ms.completion,
            status: ms.status,
            expected: ms.expected,
            explanation: ms.explanation,
            explain: ms.explain,
            entryCount: ms.entryCount,
            ...(ms.lastEntryDate ? { lastEntryDate: ms.lastEntryDate } : {}),
            indicators: report.tags[m.id]?.indicators ?? [],
            dimensions: report.tags[m.id]?.dimensions ?? [],
            // Why each tag: the phrases that decided it and where they stand (title, body, list; user = added by the user).
            tagEvidence: report.tags[m.id]?.evidence ?? {},
            targets: m.targets.map((t, k) => {
              const ts = ms.targets[k]!;
              return { id: t.id, label: t.label, unit: t.unit, completion: ts.completion, raw: ts.raw, status: ts.status, ...(ts.latest !== undefined ? { latest: ts.latest } : {}), explanation: ts.explanation, explain: ts.explain, ...(ts.trend ? { trend: ts.trend } : {}) };
            }),
          };
        }),
      };
    }),
    indicators: {
      composite: report.composite,
      quantificationRate: report.quantificationRate,
      national: report.indicators.map(({ measures: _m, ...rest }) => rest),
      bready: report.breadyTopics.map(({ measures: _m, ...rest }) => rest),
      dimensions: report.dimensions.map(({ measures: _m, ...rest }) => rest),
      uncovered: report.uncovered,
      untagged: report.untagged,
      accountability: report.accountability,
      frontier: report.frontier,
    },
  };
}

export async function run(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['json', 'csv'], ['progress', 'as-of']);
  if (flags.has('json') && flags.has('csv')) throw new CliError('choose one of --json and --csv');
  const asOf = flags.has('as-of') ? checkDate(String(flags.get('as-of')), 'as-of') : today();
  const progress = flags.has('progress') ? await loadSnapshot(String(flags.get('progress'))) : null;
  const plans = await loadPlans(positional, progress?.corrections ?? []);
  if (plans.length === 0) throw new CliError('no plans to score');
  const entries = progress?.entries ?? [];
  const known = new Set(plans.map((p) => p.id));
  const strays = new Set(entries.filter((e) => !known.has(e.planId)).map((e) => e.planId));
  for (const id of strays) process.stderr.write(`planmeter: entries for plan ${id} skipped: that plan is not among the files scored\n`);
  const scores = scorePlans(plans, entries, { asOf });
  if (flags.has('csv')) {
    process.stdout.write(scoresToCsv(plans, scores));
    return;
  }
  const simplify = plans.some((p) => p.script === 'traditional') ? await loadSimplifier() : undefined;
  const report = businessEnvironmentReport(plans, scores, simplify ? { simplify } : {});
  process.stdout.write(flags.has('json') ? `${JSON.stringify(scoreJson(plans, scores, report, asOf), null, 2)}\n` : scorecard(plans, scores, report, asOf));
}
