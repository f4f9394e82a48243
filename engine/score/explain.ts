// Why a target or measure has the completion it has, as data rather than a
// sentence: the scorer records WHAT it computed (`Explanation`), and
// `formatExplanation` words it in the reader's language. The English wording
// is the engine's `explanation` string (CLI output and tests read it, so it
// must not drift); the Chinese wording is what the extension shows by default.
//
// Numbers are kept as numbers (the formatter rounds them as people write
// them), so a UI may also lay the values out in its own way.
import { MILESTONE_NAMES, type Milestone } from '../progress/schema.ts';
import { formatNumber } from './format.ts';

export type ExplainLocale = 'zh-CN' | 'en';

/** A band goal as written (3–5 家); the completion uses the end that meets it. */
export interface Band {
  min: number;
  max: number;
}

/** What every reported-number explanation carries. */
interface ValueFacts {
  /** The reported value, in the target's unit. */
  latest: number;
  /** The goal the sums use (for a band: the end that meets it). */
  target: number;
  /** Present when the goal was written as a band. */
  band?: Band;
  unit: string;
  /** Uncapped completion, rounded to 0.1 (above 100 = exceeded; below 0 = went backwards). */
  pct: number;
  /** The day the latest value was true of (absent from a bare targetCompletion result). */
  date?: string;
  /** Reached the goal only after its deadline. */
  doneLate?: true;
  /** That deadline, when the plan states one. */
  deadline?: string;
}

/** How a reported number compares with its target (one per completion formula). */
export type CompletionExplanation =
  /** ≥ target: "150 of 200 个 (75%)"; with a stated baseline, "…, from 60". */
  | { key: 'ofTarget'; values: ValueFacts & { baseline?: number } }
  /** 左右 target within tolerance: met. */
  | { key: 'approxMet'; values: ValueFacts & { tolerancePct: number } }
  /** Reduction from a stated baseline: (B − V) / (B − T). */
  | { key: 'reducedFrom'; values: ValueFacts & { baseline: number } }
  /** Reduction with no baseline: met at or below the target; `noBaseline` when not met (T / V is an estimate). */
  | { key: 'atMost'; values: ValueFacts & { noBaseline: boolean } };

export type Explanation =
  | CompletionExplanation
  /** The target's text has no number to measure against. */
  | { key: 'noNumber' }
  /** Nothing entered yet (target or measure). */
  | { key: 'noProgress' }
  /** A measure with several numeric targets: the mean of their completions (null = nothing entered, counts 0). */
  | { key: 'meanOfTargets'; values: { parts: (number | null)[]; mean: number } }
  /** A measure's latest status entry gave a percentage. */
  | { key: 'statusPercent'; values: { percent: number; date: string } }
  /** A measure's latest status entry gave a milestone (worth `pct`). */
  | { key: 'milestone'; values: { milestone: Milestone; pct: number; date: string } };

export type ExplanationKey = Explanation['key'];

export const EXPLANATION_KEYS: readonly ExplanationKey[] = ['ofTarget', 'approxMet', 'reducedFrom', 'atMost', 'noNumber', 'noProgress', 'meanOfTargets', 'statusPercent', 'milestone'];

const MILESTONE_SET: ReadonlySet<string> = new Set(MILESTONE_NAMES);

/** The explanation in the given language ('en' is exactly the engine's `explanation` string). */
export function formatExplanation(explain: Explanation, locale: ExplainLocale): string {
  return locale === 'en' ? formatEnglish(explain) : formatChinese(explain);
}

// ---- English (the engine's historic wording; keep byte-identical) ----

function goalEn(v: ValueFacts): string {
  return v.band ? `${formatNumber(v.band.min)}–${formatNumber(v.band.max)}` : formatNumber(v.target);
}

function pctEn(pct: number): string {
  return pct > 100 ? `${pct}%, exceeded` : `${pct}%`;
}

function reportedEn(v: ValueFacts, words: string): string {
  let text = v.date === undefined ? words : `${words} on ${v.date}`;
  if (v.doneLate) text += `; done after the deadline ${v.deadline ?? ''}`.trimEnd();
  return text;
}

function formatEnglish(e: Explanation): string {
  switch (e.key) {
    case 'ofTarget': {
      const v = e.values;
      const from = v.baseline !== undefined ? `, from ${formatNumber(v.baseline)}` : '';
      return reportedEn(v, `${formatNumber(v.latest)} of ${goalEn(v)} ${v.unit}${from} (${pctEn(v.pct)})`);
    }
    case 'approxMet': {
      const v = e.values;
      return reportedEn(v, `${formatNumber(v.latest)} of about ${goalEn(v)} ${v.unit} (within ±${formatNumber(v.tolerancePct)}%: met)`);
    }
    case 'reducedFrom': {
      const v = e.values;
      return reportedEn(v, `${formatNumber(v.latest)} ${v.unit}, from ${formatNumber(v.baseline)} toward ${goalEn(v)} ${v.unit} (${pctEn(v.pct)})`);
    }
    case 'atMost': {
      const v = e.values;
      const note = v.noBaseline ? ', no baseline stated' : '';
      return reportedEn(v, `${formatNumber(v.latest)} ${v.unit}, target at most ${goalEn(v)} ${v.unit}${note} (${pctEn(v.pct)})`);
    }
    case 'noNumber':
      return 'target has no number to measure against';
    case 'noProgress':
      return 'no progress entered';
    case 'meanOfTargets': {
      const { parts, mean } = e.values;
      return `mean of ${parts.length} targets (${parts.map((p) => (p === null ? 'none yet = 0' : `${formatNumber(p)}%`)).join(', ')}) = ${formatNumber(mean)}%`;
    }
    case 'statusPercent':
      return `${formatNumber(e.values.percent)}% reported on ${e.values.date}`;
    case 'milestone':
      return `${e.values.milestone} (${formatNumber(e.values.pct)}%) reported on ${e.values.date}`;
  }
}

// ---- Chinese (simplified), as a government office writes a progress note ----

/** "200 个", "95%" (a percent sign sits on the number), "200" without a unit. */
function quantityZh(n: string, unit: string): string {
  const u = unit.trim();
  if (!u) return n;
  return /^[%‰℃]/u.test(u) ? `${n}${u}` : `${n} ${u}`;
}

function goalZh(v: ValueFacts): string {
  return quantityZh(v.band ? `${formatNumber(v.band.min)}–${formatNumber(v.band.max)}` : formatNumber(v.target), v.unit);
}

function pctZh(pct: number): string {
  return pct > 100 ? `（${pct}%，超额完成）` : `（${pct}%）`;
}

function reportedZh(v: ValueFacts, words: string): string {
  let text = v.date === undefined ? words : `${v.date} 填报：${words}`;
  if (v.doneLate) text += v.deadline ? `；逾期完成（期限 ${v.deadline}）` : '；逾期完成';
  return text;
}

function formatChinese(e: Explanation): string {
  switch (e.key) {
    case 'ofTarget': {
      const v = e.values;
      if (v.baseline !== undefined) {
        return reportedZh(v, `基数 ${quantityZh(formatNumber(v.baseline), v.unit)}，现为 ${quantityZh(formatNumber(v.latest), v.unit)} / 目标 ${goalZh(v)}${pctZh(v.pct)}`);
      }
      return reportedZh(v, `已完成 ${formatNumber(v.latest)} / 目标 ${goalZh(v)}${pctZh(v.pct)}`);
    }
    case 'approxMet': {
      const v = e.values;
      return reportedZh(v, `现为 ${formatNumber(v.latest)} / 目标 ${goalZh(v)}左右（相差在 ±${formatNumber(v.tolerancePct)}% 以内，视为达标）`);
    }
    case 'reducedFrom': {
      const v = e.values;
      return reportedZh(v, `基数 ${quantityZh(formatNumber(v.baseline), v.unit)}，现为 ${quantityZh(formatNumber(v.latest), v.unit)}，目标压减至 ${goalZh(v)}${pctZh(v.pct)}`);
    }
    case 'atMost': {
      const v = e.values;
      const note = v.noBaseline ? '，方案未载明基数，按目标值与现值之比计' : '';
      return reportedZh(v, `现为 ${quantityZh(formatNumber(v.latest), v.unit)}，目标不超过 ${goalZh(v)}${note}${pctZh(v.pct)}`);
    }
    case 'noNumber':
      return '目标无量化数值，不计算完成率';
    case 'noProgress':
      return '尚未填报进展';
    case 'meanOfTargets': {
      const { parts, mean } = e.values;
      return `${parts.length} 项目标的平均（${parts.map((p) => (p === null ? '未填报按 0 计' : `${formatNumber(p)}%`)).join('、')}）= ${formatNumber(mean)}%`;
    }
    case 'statusPercent':
      return `${e.values.date} 填报：完成 ${formatNumber(e.values.percent)}%`;
    case 'milestone':
      return `${e.values.date} 填报：${e.values.milestone}（${formatNumber(e.values.pct)}%）`;
  }
}

// ---- checking an explanation that crossed a boundary (runtime message, stored JSON) ----

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function optional(x: unknown, check: (y: unknown) => boolean): boolean {
  return x === undefined || check(x);
}

function isStr(x: unknown): x is string {
  return typeof x === 'string';
}

function isValueFacts(v: Record<string, unknown>): boolean {
  return (
    isNum(v.latest) &&
    isNum(v.target) &&
    isStr(v.unit) &&
    isNum(v.pct) &&
    optional(v.band, (b) => isRecord(b) && isNum(b.min) && isNum(b.max)) &&
    optional(v.date, isStr) &&
    optional(v.doneLate, (d) => d === true) &&
    optional(v.deadline, isStr)
  );
}

/**
 * True when `x` is an Explanation this formatter can word. UIs receive scores
 * through runtime messages whose schemas pass extra fields through unchecked;
 * anything else falls back to the English `explanation` string.
 */
export function isExplanation(x: unknown): x is Explanation {
  if (!isRecord(x) || !isStr(x.key)) return false;
  if (x.key === 'noNumber' || x.key === 'noProgress') return true;
  const v = x.values;
  if (!isRecord(v)) return false;
  switch (x.key) {
    case 'ofTarget':
      return isValueFacts(v) && optional(v.baseline, isNum);
    case 'approxMet':
      return isValueFacts(v) && isNum(v.tolerancePct);
    case 'reducedFrom':
      return isValueFacts(v) && isNum(v.baseline);
    case 'atMost':
      return isValueFacts(v) && typeof v.noBaseline === 'boolean';
    case 'meanOfTargets':
      return Array.isArray(v.parts) && v.parts.every((p) => p === null || isNum(p)) && isNum(v.mean);
    case 'statusPercent':
      return isNum(v.percent) && isStr(v.date);
    case 'milestone':
      return isStr(v.milestone) && MILESTONE_SET.has(v.milestone) && isNum(v.pct) && isStr(v.date);
    default:
      return false;
  }
}

/**
 * The words for a score that may carry a structured explanation: formatted in
 * `locale` when it does, else the English `explanation` it always carries.
 */
export function explainScore(score: { explain?: unknown; explanation?: unknown } | null | undefined, locale: ExplainLocale): string {
  if (!score) return '';
  if (isExplanation(score.explain)) return formatExplanation(score.explain, locale);
  return typeof score.explanation === 'string' ? score.explanation : '';
}
