// Applying a user's corrections to a parse: after every parse, in the CLI and
// in the extension alike.
//
// Rules:
//  - read-as-plan comes first wherever it stands (the last one's title wins):
//    the page is read permissively as one plan titled by the user.
//  - Every other operation applies in list order, against the plan as
//    corrected so far. Measures and targets are found by id, else by the
//    quote the operation carries; new text is found by quote and occurrence
//    with white space ignored. Never by array position.
//  - An operation that cannot be applied (its measure or quote is gone) is
//    kept and reported with a reason; it changes nothing.
//  - A measure that is removed or merged away is reported with its last text
//    (`vanished`), so the entries recorded on it can be shown and reassigned.
//    A merge keeps the first measure's id and every target id of the others;
//    a split keeps the original id on the first part.
import { stableId } from '../ids.ts';
import { parseText } from '../parse/index.ts';
import { findDeadline, titleLength } from '../parse/measures.ts';
import { extractTargets, resolveDeadline, type RawTarget } from '../parse/targets.ts';
import { canonicalOwner, findOwnerNote } from '../parse/owners.ts';
import { normalizeText, toOriginalSpan } from '../text/normalize.ts';
import type { Measure, ParseResult, Plan, PlanPeriod, Span, Target } from '../types.ts';
import { findQuote, squeeze, type Squeezed } from './anchor.ts';
import type { Correction, CorrectionOp } from './schema.ts';
import { idText } from '../ids.ts';

export interface ApplyOptions {
  /** Traditional → simplified converter, when the page is traditional (ids and targets read simplified text). */
  simplify?: (s: string) => string;
}

/** Why an operation changed nothing (the UI words them in its own language). */
export type CorrectionReason =
  | 'superseded'
  | 'no-measures'
  | 'no-plan'
  | 'measure-not-found'
  | 'target-not-found'
  | 'section-not-found'
  | 'quote-not-found'
  | 'already-measure'
  | 'not-one-plan'
  | 'split-outside'
  | 'no-number'
  | 'bad-target';

export interface CorrectionOutcome {
  /** Position of the operation in the list given. */
  index: number;
  op: CorrectionOp;
  id?: string;
  /** applied: the plan changed; unchanged: already true of the plan; unresolved: kept, but nothing to apply it to. */
  status: 'applied' | 'unchanged' | 'unresolved';
  reason?: CorrectionReason;
  message: string;
  /** The measure the operation ended up on (a new one for add-measure and split-measure). */
  measureId?: string;
}

/** A measure of the parse that corrections took away: its last text stays visible with its entries. */
export interface VanishedMeasure {
  planId: string;
  measureId: string;
  number: string;
  title: string;
  text: string;
  quote: string;
  targetIds: string[];
  reason: 'removed' | 'merged';
  /** The measure it was merged into. */
  into?: string;
}

export interface RemovedTarget {
  planId: string;
  measureId: string;
  targetId: string;
  label: string;
  quote: string;
}

export interface CorrectedParse {
  result: ParseResult;
  outcomes: CorrectionOutcome[];
  vanished: VanishedMeasure[];
  removedTargets: RemovedTarget[];
  /** Operations that changed the plan. */
  applied: number;
}

/** Opening characters kept as a new measure's quote (as the parser keeps). */
const QUOTE_LENGTH = 40;
/** A leading measure number: 1. / 1、 / （一） / 一、 */
const LEADING_NUMBER_RE = /^\s*(?:(\d{1,3})\s*[.、．,，]|([（(][一二三四五六七八九十]{1,3}[)）])|([一二三四五六七八九十]{1,3})、)\s*/u;

interface Found {
  plan: Plan;
  measure: Measure;
}

class Work {
  readonly sq: Squeezed;
  readonly vanished: VanishedMeasure[] = [];
  readonly removedTargets: RemovedTarget[] = [];
  constructor(
    readonly text: string,
    public plans: Plan[],
    readonly options: ApplyOptions,
  ) {
    this.sq = squeeze(text);
  }

  key(text: string): string {
    return this.options.simplify ? this.options.simplify(text) : text;
  }

  findMeasure(id: string, quote: string | undefined): Found | null {
    for (const plan of this.plans) {
      const measure = plan.measures.find((m) => m.id === id);
      if (measure) return { plan, measure };
    }
    if (!quote) return null;
    const q = idText(quote);
    if (!q) return null;
    for (const plan of this.plans) {
      const measure = plan.measures.find((m) => idText(m.quote).startsWith(q) || q.startsWith(idText(m.quote)) || idText(m.text).includes(q));
      if (measure) return { plan, measure };
    }
    return null;
  }

  findTarget(id: string, quote: string | undefined): (Found & { target: Target }) | null {
    for (const plan of this.plans) {
      for (const measure of plan.measures) {
        const target = measure.targets.find((t) => t.id === id);
        if (target) return { plan, measure, target };
      }
    }
    if (!quote) return null;
    const q = idText(quote);
    for (const plan of this.plans) {
      for (const measure of plan.measures) {
        const target = measure.targets.find((t) => idText(t.quote) === q);
        if (target) return { plan, measure, target };
      }
    }
    return null;
  }

  uniqueMeasureId(plan: Plan, id: string): string {
    const taken = new Set(plan.measures.map((m) => m.id));
    if (!taken.has(id)) return id;
    for (let n = 2; ; n++) if (!taken.has(`${id}~${n}`)) return `${id}~${n}`;
  }

  vanish(plan: Plan, m: Measure, reason: VanishedMeasure['reason'], into?: string): void {
    const record: VanishedMeasure = { planId: plan.id, measureId: m.id, number: m.number, title: m.title, text: m.text, quote: m.quote, targetIds: m.targets.map((t) => t.id), reason };
    if (into) record.into = into;
    this.vanished.push(record);
  }
}

/** A short title for a measure's text, as the parser would cut it. */
function titleOf(text: string, simplify?: (s: string) => string): string {
  const norm = normalizeText(text, simplify ? { simplify } : {});
  const n = Math.max(1, titleLength(norm.text));
  const span = toOriginalSpan(norm, 0, Math.min(n, norm.text.length));
  return text.slice(span.start, span.end).trim();
}

function quoteAt(text: string, span: Span): string {
  let end = Math.min(span.end, span.start + QUOTE_LENGTH);
  const code = text.charCodeAt(end - 1);
  if (end < span.end && code >= 0xd800 && code <= 0xdbff) end++;
  return text.slice(span.start, end);
}

const PLACEHOLDER_LABEL = '数量';

/** The target fields the engine's target reader finds in a quote (不少于200个 → 200, 个, >=), or null. */
export function readTargetQuote(quote: string, period: PlanPeriod | null = null, simplify?: (s: string) => string): Omit<RawTarget, 'span' | 'labelSpan'> | null {
  const norm = normalizeText(quote, simplify ? { simplify } : {});
  const raw = extractTargets(norm.text, { period })[0];
  if (raw) {
    const { span: _span, labelSpan: _label, ...rest } = raw;
    return rest;
  }
  // A bare quantity (不少于200个, 压缩至1个工作日) names no counted thing: read it
  // behind a placeholder label, and give no label (the caller uses the measure's).
  const bare = extractTargets(`${PLACEHOLDER_LABEL}${norm.text}`, { period })[0];
  if (!bare) return null;
  const { span: _span, labelSpan: _label, ...rest } = bare;
  return { ...rest, label: rest.label === PLACEHOLDER_LABEL ? '' : rest.label.replace(PLACEHOLDER_LABEL, '') };
}

type TargetFields = Pick<Correction & { op: 'edit-target' }, 'value' | 'min' | 'max' | 'unit' | 'comparator' | 'baseline' | 'deadline' | 'label' | 'direction'>;

/** A copy of `target` with the fields given set; null when the result could not be scored. */
function withFields(target: Target, fields: TargetFields, period: PlanPeriod | null): Target | null {
  const next: Target = { ...target };
  if (fields.value !== undefined) next.value = fields.value;
  if (fields.min !== undefined) next.min = fields.min;
  if (fields.max !== undefined) next.max = fields.max;
  if (fields.unit !== undefined) next.unit = fields.unit;
  if (fields.comparator !== undefined) next.comparator = fields.comparator;
  if (fields.baseline !== undefined) next.baseline = fields.baseline;
  if (fields.label !== undefined) next.label = fields.label;
  if (fields.direction !== undefined) next.direction = fields.direction;
  if (fields.deadline !== undefined) {
    if (fields.deadline) {
      next.deadline = fields.deadline;
      const resolved = resolveDeadline(fields.deadline, period);
      if (resolved) next.deadlineDate = resolved;
      else delete next.deadlineDate;
    } else {
      delete next.deadline;
      delete next.deadlineDate;
    }
  }
  if (fields.unit !== undefined) next.unit = canonicalUnitOrAsIs(fields.unit);
  if (next.comparator === 'range' ? next.min === undefined || next.max === undefined : next.value === undefined) return null;
  return next;
}

function canonicalUnitOrAsIs(unit: string): string {
  return unit.trim();
}

function outcome(index: number, c: Correction, status: CorrectionOutcome['status'], message: string, reason?: CorrectionReason, measureId?: string): CorrectionOutcome {
  const o: CorrectionOutcome = { index, op: c.op, status, message };
  if (c.id) o.id = c.id;
  if (reason) o.reason = reason;
  if (measureId) o.measureId = measureId;
  return o;
}

function describe(m: Measure): string {
  return `${m.number ? `${m.number} ` : ''}${m.title}`;
}

/** Sections and subsections list their measures in plan order again; indexes are 1-based positions. */
function settle(plan: Plan): Plan {
  const measures = [...plan.measures].sort((a, b) => a.span.start - b.span.start).map((m, i) => ({ ...m, index: i + 1 }));
  const sections = plan.sections.map((s) => ({
    ...s,
    measureIds: measures.filter((m) => m.sectionId === s.id && !m.subsectionId).map((m) => m.id),
    subsections: s.subsections.map((ss) => ({ ...ss, measureIds: measures.filter((m) => m.subsectionId === ss.id).map((m) => m.id) })),
  }));
  return { ...plan, measures, sections };
}

function replaceMeasure(plan: Plan, id: string, next: Measure[]): Plan {
  const at = plan.measures.findIndex((m) => m.id === id);
  const measures = [...plan.measures];
  measures.splice(at, 1, ...next);
  return { ...plan, measures };
}

function setPlan(work: Work, plan: Plan): void {
  work.plans = work.plans.map((p) => (p.id === plan.id ? plan : p));
}

/**
 * Applies `corrections` to a parse of `text` (the same text the parse was made
 * from). Never throws on a correction that no longer fits: it is reported.
 */
export function applyCorrections(parse: ParseResult, corrections: readonly Correction[], text: string, options: ApplyOptions = {}): CorrectedParse {
  const outcomes: CorrectionOutcome[] = [];
  let plans = parse.plans;
  let kind = parse.kind;
  const readAs = corrections.map((c, i) => ({ c, i })).filter((x) => x.c.op === 'read-as-plan');
  const last = readAs.at(-1);
  for (const { c, i } of readAs) {
    if (c !== last!.c) {
      outcomes.push(outcome(i, c, 'unchanged', 'a later read-as-plan sets the title', 'superseded'));
      continue;
    }
    const title = (c as Correction & { op: 'read-as-plan' }).title.trim();
    const permissive = parseText(text, { permissive: true, planTitle: title, ...(options.simplify ? { simplify: options.simplify } : {}) });
    const plan = permissive.plans[0];
    if (!plan) {
      outcomes.push(outcome(i, c, 'unresolved', 'the page holds no numbered item or paragraph to read as a measure', 'no-measures'));
    } else {
      plans = [plan];
      kind = 'plan';
      outcomes.push(outcome(i, c, 'applied', `read as the plan "${title}" with ${plan.measures.length} measures`));
    }
  }

  const work = new Work(text, plans, options);
  corrections.forEach((c, i) => {
    if (c.op === 'read-as-plan') return;
    outcomes.push(applyOne(work, c, i));
  });
  outcomes.sort((a, b) => a.index - b.index);
  const result: ParseResult = { ...parse, plans: work.plans.map(settle), kind: work.plans.length > 1 ? 'plans' : work.plans.length === 1 ? 'plan' : kind };
  return { result, outcomes, vanished: work.vanished, removedTargets: work.removedTargets, applied: outcomes.filter((o) => o.status === 'applied').length };
}

function applyOne(work: Work, c: Correction, i: number): CorrectionOutcome {
  switch (c.op) {
    case 'read-as-plan':
      return outcome(i, c, 'unchanged', 'handled first');
    case 'add-measure':
      return addMeasure(work, c, i);
    case 'merge-measures':
      return mergeMeasures(work, c, i);
    case 'remove-target':
    case 'edit-target': {
      const found = work.findTarget(c.target, c.quote);
      if (!found) return outcome(i, c, 'unresolved', `target ${c.target} is not in the plan`, 'target-not-found');
      const { plan, measure, target } = found;
      if (c.op === 'remove-target') {
        work.removedTargets.push({ planId: plan.id, measureId: measure.id, targetId: target.id, label: target.label, quote: target.quote });
        setPlan(work, replaceMeasure(plan, measure.id, [{ ...measure, targets: measure.targets.filter((t) => t.id !== target.id) }]));
        return outcome(i, c, 'applied', `target "${target.quote}" removed from ${describe(measure)}`, undefined, measure.id);
      }
      const next = withFields(target, c, plan.period);
      if (!next) return outcome(i, c, 'unresolved', 'the edited target has no value to compare with (a range needs min and max)', 'bad-target', measure.id);
      setPlan(work, replaceMeasure(plan, measure.id, [{ ...measure, targets: measure.targets.map((t) => (t.id === target.id ? next : t)) }]));
      return outcome(i, c, 'applied', `target "${target.quote}" edited`, undefined, measure.id);
    }
    default:
      break;
  }
  const found = work.findMeasure(c.measure, c.measureQuote);
  if (!found) return outcome(i, c, 'unresolved', `measure ${c.measure} is not in the plan`, 'measure-not-found');
  const { plan, measure } = found;
  switch (c.op) {
    case 'remove-measure': {
      work.vanish(plan, measure, 'removed');
      setPlan(work, replaceMeasure(plan, measure.id, []));
      return outcome(i, c, 'applied', `${describe(measure)} removed`, undefined, measure.id);
    }
    case 'split-measure':
      return splitMeasure(work, c, i, plan, measure);
    case 'move-measure': {
      const section = plan.sections.find((s) => s.id === c.section) ?? (c.sectionTitle ? plan.sections.find((s) => idText(s.title) === idText(c.sectionTitle!)) : undefined);
      if (!section) return outcome(i, c, 'unresolved', `section ${c.section} is not in the plan`, 'section-not-found', measure.id);
      const sub = c.subsection ? section.subsections.find((ss) => ss.id === c.subsection) : undefined;
      if (c.subsection && !sub) return outcome(i, c, 'unresolved', `subsection ${c.subsection} is not in section ${section.title}`, 'section-not-found', measure.id);
      const { subsectionId: _sub, ...rest } = measure;
      const next: Measure = { ...rest, sectionId: section.id, ...(sub ? { subsectionId: sub.id } : {}) };
      setPlan(work, replaceMeasure(plan, measure.id, [next]));
      return outcome(i, c, 'applied', `${describe(measure)} moved to ${section.title}`, undefined, measure.id);
    }
    case 'edit-measure': {
      const next: Measure = { ...measure, ...(c.number !== undefined ? { number: c.number.trim() } : {}), ...(c.title !== undefined ? { title: c.title.trim() } : {}) };
      setPlan(work, replaceMeasure(plan, measure.id, [next]));
      return outcome(i, c, 'applied', `${describe(measure)} edited`, undefined, measure.id);
    }
    case 'set-owners': {
      const units = [...new Set(c.owners.map((o) => canonicalOwner(work.key(o.trim()))))];
      const next: Measure = { ...measure, units, unitRoles: units.map((name, k) => ({ name, role: k === 0 ? 'lead' : 'responsible' })) };
      setPlan(work, replaceMeasure(plan, measure.id, [next]));
      return outcome(i, c, 'applied', `owners of ${describe(measure)}: ${units.join('、') || '(none)'}`, undefined, measure.id);
    }
    case 'add-target':
      return addTarget(work, c, i, plan, measure);
    case 'add-tag':
    case 'remove-tag': {
      const added = new Set(measure.tagsAdded ?? []);
      const removed = new Set(measure.tagsRemoved ?? []);
      if (c.op === 'add-tag') {
        added.add(c.tag);
        removed.delete(c.tag);
      } else {
        removed.add(c.tag);
        added.delete(c.tag);
      }
      const next: Measure = { ...measure, tagsAdded: [...added].sort(), tagsRemoved: [...removed].sort() };
      setPlan(work, replaceMeasure(plan, measure.id, [next]));
      return outcome(i, c, 'applied', `tag ${c.tag} ${c.op === 'add-tag' ? 'added to' : 'removed from'} ${describe(measure)}`, undefined, measure.id);
    }
  }
}

function addMeasure(work: Work, c: Correction & { op: 'add-measure' }, i: number): CorrectionOutcome {
  if (work.plans.length === 0) return outcome(i, c, 'unresolved', 'no plan on this page: read it as a plan first', 'no-plan');
  const at = findQuote(work.sq, c.quote, undefined, c.occurrence ?? 1);
  if (!at) return outcome(i, c, 'unresolved', `"${c.quote}" is not on the page`, 'quote-not-found');
  for (const plan of work.plans) {
    const inside = plan.measures.find((m) => m.span.start <= at.start && at.start < m.span.end);
    if (inside) return outcome(i, c, 'unchanged', `already part of ${describe(inside)}`, 'already-measure', inside.id);
  }
  const text = work.text;
  let end: number;
  if (c.end) {
    const e = findQuote(work.sq, c.end, { start: at.start, end: text.length });
    if (!e) return outcome(i, c, 'unresolved', `the end words "${c.end}" are not on the page after "${c.quote}"`, 'quote-not-found');
    end = e.end;
  } else {
    const nl = text.indexOf('\n', at.end);
    end = nl < 0 ? text.length : nl;
  }
  // The plan it belongs to: the one whose span holds it, else the nearest.
  const plan =
    work.plans.find((p) => p.span.start <= at.start && at.start < p.span.end) ??
    [...work.plans].sort((a, b) => distance(a.span, at.start) - distance(b.span, at.start))[0]!;
  // Never run into the next measure.
  const next = plan.measures.filter((m) => m.span.start > at.start).sort((a, b) => a.span.start - b.span.start)[0];
  if (next && next.span.start < end) end = next.span.start;
  const raw = text.slice(at.start, end);
  const lead = raw.length - raw.trimStart().length;
  const numberMatch = LEADING_NUMBER_RE.exec(raw);
  const number = c.number ?? (numberMatch ? (numberMatch[1] ?? numberMatch[2] ?? numberMatch[3] ?? '') : '');
  const contentStart = at.start + (numberMatch ? numberMatch[0].length : lead);
  let contentEnd = at.start + raw.trimEnd().length;
  const contentRaw = text.slice(contentStart, contentEnd);
  const norm = normalizeText(contentRaw, work.options.simplify ? { simplify: work.options.simplify } : {});
  const note = findOwnerNote(norm.text);
  if (note && note.start > 0) contentEnd = contentStart + toOriginalSpan(norm, 0, note.start).end;
  const content = text.slice(contentStart, contentEnd).trim();
  if (!content) return outcome(i, c, 'unresolved', `"${c.quote}" starts no text`, 'quote-not-found');
  const id = work.uniqueMeasureId(plan, stableId('m', plan.id, stableId('mh', work.key(content))));
  const units = note?.owners ?? [];
  const contentNorm = normalizeText(content, work.options.simplify ? { simplify: work.options.simplify } : {});
  const offset = contentStart + (text.slice(contentStart, contentEnd).length - text.slice(contentStart, contentEnd).trimStart().length);
  const seen = new Set<string>();
  const targets: Target[] = extractTargets(contentNorm.text, { period: plan.period }).map((rawTarget) => {
    const span = toOriginalSpan(contentNorm, rawTarget.span.start, rawTarget.span.end);
    const quote = content.slice(span.start, span.end);
    let tid = stableId('t', id, contentNorm.text.slice(rawTarget.span.start, rawTarget.span.end));
    for (let n = 2; seen.has(tid); n++) tid = `${stableId('t', id, contentNorm.text.slice(rawTarget.span.start, rawTarget.span.end))}~${n}`;
    seen.add(tid);
    const { span: _s, labelSpan: _l, ...fields } = rawTarget;
    const target: Target = { ...fields, id: tid, quote, span: { start: offset + span.start, end: offset + span.end } };
    if (target.deadline && !target.deadlineDate) {
      const resolved = resolveDeadline(target.deadline, plan.period);
      if (resolved) target.deadlineDate = resolved;
    }
    return target;
  });
  const span = { start: at.start + lead, end: contentEnd };
  const section = plan.sections.find((s) => s.span.start <= span.start && span.start < s.span.end);
  const sub = section?.subsections.find((ss) => ss.span.start <= span.start && span.start < ss.span.end);
  const deadline = findDeadline(contentNorm.text);
  const measure: Measure = {
    id,
    number,
    index: 0,
    title: c.title?.trim() || titleOf(content, work.options.simplify),
    text: content,
    units: units.map((u) => u.name),
    unitRoles: units.map((u) => ({ name: u.name, role: u.role })),
    targets,
    span,
    quote: quoteAt(text, span),
    ...(deadline ? { deadline } : {}),
    ...(section ? { sectionId: section.id } : {}),
    ...(sub ? { subsectionId: sub.id } : {}),
  };
  setPlan(work, { ...plan, measures: [...plan.measures, measure] });
  return outcome(i, c, 'applied', `measure added: ${describe(measure)}`, undefined, id);
}

function distance(span: Span, at: number): number {
  return at < span.start ? span.start - at : at >= span.end ? at - span.end + 1 : 0;
}

function mergeMeasures(work: Work, c: Correction & { op: 'merge-measures' }, i: number): CorrectionOutcome {
  const found: Found[] = [];
  for (const [k, id] of c.measures.entries()) {
    const f = work.findMeasure(id, c.measureQuotes?.[k]);
    if (!f) return outcome(i, c, 'unresolved', `measure ${id} is not in the plan`, 'measure-not-found');
    if (!found.some((x) => x.measure.id === f.measure.id)) found.push(f);
  }
  const plan = found[0]!.plan;
  if (found.some((f) => f.plan.id !== plan.id)) return outcome(i, c, 'unresolved', 'the measures are in different plans', 'not-one-plan');
  if (found.length < 2) return outcome(i, c, 'unchanged', 'only one measure to merge', undefined, found[0]!.measure.id);
  const parts = found.map((f) => f.measure).sort((a, b) => a.span.start - b.span.start);
  const first = parts[0]!;
  const unitRoles = [...first.unitRoles];
  for (const m of parts.slice(1)) for (const r of m.unitRoles) if (!unitRoles.some((u) => u.name === r.name)) unitRoles.push(r);
  const units = [...first.units];
  for (const m of parts.slice(1)) for (const u of m.units) if (!units.includes(u)) units.push(u);
  const deadline = parts.find((m) => m.deadline);
  const merged: Measure = {
    ...first,
    text: parts.map((m) => m.text).join('\n'),
    units,
    unitRoles,
    targets: parts.flatMap((m) => m.targets),
    span: { start: Math.min(...parts.map((m) => m.span.start)), end: Math.max(...parts.map((m) => m.span.end)) },
    ...(deadline?.deadline ? { deadline: deadline.deadline } : {}),
    ...(deadline?.deadlineDate ? { deadlineDate: deadline.deadlineDate } : {}),
  };
  const others = new Set(parts.slice(1).map((m) => m.id));
  for (const m of parts.slice(1)) work.vanish(plan, m, 'merged', first.id);
  setPlan(work, { ...plan, measures: plan.measures.filter((m) => !others.has(m.id)).map((m) => (m.id === first.id ? merged : m)) });
  return outcome(i, c, 'applied', `${parts.length} measures merged into ${describe(first)}`, undefined, first.id);
}

function splitMeasure(work: Work, c: Correction & { op: 'split-measure' }, i: number, plan: Plan, measure: Measure): CorrectionOutcome {
  const at = findQuote(work.sq, c.at, measure.span);
  const inText = findQuote(squeeze(measure.text), c.at);
  if (!at || !inText || inText.start === 0 || at.start <= measure.span.start) {
    const onPage = at ?? findQuote(work.sq, c.at);
    return outcome(i, c, 'unresolved', `"${c.at}" is not inside the text of ${describe(measure)} after its start`, onPage ? 'split-outside' : 'quote-not-found', measure.id);
  }
  const text1 = measure.text.slice(0, inText.start).trim();
  const text2 = measure.text.slice(inText.start).trim();
  if (!text1 || !text2) return outcome(i, c, 'unresolved', `nothing on one side of "${c.at}"`, 'split-outside', measure.id);
  const id2 = work.uniqueMeasureId(plan, stableId('m', plan.id, stableId('mh', work.key(text2))));
  const first: Measure = {
    ...measure,
    text: text1,
    title: measure.title.length > text1.length || !idText(text1).startsWith(idText(measure.title)) ? titleOf(text1, work.options.simplify) : measure.title,
    targets: measure.targets.filter((t) => t.span.start < at.start),
    span: { start: measure.span.start, end: at.start },
  };
  const span2 = { start: at.start, end: Math.max(at.start + 1, measure.span.end) };
  const { deadline: _d, deadlineDate: _dd, tagsAdded: _ta, tagsRemoved: _tr, ...rest } = measure;
  const second: Measure = {
    ...rest,
    id: id2,
    number: '',
    title: titleOf(text2, work.options.simplify),
    text: text2,
    targets: measure.targets.filter((t) => t.span.start >= at.start),
    span: span2,
    quote: quoteAt(work.text, span2),
  };
  const deadline2 = findDeadline(normalizeText(text2, work.options.simplify ? { simplify: work.options.simplify } : {}).text);
  if (deadline2) second.deadline = deadline2;
  setPlan(work, replaceMeasure(plan, measure.id, [first, second]));
  return outcome(i, c, 'applied', `${describe(measure)} split at "${c.at}"`, undefined, id2);
}

function addTarget(work: Work, c: Correction & { op: 'add-target' }, i: number, plan: Plan, measure: Measure): CorrectionOutcome {
  const span = findQuote(work.sq, c.quote, measure.span) ?? findQuote(work.sq, c.quote);
  if (!span) return outcome(i, c, 'unresolved', `"${c.quote}" is not on the page`, 'quote-not-found', measure.id);
  const quote = work.text.slice(span.start, span.end);
  const read = readTargetQuote(quote, plan.period, work.options.simplify);
  const id = stableId('t', measure.id, work.key(quote));
  const existing = measure.targets.find((t) => t.id === id);
  const base: Target = existing ?? {
    id,
    label: read?.label || measure.title,
    unit: read?.unit ?? '',
    comparator: read?.comparator ?? '>=',
    direction: read?.direction ?? 'increase',
    quote,
    span,
    ...(read?.value !== undefined ? { value: read.value } : {}),
    ...(read?.min !== undefined ? { min: read.min } : {}),
    ...(read?.max !== undefined ? { max: read.max } : {}),
    ...(read?.baseline !== undefined ? { baseline: read.baseline } : {}),
    ...(read?.deadline ? { deadline: read.deadline } : {}),
    ...(read?.deadlineDate ? { deadlineDate: read.deadlineDate } : {}),
  };
  if (!base.deadlineDate && base.deadline) {
    const resolved = resolveDeadline(base.deadline, plan.period);
    if (resolved) base.deadlineDate = resolved;
  }
  const target = withFields(base, c, plan.period);
  if (!target) return outcome(i, c, 'unresolved', `no number in "${c.quote}": give the target's value`, 'no-number', measure.id);
  const targets = existing ? measure.targets.map((t) => (t.id === id ? target : t)) : [...measure.targets, target].sort((a, b) => a.span.start - b.span.start);
  setPlan(work, replaceMeasure(plan, measure.id, [{ ...measure, targets }]));
  return outcome(i, c, 'applied', `target "${quote}" added to ${describe(measure)}`, undefined, measure.id);
}
