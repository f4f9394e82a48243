// Plan page text → structured plans (engine/types.ts).
//
// Pipeline: normalise (NFKC, noise out, optionally simplified) with an offset
// map → classify lines → split quoted plans off the page → outline each block
// (sections, subsections, measures) → decide which blocks are plans → read
// units, titles, deadlines; hand each measure's text to the target extractor,
// each plan to the indicator-table and narrative-target extractors, reports to
// the outcome extractor → assign stable ids and map every span back to the
// text the caller passed in.

import { hash53, stableId, stableIdOf, uniqueIds } from '../ids.ts';
import type { Indicator, Measure, Outcome, ParseResult, Plan, PlanPeriod, Section, Span, Subsection, Target } from '../types.ts';
import { cleanOriginal, normalizeText, toOriginalSpan, type NormalizedText } from '../text/normalize.ts';
import { loadSimplifier as loadSimplifierImpl, needsSimplification as needsSimplificationImpl } from '../text/simplify.ts';
import { extractIndicatorTables } from './indicators.ts';
import { decidePlan, isQuestion, namesMeasures, opensWithTask, speaksAsOffice } from './plan-rules.ts';
import { readLines, type Line } from './lines.ts';
import { findDeadline, titleLength } from './measures.ts';
import { findPeriod, findSignature, findTitle, issuerFromTitle, parseDate, PLAN_WORD_RE, planTitleOf, readChrome, REPORT_WORD_RE } from './metadata.ts';
import { extractOutcomes } from './outcomes.ts';
import { announcement, findEmbeddedBlocks, resolveTitle, shortNames } from './split.ts';
import { bodyNoteFromLine, readStructure, type Draft, type DraftMeasure, type StructureTrace } from './structure.ts';
import { explainTargets, extractNarrativeTargets, extractTargets, resolveDeadline, type RawTarget, type TargetExplanation } from './targets.ts';
import { canonicalOwner, findOpeningOwner, findProseOwner, findOwnerNote, type OwnerNote, type OwnerRef } from './owners.ts';

export interface ParseOptions {
  /** Traditional → simplified converter; parsePage supplies it when the page needs one. */
  simplify?: (s: string) => string;
  /** Where the text came from (file name, URL). Accepted for callers' records; it changes nothing in the result. */
  source?: string;
  /** Title to use when the page prints none (e.g. the browser tab's title). */
  title?: string;
  /** Told each decision as it is made (planmeter parse --explain); nothing else changes. */
  trace?: ParseTrace;
  /**
   * Read the page as one plan whatever it looks like (the user's "read as a
   * plan" correction): no quoted blocks split off, one numbered item or
   * paragraph is a measure, owners and self-reference are not required.
   */
  permissive?: boolean;
  /** The plan's title when reading permissively (it decides the plan's id). */
  planTitle?: string;
}

/** The decisions of one parse, line by line and block by block, with the rule that made each. */
export interface ParseTrace {
  line: StructureTrace;
  plan: (title: string, isPlan: boolean, rule: string, measures: number) => void;
  /** Each number-with-unit of a plan's measure, accepted or rejected by a named rule. */
  targets?: (measure: string, explanation: TargetExplanation) => void;
}

export function needsSimplification(text: string): boolean {
  return needsSimplificationImpl(text);
}

export function loadSimplifier(): Promise<(s: string) => string> {
  return loadSimplifierImpl();
}

/** Parses a page, loading the traditional→simplified converter only when the page needs it. */
export async function parsePage(text: string, options: Omit<ParseOptions, 'simplify'> = {}): Promise<ParseResult> {
  // The script test is a pass over the whole page: done once here, not again in parseText.
  const traditional = needsSimplification(text);
  const simplify = traditional ? await loadSimplifier() : undefined;
  return parseWithScript(text, simplify ? { ...options, simplify } : options, traditional);
}

/** Shown as the title of a plan whose page prints none. */
export const UNTITLED = '(无标题)';
/** The verb after a deadline (6月底前完成): resolved without it. */
const DEADLINE_VERB_RE = /(?:完成|建成|实现|出台|上线|印发|落地|投入使用)$/u;
/** Measure.quote: the opening characters of the measure as written. */
const QUOTE_LENGTH = 40;
/** A page that refers to itself as a plan: 制定本工作方案 / 特编制本规划. */
const SELF_REFERENCE_RE = /(?:制定|制订|编制|印发|提出|形成)本(?:工作|实施|行动|专项|三年)?(?:方案|规划|计划|要点|清单)|特(?:制定|制订|编制)本|(?:制定|制订)(?:工作|实施)?方案如下/u;
const ISSUER_LABELS = ['发布机构', '发文机关', '发文单位'];
const DATE_LABELS = ['成文日期', '印发日期', '发布日期', '发布时间', '日期', '时间'];

/** Everything one parse shares: the normalised text and id helpers. */
interface ParseContext {
  norm: NormalizedText;
  lines: Line[];
  warnings: string[];
  trace?: ParseTrace | undefined;
}

/** Synchronous core: spans index into `text`. */
export function parseText(text: string, options: ParseOptions = {}): ParseResult {
  return parseWithScript(text, options, needsSimplification(text));
}

/** parseText, told whether the page is in traditional script (needsSimplification(text)). */
function parseWithScript(text: string, options: ParseOptions, traditional: boolean): ParseResult {
  const norm = normalizeText(text, options.simplify ? { simplify: options.simplify } : {});
  const lines = readLines(norm.text);
  const ctx: ParseContext = { norm, lines, warnings: [], trace: options.trace };
  const script: Plan['script'] = traditional ? 'traditional' : 'simplified';
  const chrome = readChrome(lines);
  const found = findTitle(lines, chrome, options.title ?? '');
  const pageTitle = found.title ? displayOf(norm, found.ranges) : (options.title ?? '');
  const pageTitleKey = found.title || (options.title ?? '');

  const plans: Plan[] = [];
  const inBlock = new Uint8Array(lines.length);
  /** Normalised ranges of the blocks taken out of the main document (a report's outcomes skip them). */
  const blockRanges: { start: number; end: number }[] = [];
  const names = shortNames(norm.text);
  const permissive = options.permissive === true;
  const reportPage = REPORT_WORD_RE.test(pageTitleKey);
  for (const block of permissive ? [] : findEmbeddedBlocks(lines, reportPage)) {
    const draft = readStructure(lines, block.from, block.to, { embedded: true, trace: options.trace?.line });
    const titleKey = resolveTitle(block.name, names);
    const headingLine = lines[block.heading]!;
    const period = findPeriod(titleKey);
    const said = announcement(norm.text, titleKey, headingLine.start);
    const signature = findSignature(lines.slice(block.from, draft.endLine));
    const year = said.year || (period && period.start === period.end ? period.start : 0);
    const date = said.month && year ? parseDate(`${year}年${said.month}月${said.day}日`) : signature.date;
    const ownText = block.by !== 'quote' && lines.slice(block.from, draft.endLine).some((l) => l.kind === 'text' && SELF_REFERENCE_RE.test(l.text));
    const plan = buildPlan(ctx, draft, {
      title: block.by === 'quote' ? displayTitle(norm, titleKey) : block.by === 'annex' ? displayTitle(norm, block.name) : displayOfRange(norm, headingLine.start, headingLine.end).replace(/^附件\s*\d{0,2}\s*[:：]?\s*|[《》]/gu, ''),
      titleKey,
      issuer: said.issuer || issuerFromTitle(titleKey) || signature.issuer,
      date,
      period,
      script,
      // A plan under its own title that calls itself a plan (制定本方案) is one even without owners;
      // an excerpt quoted by a digest needs its owners.
      // A report's section on the coming year is that year's plan; an annex titled as a plan is one.
      identifiesPlan: ownText || block.by === 'part' || (block.by !== 'quote' && PLAN_WORD_RE.test(titleKey)),
      embedded: block.by === 'quote',
      genreTitle: titleKey,
    });
    // A quoted excerpt never belongs to the main document; a titled block that
    // turns out not to be a plan goes back to it.
    if (plan || block.by === 'quote') {
      inBlock.fill(1, block.heading, draft.endLine);
      blockRanges.push({ start: headingLine.start, end: lines[Math.max(block.heading, draft.endLine - 1)]!.end });
    }
    if (plan) plans.push(plan);
    else if (draft.measures.length > 0) {
      ctx.warnings.push(`《${block.name}》: ${draft.measures.length} numbered items name no responsible units — not read as a plan`);
    }
  }

  // The main document: every line outside the quoted blocks.
  const mainLines = lines.filter((_, i) => !inBlock[i]);
  const draft = readStructure(mainLines, 0, mainLines.length, { embedded: false, permissive, trace: options.trace?.line });
  const selfReference = mainLines.some((l) => l.kind === 'text' && SELF_REFERENCE_RE.test(l.text));
  const signature = findSignature(mainLines);
  const issuerLabel = ISSUER_LABELS.map((l) => chrome.get(l)).find(Boolean);
  const dateLabel = DATE_LABELS.map((l) => chrome.get(l)).find((v) => v && parseDate(v.value));
  // A page titled "…关于印发《X》的通知" holding the plan itself: the plan is X.
  const forcedTitle = permissive && options.planTitle?.trim() ? options.planTitle.trim() : '';
  const forcedKey = forcedTitle ? normalizeText(forcedTitle, options.simplify ? { simplify: options.simplify } : {}).text.trim() : '';
  const mainTitleKey = forcedKey || planTitleOf(pageTitleKey) || UNTITLED;
  const mainPlan = buildPlan(ctx, draft, {
    title: forcedTitle || planTitleOf(pageTitle) || UNTITLED,
    titleKey: mainTitleKey,
    issuer: issuerLabel ? displayOf(norm, [issuerLabel]) : issuerFromTitle(pageTitleKey) || signature.issuer || chrome.get('信息来源')?.value || chrome.get('来源')?.value || '',
    date: dateLabel ? parseDate(dateLabel.value) : signature.date,
    period: findPeriod(mainTitleKey),
    script,
    identifiesPlan: PLAN_WORD_RE.test(pageTitleKey) || selfReference || permissive,
    permissive,
    embedded: false,
    // An untitled official document tells its genre in its declaration (现提出以下实施意见：).
    genreTitle: pageTitleKey || draft.declaredGenre,
    indexNumber: chrome.get('索引号')?.value,
    docNumber: chrome.get('文号')?.value ?? chrome.get('发文字号')?.value,
  });
  if (mainPlan) {
    if (!found.title) ctx.warnings.push(options.title ? `no title line on the page: using "${options.title}"` : 'no title line on the page');
    plans.unshift(mainPlan);
  } else if (draft.regulation) {
    ctx.warnings.push('reads as a regulation (第N条 articles): no measures');
  }
  plans.sort((a, b) => a.span.start - b.span.start);

  // A report's review part gives outcomes even when its plan for the coming year was read as a plan.
  const isReport = !mainPlan && reportPage;
  const outcomes = isReport ? readOutcomes(ctx, draft, blockRanges) : [];
  const kind: ParseResult['kind'] = plans.length > 1 ? 'plans' : plans.length === 1 ? 'plan' : isReport ? 'report' : 'other';
  return { plans, outcomes, kind, title: pageTitle, warnings: ctx.warnings };
}

interface PlanMeta {
  /** Title for display (original script) and for matching/ids (normalised). */
  title: string;
  titleKey: string;
  issuer: string;
  date: string;
  period: PlanPeriod | null;
  script: Plan['script'];
  /**
   * The block names itself a plan (title word or 制定本方案) and is not an
   * excerpt quoted by a larger page: then it is a plan even when its measures
   * name no owners.
   */
  identifiesPlan: boolean;
  /** Read as a plan anyway: one measure is enough. */
  permissive?: boolean;
  /** The block is quoted inside a larger page. */
  embedded: boolean;
  /** The title whose genre word (意见, 通知, 解读 …) tells what the document is. */
  genreTitle: string;
  indexNumber?: string | undefined;
  docNumber?: string | undefined;
}

/** Display text of normalised ranges: the original characters, noise left out. */
function displayOf(norm: NormalizedText, ranges: readonly { start: number; end: number }[]): string {
  return ranges
    .map((r) => {
      const span = toOriginalSpan(norm, r.start, r.end);
      return cleanOriginal(norm, span.start, span.end).trim();
    })
    .join('');
}

/** displayOf for one range (no arrays made). */
function displayOfRange(norm: NormalizedText, start: number, end: number): string {
  const span = toOriginalSpan(norm, start, end);
  return cleanOriginal(norm, span.start, span.end).trim();
}

/** A title found only in normalised form (resolved from a short name): shown as written on the page when it is there. */
function displayTitle(norm: NormalizedText, titleKey: string): string {
  const at = norm.text.indexOf(titleKey);
  return at >= 0 ? displayOfRange(norm, at, at + titleKey.length) : titleKey;
}

function originalSpan(norm: NormalizedText, start: number, end: number): Span {
  return toOriginalSpan(norm, start, end);
}

/** Trims white space off both ends of a normalised range. */
function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && isJsSpace(text.charCodeAt(start))) start++;
  while (end > start && isJsSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** What /\s/ matches, by char code (no one-character string and regex call per character). */
function isJsSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** The measure as read before ids: content range, title, units. */
interface ReadMeasure {
  draft: DraftMeasure;
  /** Normalised range of the content (after the number, without the owner note). */
  content: { start: number; end: number };
  key: string;
  owners: OwnerRef[];
  /** Normalised range of the title; deadline as written (in a table: its own column). */
  titleRange: { start: number; end: number };
  deadline?: string;
}

function readMeasure(ctx: ParseContext, dm: DraftMeasure): ReadMeasure {
  const { norm } = ctx;
  if (dm.row) return readRowMeasure(ctx, dm);
  const body = norm.text.slice(dm.bodyStart, dm.end);
  const fromLine = bodyNoteFromLine(dm);
  const note = fromLine === undefined ? findOwnerNote(body) : fromLine;
  const content = trimRange(norm.text, dm.bodyStart, note ? dm.bodyStart + note.start : dm.end);
  const contentText = norm.text.slice(content.start, content.end);
  const measure: ReadMeasure = { draft: dm, content, key: contentText, owners: note?.owners ?? [], titleRange: content };
  // "责任单位:A;完成时限:2025年底": a deadline written in the owner note is the measure's.
  const noteDeadline = note ? findDeadline(body.slice(note.start, note.end)) : '';
  if (noteDeadline) measure.deadline = noteDeadline;
  return measure;
}

/**
 * How many measures sit in a numbered run (1., 2., … or (一), (二), …) right
 * under a line that names the list as measures (七项纾民困措施:). One pass: a
 * run's heading is looked up once, at its first measure, over blank lines only.
 */
function countListed(ctx: ParseContext, measures: readonly DraftMeasure[]): number {
  let count = 0;
  let runHeaded = false;
  let previous: DraftMeasure | null = null;
  for (const dm of measures) {
    const continuesRun = previous !== null && previous.line.kind === dm.line.kind && dm.line.value > previous.line.value && dm.line.value > 1;
    if (!continuesRun) {
      runHeaded = false;
      for (let i = dm.line.index - 1; i >= 0; i--) {
        const line = ctx.lines[i]!;
        if (line.kind === 'blank') continue;
        runHeaded = line.kind === 'text' && namesMeasures(line.text);
        break;
      }
    }
    if (runHeaded) count++;
    previous = dm;
  }
  return count;
}

/** Owners named on the subsection (else section) heading, for a measure that names none. */
function inheritedOwners(draft: Draft, dm: DraftMeasure): OwnerRef[] {
  const section = dm.section >= 0 ? draft.sections[dm.section] : undefined;
  const subsection = section && dm.subsection >= 0 ? section.subsections[dm.subsection] : undefined;
  if (subsection && subsection.owners.length > 0) return subsection.owners;
  return section?.owners ?? [];
}

/** Title range of a measure (done only for measures of real plans). */
function measureTitleRange(ctx: ParseContext, m: ReadMeasure): { start: number; end: number } {
  const length = m.draft.style === 'lead' ? m.draft.leadLength : titleLength(m.key);
  return trimRange(ctx.norm.text, m.content.start, m.content.start + length);
}

function readRowMeasure(ctx: ParseContext, dm: DraftMeasure): ReadMeasure {
  const { norm } = ctx;
  const row = dm.row!;
  const task = row.cells[row.taskColumn]!;
  const contentText = norm.text.slice(task.start, task.end);
  const owners: OwnerRef[] = [];
  for (const { column, role } of row.ownerColumns) {
    const cell = row.cells[column];
    if (!cell) continue;
    for (const name of cell.text.split(/[、,，;；/\s]+/u)) {
      const canonical = canonicalOwner(name.trim());
      if (canonical && !owners.some((u) => u.name === canonical)) owners.push({ name: canonical, role });
    }
  }
  const deadlineCell = row.deadlineColumn >= 0 ? row.cells[row.deadlineColumn]?.text ?? '' : '';
  const measure: ReadMeasure = { draft: dm, content: { start: task.start, end: task.end }, key: contentText, owners, titleRange: { start: task.start, end: task.end } };
  if (deadlineCell) measure.deadline = deadlineCell;
  return measure;
}

/** Runs an extractor written by another module; a bug there costs its results, never the parse. */
function guarded<T>(ctx: ParseContext, what: string, run: () => T[]): T[] {
  try {
    return run();
  } catch (error) {
    ctx.warnings.push(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

function toTarget(ctx: ParseContext, raw: RawTarget, offset: number, id: string, period: PlanPeriod | null): Target {
  const { norm } = ctx;
  const span = originalSpan(norm, offset + raw.span.start, offset + raw.span.end);
  let label = raw.label;
  if (raw.labelSpan && norm.text.slice(offset + raw.labelSpan.start, offset + raw.labelSpan.end) === raw.label) {
    label = displayOfRange(norm, offset + raw.labelSpan.start, offset + raw.labelSpan.end);
  }
  const { labelSpan: _labelSpan, span: _rawSpan, ...fields } = raw;
  const target: Target = { ...fields, id, label, quote: norm.original.slice(span.start, span.end), span };
  if (target.deadline && !target.deadlineDate) {
    const resolved = resolveDeadline(target.deadline, period);
    if (resolved) target.deadlineDate = resolved;
  }
  return target;
}

function buildPlan(ctx: ParseContext, draft: Draft, meta: PlanMeta): Plan | null {
  const { norm } = ctx;
  if (draft.regulation) return null;
  const read = draft.measures.map((dm) => {
    const m = readMeasure(ctx, dm);
    if (m.owners.length === 0 && !dm.row) m.owners = findOpeningOwner(m.key);
    if (m.owners.length === 0 && !dm.row) m.owners = findProseOwner(m.key);
    if (m.owners.length === 0) m.owners = inheritedOwners(draft, dm);
    return m;
  });
  const decision = decidePlan({
    measures: read.length,
    owned: read.filter((m) => m.owners.length > 0).length,
    tasks: read.filter((m) => opensWithTask(m.key)).length,
    questions: read.filter((m) => isQuestion(m.key)).length,
    title: meta.genreTitle,
    identifiesPlan: meta.identifiesPlan,
    embedded: meta.embedded,
    regulation: draft.regulation,
    headed: countListed(ctx, draft.measures),
    firstPerson: read.filter((m) => speaksAsOffice(m.key)).length,
  });
  ctx.trace?.plan(meta.title, decision.isPlan, decision.rule.name, read.length);
  // Read as a plan anyway (the user asked to): any measure at all is enough.
  if (!decision.isPlan && !(meta.permissive && read.length >= 1)) {
    if (read.length >= 3 && decision.rule.why && !meta.embedded) ctx.warnings.push(`${meta.title || UNTITLED}: ${read.length} numbered items — not read as a plan: ${decision.rule.why} [${decision.rule.name}]`);
    return null;
  }

  // Ids: same text → same id; white space and script do not move them.
  const measureHashes = read.map((m) => stableId('mh', m.key));
  const fingerprint = stableIdOf('fp', measureHashes);
  // A titled plan keeps its id when one measure's wording is edited, so the
  // progress recorded against its other measures stays attached; an untitled
  // one can only be known by its measures.
  const planId = meta.titleKey ? stableId('plan', meta.titleKey) : stableId('plan', fingerprint);
  const uniqueMeasure = uniqueIds();
  const sectionIds = draft.sections.map((s) => stableId('s', planId, s.number, s.title));
  const uniqueSection = uniqueIds();
  const uniqueSubsection = uniqueIds();
  const finalSectionIds = sectionIds.map((id) => uniqueSection(id));
  // Subsection ids, de-duplicated once: the measures and the outline use these same ids (two
  // subsections with one heading under one section each keep their own measures).
  const finalSubsectionIds = draft.sections.map((section, k) => section.subsections.map((sub) => uniqueSubsection(subsectionId(finalSectionIds[k]!, sub.number, sub.title))));

  const measures: Measure[] = read.map((m, i) => {
    // From the plan id and the measure's text (through its hash: the text is hashed once).
    const id = uniqueMeasure(stableId('m', planId, measureHashes[i]!));
    const span = originalSpan(norm, m.draft.start, m.draft.end);
    const raws = guarded(ctx, 'target extraction', () => extractTargets(m.key, { period: meta.period }));
    if (ctx.trace?.targets) ctx.trace.targets(numberAsWritten(ctx, m.draft) || `#${i + 1}`, explainTargets(m.key, { period: meta.period }));
    // Most measures have no target: the id de-duplicator is made only for those that do.
    const uniqueTarget = raws.length > 0 ? uniqueIds() : null;
    const targets = raws.map((raw) => toTarget(ctx, raw, m.content.start, uniqueTarget!(stableId('t', id, m.key.slice(raw.span.start, raw.span.end))), meta.period));
    const section = m.draft.section >= 0 ? draft.sections[m.draft.section] : undefined;
    const deadline = m.deadline ?? findDeadline(m.key);
    const titleRange = measureTitleRange(ctx, m);
    const measure: Measure = {
      id,
      number: numberAsWritten(ctx, m.draft),
      index: i + 1,
      title: displayOfRange(norm, titleRange.start, titleRange.end),
      text: displayOfRange(norm, m.content.start, m.content.end),
      units: m.owners.map((u) => u.name),
      unitRoles: m.owners.map((u) => ({ name: u.name, role: u.role })),
      targets,
      span,
      quote: quoteOf(norm.original, span),
    };
    if (deadline) {
      measure.deadline = deadline;
      const resolved = resolveDeadline(deadline.replace(DEADLINE_VERB_RE, ''), meta.period);
      if (resolved) measure.deadlineDate = resolved;
    }
    if (section) measure.sectionId = finalSectionIds[m.draft.section]!;
    if (section && m.draft.subsection >= 0) measure.subsectionId = finalSubsectionIds[m.draft.section]![m.draft.subsection]!;
    return measure;
  });

  // Measure ids by the subsection (or, when they have none, the section) they name: one pass, not one per heading.
  const bySubsection = new Map<string, string[]>();
  const bySectionOnly = new Map<string, string[]>();
  for (const m of measures) {
    if (m.subsectionId) pushTo(bySubsection, m.subsectionId, m.id);
    else if (m.sectionId !== undefined) pushTo(bySectionOnly, m.sectionId, m.id);
  }
  const sections: Section[] = draft.sections.map((s, k) => {
    const id = finalSectionIds[k]!;
    const subsections: Subsection[] = s.subsections.map((sub, j) => {
      const subId = finalSubsectionIds[k]![j]!;
      return {
        id: subId,
        number: sub.number,
        title: displayOfRange(norm, sub.titleStart, sub.titleEnd),
        measureIds: bySubsection.get(subId)?.slice() ?? [],
        span: originalSpan(norm, sub.start, sub.end),
      };
    });
    return {
      id,
      number: s.number,
      title: displayOfRange(norm, s.titleStart, s.titleEnd),
      measureIds: bySectionOnly.get(id)?.slice() ?? [],
      subsections,
      span: originalSpan(norm, s.start, s.end),
    };
  });

  const blockText = norm.text.slice(draft.start, draft.end);
  const uniqueIndicator = uniqueIds();
  const indicators: Indicator[] = guarded(ctx, 'indicator tables', () => extractIndicatorTables(blockText)).map((raw) => {
    const { span: rawSpan, ...fields } = raw;
    const indicator: Indicator = {
      ...fields,
      id: uniqueIndicator(stableId('ind', planId, raw.name, raw.target)),
      span: originalSpan(norm, draft.start + rawSpan.start, draft.start + rawSpan.end),
    };
    return indicator;
  });

  const preamble = norm.text.slice(draft.start, Math.max(draft.start, draft.preambleEnd));
  const uniqueNarrative = uniqueIds();
  const narrativeTargets = guarded(ctx, 'narrative targets', () => extractNarrativeTargets(preamble)).map((raw) =>
    toTarget(ctx, raw, draft.start, uniqueNarrative(stableId('nt', planId, preamble.slice(raw.span.start, raw.span.end))), meta.period),
  );

  const plan: Plan = {
    id: planId,
    fingerprint,
    title: meta.title,
    issuer: meta.issuer,
    date: meta.date,
    period: meta.period,
    script: meta.script,
    sections,
    measures,
    indicators,
    narrativeTargets,
    span: originalSpan(norm, draft.start, draft.end),
  };
  if (meta.indexNumber) plan.indexNumber = meta.indexNumber;
  if (meta.docNumber) plan.docNumber = meta.docNumber;
  return plan;
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function subsectionId(sectionId: string, number: string, title: string): string {
  return stableId('ss', sectionId, number, title);
}

/** The measure's number: "12" (digits folded to ASCII so numbers sort and compare), or "（三）" as written for paragraph-numbered measures. */
function numberAsWritten(ctx: ParseContext, dm: DraftMeasure): string {
  if (dm.style === 'item' || dm.style === 'row') return dm.number;
  if (dm.style === 'lead') return '';
  const span = originalSpan(ctx.norm, dm.start, dm.bodyStart);
  return cleanOriginal(ctx.norm, span.start, span.end).trim();
}

/** The first ~40 characters of a span, never splitting a surrogate pair. */
function quoteOf(original: string, span: Span): string {
  let end = Math.min(span.end, span.start + QUOTE_LENGTH);
  const code = original.charCodeAt(end - 1);
  if (end < span.end && code >= 0xd800 && code <= 0xdbff) end++;
  return original.slice(span.start, end);
}

/**
 * Reported figures of a results report: the main document's text, without the
 * blocks read as plans (a work report's plan for the coming year states
 * targets, not results).
 */
function readOutcomes(ctx: ParseContext, draft: Draft, skip: readonly { start: number; end: number }[]): Outcome[] {
  const { norm } = ctx;
  const segments: { start: number; end: number }[] = [];
  let from = draft.start;
  for (const range of [...skip].sort((a, b) => a.start - b.start)) {
    if (range.start > from) segments.push({ start: from, end: Math.min(range.start, draft.end) });
    from = Math.max(from, range.end);
  }
  if (draft.end > from) segments.push({ start: from, end: draft.end });
  const unique = uniqueIds();
  return segments.flatMap(({ start, end }) => {
    const text = norm.text.slice(start, Math.max(start, end));
    return guarded(ctx, 'outcome extraction', () => extractOutcomes(text)).map((raw) => {
      const span = originalSpan(norm, start + raw.span.start, start + raw.span.end);
      const key = text.slice(raw.span.start, raw.span.end);
      const outcome: Outcome = { ...raw, id: unique(stableId('o', key, String(hash53(raw.label)))), quote: norm.original.slice(span.start, span.end), span };
      return outcome;
    });
  });
}

