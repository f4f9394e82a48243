// The outline of one document block: sections (一、), subsections ((一)),
// and measures — numbered items (1. 1、 1,), (一)-numbered paragraphs when
// no deeper level exists, rows of a task table, or unnumbered paragraphs
// opening with a lead phrase. One pass to choose the measure style, one pass
// to build; both walk the lines once.

import type { Line } from './lines.ts';
import { GUARANTEE_TITLE_RE, isPreambleTitle, leadPhraseLength, titleLength } from './measures.ts';
import { findOpeningOwner, findOwnerNote, isOwnerLine, type OwnerNote, type OwnerRef, type OwnerRole } from './owners.ts';
import { readUnnumbered, type UnnumberedReading } from './paragraphs.ts';

export type MeasureStyle = 'item' | 'subsection' | 'section' | 'point' | 'row' | 'lead' | 'none';

export interface DraftSubsection {
  number: string;
  title: string;
  /** Normalised offsets of the title text. */
  titleStart: number;
  titleEnd: number;
  /** Normalised offsets of the heading line and of the whole subsection. */
  start: number;
  end: number;
  preamble: boolean;
  /** Owners named on the heading line itself, inherited by measures that name none. */
  owners: OwnerRef[];
}

export interface DraftSection extends DraftSubsection {
  guarantee: boolean;
  subsections: DraftSubsection[];
}

export interface TableCells {
  /** Cell texts and their normalised offsets. */
  cells: { text: string; start: number; end: number }[];
  taskColumn: number;
  ownerColumns: { column: number; role: OwnerRole }[];
  deadlineColumn: number;
  numberColumn: number;
}

export interface DraftMeasure {
  number: string;
  /** Normalised offsets: whole measure, and where its content starts (after the number). */
  start: number;
  end: number;
  bodyStart: number;
  section: number;
  subsection: number;
  style: Exclude<MeasureStyle, 'none'>;
  /** Length of the lead phrase for unnumbered measures. */
  leadLength: number;
  /** The measure's first line already ends with an owner note. */
  noteOnFirstLine: boolean;
  /** The measure's first line. */
  line: Line;
  row?: TableCells;
  /** A bare numbered heading whose body is the paragraphs after it: they belong to the measure. */
  bodyFollows?: boolean;
}

export interface Draft {
  sections: DraftSection[];
  measures: DraftMeasure[];
  style: MeasureStyle;
  /** The block reads as a regulation (第N条 articles): no measures. */
  regulation: boolean;
  /** Line index where the block really ends (exclusive): an embedded plan stops at the next foreign item. */
  endLine: number;
  /** Normalised offsets of the first and last content lines. */
  start: number;
  end: number;
  /** Normalised offset where the first section holding measures starts (end of the preamble). */
  preambleEnd: number;
  /** The rule that chose the measure style, and what each style would have given. */
  styleRule: string;
  styleCounts: Record<string, number>;
  /** What an official document of unnumbered paragraphs declares itself to be (实施意见, 若干措施), '' otherwise. */
  declaredGenre: string;
}

const MIN_MEASURES = 3;
const MIN_ARTICLES = 3;
const MAX_HEADING = 60;
/** Longest run-in label before a colon that opens a paragraph (市工信局:, 总体目标:). */
const RUN_IN_LABEL = 24;

/** What a heading line says, read once per line (kept in line.memo). */
interface HeadingRead {
  title: string;
  /** Owner note of the text after the number. */
  note: OwnerNote | null;
}

function readHeading(line: Line): HeadingRead {
  const known = line.memo?.heading;
  if (known) return known;
  const body = line.text.slice(line.bodyStart - line.start);
  const opening = findOpeningOwner(body);
  // "(一)市工信局:" heading a group of duties names their owner.
  const note = findOwnerNote(body) ?? (opening.length > 0 ? { start: body.length, end: body.length, owners: opening, closesBracket: false } : null);
  // "（一）推进XX（牵头单位：区发改局）": the owner note is not part of the title.
  const titled = note && body.length <= MAX_HEADING * 2 ? body.slice(0, note.start) : body;
  const stop = titled.indexOf('。');
  const title = (stop >= 0 ? titled.slice(0, stop) : titled).trimEnd().slice(0, MAX_HEADING);
  const read = { title, note };
  (line.memo ??= {}).heading = read;
  return read;
}

/** Heading title: the text after the number up to the first 。 (or the line), trimmed. */
function headingTitle(line: Line): string {
  return readHeading(line).title;
}

/**
 * findOwnerNote(the measure's text after its number), taken from the note of
 * its line when that is certain to be the same; undefined when it must be read.
 * Same when the measure is its one line and either starts its text there
 * (lead paragraphs) or the line's note is the bracket closing it, opened after
 * the number: findOwnerNote scans back from the closing bracket and meets the
 * same characters in the same order either way.
 */
export function bodyNoteFromLine(dm: DraftMeasure): OwnerNote | null | undefined {
  const line = dm.line;
  if (dm.start !== line.start || dm.end !== line.end || dm.bodyStart < line.start) return undefined;
  const offset = dm.bodyStart - line.start;
  const note = lineNote(line);
  if (offset === 0) return note;
  if (note && note.closesBracket && note.start >= offset) return { start: note.start - offset, end: note.end - offset, owners: note.owners, closesBracket: true };
  return undefined;
}

/** The owner note of a whole line (null when none), read once per line. */
function lineNote(line: Line): OwnerNote | null {
  let note = line.memo?.ownerNote;
  if (note === undefined) {
    note = findOwnerNote(line.text);
    (line.memo ??= {}).ownerNote = note;
  }
  return note;
}

function heading(line: Line): Pick<DraftSubsection, 'number' | 'title' | 'titleStart' | 'titleEnd' | 'start' | 'end' | 'preamble' | 'owners'> {
  // Owners named on a heading apply to the measures under it that name none.
  const { title, note } = readHeading(line);
  return {
    number: line.number,
    title,
    titleStart: line.bodyStart,
    titleEnd: line.bodyStart + title.length,
    start: line.start,
    end: line.end,
    preamble: isPreambleTitle(title),
    owners: note?.owners ?? [],
  };
}

/**
 * A section from its heading line. Written out field by field: an object
 * spread with added fields ({ ...head, guarantee }) takes a slow runtime path
 * in V8 (µs per object) and leaves a slow object behind.
 */
function sectionOf(line: Line): DraftSection {
  const head = heading(line);
  return {
    number: head.number,
    title: head.title,
    titleStart: head.titleStart,
    titleEnd: head.titleEnd,
    start: head.start,
    end: head.end,
    preamble: head.preamble,
    owners: head.owners,
    guarantee: GUARANTEE_TITLE_RE.test(head.title),
    subsections: [],
  };
}

/** A numbered line (一、 or (一)) that is a paragraph (title sentence + body), not a bare heading. */
function isParagraphHeading(line: Line): boolean {
  const body = line.text.slice(line.bodyStart - line.start);
  const stop = body.indexOf('。');
  // A title sentence and a body; a run-in label and its text ("(一)市工信局:负责…"); or a
  // line longer than any heading ("(二)市委文明办(创城办):根据…;…").
  const colon = body.indexOf(':');
  return (stop > 0 && body.length - stop - 1 >= 10) || (colon > 0 && colon <= RUN_IN_LABEL && body.length - colon - 1 >= 10) || body.length > MAX_HEADING;
}

/** Shortest numbered line read as a whole sentence rather than a heading ending in 。 (加强重点人群管理。). */
const MIN_SENTENCE_LINE = 16;

/**
 * A numbered line that is one whole requirement ending in 。 ("(三)所有发热患者必须留观,
 * 在未确诊前不允许流动。") with no paragraph after it: a paragraph of its own, not the
 * heading of what follows. (When a paragraph follows, it is the body: bodyFollows.)
 */
function isSentenceLine(line: Line): boolean {
  const length = line.end - line.bodyStart;
  return length >= MIN_SENTENCE_LINE && line.text.charCodeAt(line.text.length - 1) === 0x3002;
}

const TASK_HEADER_RE = /任务|措施|内容|事项|举措|工作/u;
/** Of several task columns (工作任务 | 具体措施), the one that holds each row's own measure. */
const SPECIFIC_TASK_HEADER_RE = /具体|措施|内容|举措/u;
const UNIT_HEADER_RE = /(牵头|责任|配合|协办|参与|主责|负责|指导)(单位|部门|主体)|责任人/u;
const DEADLINE_HEADER_RE = /时限|时间|期限|节点/u;
const NUMBER_HEADER_RE = /^(序号|编号|序)$/u;

function splitCells(line: Line): TableCells['cells'] {
  const cells: TableCells['cells'] = [];
  let from = 0;
  const text = line.text;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\t') {
      const raw = text.slice(from, i);
      const lead = raw.length - raw.trimStart().length;
      const value = raw.trim();
      cells.push({ text: value, start: line.start + from + lead, end: line.start + from + lead + value.length });
      from = i + 1;
    }
  }
  return cells;
}

/**
 * Cells a rowspan covers arrive empty (engine/text/dom-text.ts keeps their
 * columns): the number, owner and deadline cells of such a row are the ones
 * above it.
 */
function carryDown(cells: TableCells['cells'], previous: TableCells['cells'] | null, header: Omit<TableCells, 'cells'>): TableCells['cells'] {
  if (!previous) return cells;
  const carried = [header.numberColumn, header.deadlineColumn, ...header.ownerColumns.map((u) => u.column)];
  return cells.map((cell, column) => (cell.text === '' && carried.includes(column) && previous[column]?.text ? previous[column]! : cell));
}

/** True when the next content line is a table row (the line is a group row of a table). */
function nextIsRow(lines: readonly Line[], at: number, to: number): boolean {
  for (let j = at + 1; j < to; j++) {
    const kind = lines[j]!.kind;
    if (kind === 'blank') continue;
    return kind === 'row';
  }
  return false;
}

/** Reads a task-table header row (序号 / 任务 / 责任单位 / 完成时限); null when the row is not one. */
function readTaskHeader(line: Line): Omit<TableCells, 'cells'> | null {
  const cells = splitCells(line).map((c) => c.text);
  const ownerColumns: TableCells['ownerColumns'] = [];
  let taskColumn = -1;
  let deadlineColumn = -1;
  let numberColumn = -1;
  cells.forEach((cell, column) => {
    if (cell.length > 12) return;
    if (UNIT_HEADER_RE.test(cell)) {
      ownerColumns.push({ column, role: /牵头|主责/u.test(cell) ? 'lead' : /配合|协办|参与/u.test(cell) ? 'support' : 'responsible' });
    } else if (NUMBER_HEADER_RE.test(cell)) numberColumn = column;
    else if (DEADLINE_HEADER_RE.test(cell) && deadlineColumn < 0) deadlineColumn = column;
    else if (TASK_HEADER_RE.test(cell) && (taskColumn < 0 || (SPECIFIC_TASK_HEADER_RE.test(cell) && !SPECIFIC_TASK_HEADER_RE.test(cells[taskColumn]!)))) {
      taskColumn = column;
    }
  });
  if (taskColumn < 0 || ownerColumns.length === 0) return null;
  return { taskColumn, ownerColumns, deadlineColumn, numberColumn };
}

/** Told what each line was read as and which rule said so (planmeter parse --explain). */
export type StructureTrace = (line: Line, readAs: string, rule: string) => void;

interface Options {
  /** The block is a plan quoted inside a larger page (digest, news). */
  embedded: boolean;
  /**
   * Read as a plan anyway (the user asked to): one numbered item, row or lead
   * paragraph is enough, and a page with none takes its paragraphs of at least
   * PERMISSIVE_MIN_PARAGRAPH characters as measures.
   */
  permissive?: boolean;
  trace?: StructureTrace | undefined;
}

/** Shortest paragraph the permissive reading takes as a measure when nothing is numbered. */
export const PERMISSIVE_MIN_PARAGRAPH = 12;

/** Largest jump in a numbering that still continues it (a number skipped by the drafter). */
const MAX_NUMBER_GAP = 3;

/**
 * Accepts numbered items that continue a sequence (n+1) or restart it (1).
 * Outside a quoted block a gap of a few numbers or a repeated number also
 * continues it: real plans skip and repeat numbers, and that must not end the
 * plan and drop the rest. Inside a quoted block a number that does not follow
 * marks where the quote ends (the page's next news item).
 */
class Sequence {
  private last = 0;
  constructor(private readonly strict: boolean) {}
  accepts(value: number): boolean {
    // Four- and five-digit numbers (a year, 2025、) only ever continue a
    // running list: measure 1000 follows 999, it never starts one.
    if (value >= 1000) return value === this.last + 1;
    if (this.last === 0) return !this.strict || value === 1;
    if (value === this.last + 1 || value === 1) return true;
    return !this.strict && value >= this.last && value <= this.last + MAX_NUMBER_GAP;
  }
  take(value: number): void {
    this.last = value;
  }
  get started(): boolean {
    return this.last > 0;
  }
  get next(): number {
    return this.last + 1;
  }
}

/** Skipped lines: page furniture, contents, page numbers, boxes. */
function isNoise(line: Line): boolean {
  return line.kind === 'chrome' || line.kind === 'toc' || line.kind === 'pageno';
}

/** What pass 1 counted: the measures each style would give. */
interface StyleCounts {
  items: number;
  rows: number;
  paragraphSubsections: number;
  paragraphSections: number;
  leads: number;
  subsectionLines: number;
  itemLines: number;
  /** (1) points outside the preamble. */
  points: number;
  /** Measure paragraphs of an official document whose numbering is lost (engine/parse/paragraphs.ts). */
  taskParagraphs: number;
  /** 一、 lines whose title introduces the plan (指导思想, 主要目标 …). */
  preambleSections: number;
}

/**
 * How a plan numbers its measures, as named rules. The style that gives the
 * most measures (at least three) wins; on a tie the earlier rule wins, so the
 * deepest level is preferred (1. under (一) under 一、; lead-phrase paragraphs
 * under (一) headings).
 */
const STYLE_RULES: readonly { name: string; style: Exclude<MeasureStyle, 'none'>; count: (c: StyleCounts, sectionLines: number) => number }[] = [
  { name: 'numbered-items', style: 'item', count: (c) => c.items },
  { name: 'task-table-rows', style: 'row', count: (c) => c.rows },
  // Lead-phrase paragraphs ("壮大创新型企业队伍。…") under (一) group headings are the deeper level.
  { name: 'lead-phrases', style: 'lead', count: (c) => c.leads },
  // (一) paragraphs, or (一) headings whose body is the next paragraph, when nothing deeper is numbered.
  { name: 'numbered-paragraphs', style: 'subsection', count: (c) => c.paragraphSubsections },
  // (1) or ① points are the measures only when nothing at the 1. or (一) level is (they are a measure's parts otherwise).
  { name: 'numbered-points', style: 'point', count: (c) => (c.items < MIN_MEASURES && c.paragraphSubsections < MIN_MEASURES ? c.points : 0) },
  // 一、 used as measures: every top-level item is a paragraph and nothing is numbered below it. Preamble
  // items (一、指导思想。… 三、主要目标。…) are not measures and do not count against it.
  {
    name: 'top-level-paragraphs',
    style: 'section',
    count: (c, sectionLines) =>
      c.subsectionLines === 0 && c.itemLines === 0 && c.paragraphSections * 3 >= (sectionLines - c.preambleSections) * 2 ? c.paragraphSections : 0,
  },
  // An official document (addressees, 现提出以下意见：) whose numbering is lost: one measure a paragraph.
  { name: 'unnumbered-task-paragraphs', style: 'lead', count: (c) => c.taskParagraphs },
];

/** True when no numbered style gives a plan's worth of measures: then an unnumbered reading is tried. */
function nothingNumbered(c: StyleCounts): boolean {
  return c.items < MIN_MEASURES && c.rows < MIN_MEASURES && c.paragraphSubsections < MIN_MEASURES && c.paragraphSections < MIN_MEASURES && c.points < MIN_MEASURES;
}

function chooseStyle(counts: StyleCounts, sectionLines: number, least = MIN_MEASURES): { style: MeasureStyle; rule: string } {
  let best: { style: MeasureStyle; rule: string; n: number } = { style: 'none', rule: 'fewer-than-three-measures', n: least - 1 };
  for (const rule of STYLE_RULES) {
    const n = rule.count(counts, sectionLines);
    if (n > best.n) best = { style: rule.style, rule: rule.name, n };
  }
  return { style: best.style, rule: best.rule };
}


/**
 * A bare (一) heading whose next line is a plain paragraph: its body. (When the
 * paragraphs under the headings open with lead phrases of their own, the
 * lead-phrase rule gives as many measures and wins: see STYLE_RULES.)
 */
function bodyFollows(lines: readonly Line[], at: number, to: number): boolean {
  for (let j = at + 1; j < to; j++) {
    const next = lines[j]!;
    if (next.kind === 'blank' || next.kind === 'chrome' || next.kind === 'pageno') continue;
    return next.kind === 'text';
  }
  return false;
}

/** True when numbered items follow a (一) line before the next heading: the line groups them. */
function hasItemsBelow(lines: readonly Line[], at: number, to: number): boolean {
  for (let j = at + 1; j < to; j++) {
    const kind = lines[j]!.kind;
    if (kind === 'item') return true;
    if (kind === 'section' || kind === 'subsection') return false;
  }
  return false;
}

/**
 * "7.5G基站建设工程…" where item 7 is due: the number runs into content that
 * looks like a decimal. Read as item 7 when the sequence expects it.
 */
function readGluedItem(line: Line, expected: number): void {
  const mark = `${expected}.`;
  if (!line.text.startsWith(mark) || !/^\d/u.test(line.text.slice(mark.length))) return;
  line.kind = 'item';
  line.number = String(expected);
  line.value = expected;
  line.bodyStart = line.start + mark.length;
}

/**
 * Builds the outline of lines [from, to). For an embedded block, the block
 * ends early at a numbered item that cannot continue the plan's numbering
 * (the next news item of the page around it).
 */
export function readStructure(lines: readonly Line[], from: number, to: number, options: Options): Draft {
  // Pass 1: where the block ends, and how many measures each style would give.
  const seq = new Sequence(options.embedded);
  let endLine = to;
  const counts: StyleCounts = { items: 0, rows: 0, paragraphSubsections: 0, paragraphSections: 0, leads: 0, subsectionLines: 0, itemLines: 0, points: 0, taskParagraphs: 0, preambleSections: 0 };
  let articles = 0;
  let sectionLines = 0;
  let header: Omit<TableCells, 'cells'> | null = null;
  let sectionPreamble = false;
  let subsectionPreamble = false;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.kind === 'text' && seq.started) readGluedItem(line, seq.next);
    switch (line.kind) {
      case 'item':
        counts.itemLines++;
        if (seq.accepts(line.value)) {
          seq.take(line.value);
          // Numbered goals in 总体要求/发展目标 do not make the plan item-numbered.
          if (!sectionPreamble && !subsectionPreamble) counts.items++;
        } else if (options.embedded) {
          endLine = i;
        }
        break;
      case 'section': {
        sectionLines++;
        const title = headingTitle(line);
        sectionPreamble = isPreambleTitle(title);
        if (sectionPreamble) counts.preambleSections++;
        subsectionPreamble = false;
        if (!sectionPreamble && (isParagraphHeading(line) || bodyFollows(lines, i, to))) counts.paragraphSections++;
        // A group row of a task table (一、政务服务方面（共8项）) does not end the table.
        if (!nextIsRow(lines, i, to)) header = null;
        break;
      }
      case 'subsection':
        counts.subsectionLines++;
        subsectionPreamble = isPreambleTitle(headingTitle(line));
        if (!sectionPreamble && !subsectionPreamble && (isParagraphHeading(line) || bodyFollows(lines, i, to) || isSentenceLine(line))) counts.paragraphSubsections++;
        break;
      case 'article':
        articles++;
        break;
      case 'subitem':
        if (!sectionPreamble && !subsectionPreamble) counts.points++;
        break;
      case 'row': {
        // A header row (first, or repeated on a new page of the table) sets the columns.
        const headerHere = readTaskHeader(line);
        if (headerHere) header = headerHere;
        else if (header) counts.rows++;
        break;
      }
      case 'text':
        header = null;
        if (!sectionPreamble && !subsectionPreamble && leadPhraseLength(line.text) > 0) counts.leads++;
        break;
      default:
        break;
    }
    if (endLine !== to) break;
  }
  const permissive = options.permissive === true;
  const regulation = !permissive && articles >= MIN_ARTICLES;
  // Only where nothing is numbered: a numbered plan never pays for this reading.
  const unnumbered: UnnumberedReading | null = !regulation && nothingNumbered(counts) ? readUnnumbered(lines, from, endLine) : null;
  if (unnumbered) counts.taskParagraphs = unnumbered.measures.length;
  const chosen = regulation ? { style: 'none' as MeasureStyle, rule: 'regulation-articles' } : chooseStyle(counts, sectionLines, permissive ? 1 : MIN_MEASURES);
  // Permissive and nothing numbered: every plain paragraph is a measure.
  const paragraphs = permissive && chosen.style === 'none';
  const style: MeasureStyle = paragraphs ? 'lead' : chosen.style;
  const taskParagraphs = chosen.rule === 'unnumbered-task-paragraphs' && unnumbered ? new Set(unnumbered.measures) : null;

  // Pass 2: build sections, subsections and measures.
  const sections: DraftSection[] = [];
  const measures: DraftMeasure[] = [];
  const build = new Sequence(options.embedded);
  let section: DraftSection | null = null;
  let subsection: DraftSubsection | null = null;
  let open: DraftMeasure | null = null;
  let start = -1;
  let end = -1;
  header = null;
  const closeMeasure = () => {
    open = null;
  };
  const inPreamble = () => (section?.preamble ?? false) || (subsection?.preamble ?? false);
  const inGuarantee = () => section?.guarantee ?? false;
  const trace = options.trace;
  const measuresBefore = { n: 0 };
  let previousRow: TableCells['cells'] | null = null;
  for (let i = from; i < endLine; i++) {
    const line = lines[i]!;
    if (trace && i > from) traceLine(trace, lines[i - 1]!, measures, measuresBefore, style, chosen.rule, taskParagraphs ? unnumbered : null);
    if (line.kind === 'blank' || isNoise(line)) continue;
    if (start < 0) start = line.start;
    end = line.end;
    switch (line.kind) {
      case 'section': {
        closeMeasure();
        const sectionHeaded = style === 'section' && !isParagraphHeading(line) && bodyFollows(lines, i, endLine);
        if (style === 'section' && (isParagraphHeading(line) || sectionHeaded) && !isPreambleTitle(headingTitle(line))) {
          // 一、 used as measures: no sections.
          open = addMeasure(measures, line, 'section', sections, null, null, 0);
          if (sectionHeaded) (open as DraftMeasure).bodyFollows = true;
          break;
        }
        if (section) section.end = line.start;
        if (subsection) subsection.end = line.start;
        section = sectionOf(line);
        sections.push(section);
        subsection = null;
        if (!nextIsRow(lines, i, endLine)) {
          header = null;
          previousRow = null;
        }
        break;
      }
      case 'subsection': {
        closeMeasure();
        const follows = bodyFollows(lines, i, endLine);
        const paragraph = isParagraphHeading(line) || (!follows && isSentenceLine(line));
        const headed = !paragraph && follows;
        const title = headingTitle(line);
        // Measures are the leaves of the numbering: in an item-numbered plan, a (一) paragraph
        // with no numbered items under it is a measure too (46: (一)–(五) beside runs of 1.–N.).
        // Not in a closing 保障措施 section: there they are the plan's general duties.
        const leaf = style === 'item' && (paragraph || headed) && !inGuarantee() && !hasItemsBelow(lines, i, endLine);
        const asMeasure = (style === 'subsection' || leaf) && (paragraph || headed) && !(section?.preamble ?? false) && !isPreambleTitle(title);
        if (asMeasure) {
          open = addMeasure(measures, line, 'subsection', sections, section, subsection, 0);
          if (headed) (open as DraftMeasure).bodyFollows = true;
          break;
        }
        if (sectionLines === 0) {
          // A plan whose top level is (一): those headings are its sections.
          if (section) section.end = line.start;
          section = sectionOf(line);
          sections.push(section);
          subsection = null;
          break;
        }
        if (subsection) subsection.end = line.start;
        subsection = heading(line);
        if (section) section.subsections.push(subsection);
        break;
      }
      case 'item': {
        closeMeasure();
        if (style === 'item' && build.accepts(line.value)) {
          build.take(line.value);
          // Numbered items inside a 总体要求/发展目标 section are goals, not tasks.
          if (!inPreamble()) open = addMeasure(measures, line, 'item', sections, section, subsection, 0);
        }
        break;
      }
      case 'subitem':
        if (style === 'point' && !inPreamble()) {
          closeMeasure();
          open = addMeasure(measures, line, 'point', sections, section, subsection, 0);
        } else if (open) (open as DraftMeasure).end = line.end;
        break;
      case 'row': {
        closeMeasure();
        const headerHere = readTaskHeader(line);
        if (headerHere || !header) {
          header = headerHere;
          previousRow = null;
          break;
        }
        const cells = carryDown(splitCells(line), previousRow, header);
        previousRow = cells;
        const task = cells[header.taskColumn];
        if (style !== 'none' && style !== 'lead' && task && task.text.length >= 4) {
          const measure = addMeasure(measures, line, 'row', sections, section, subsection, 0);
          measure.row = { taskColumn: header.taskColumn, ownerColumns: header.ownerColumns, deadlineColumn: header.deadlineColumn, numberColumn: header.numberColumn, cells };
          measure.bodyStart = task.start;
          measure.number = header.numberColumn >= 0 ? (cells[header.numberColumn]?.text ?? '') : '';
        }
        break;
      }
      case 'text': {
        header = null;
        if (open && (open as DraftMeasure).bodyFollows) {
          (open as DraftMeasure).end = line.end;
          break;
        }
        if (open && isOwnerLine(line.text)) {
          (open as DraftMeasure).end = line.end;
          break;
        }
        if (open && (open as DraftMeasure).style !== 'lead') {
          // A numbered measure may run over a few paragraphs before its owner note.
          const noteLine = continuationWithNote(lines, i, endLine, (open as DraftMeasure).noteOnFirstLine);
          if (noteLine >= 0) {
            (open as DraftMeasure).end = lines[noteLine]!.end;
            end = lines[noteLine]!.end;
            i = noteLine;
            break;
          }
        }
        closeMeasure();
        if (taskParagraphs) {
          if (taskParagraphs.has(line.index)) open = addMeasure(measures, line, 'lead', sections, section, subsection, leadPhraseLength(line.text) || Math.max(1, titleLength(line.text)));
          break;
        }
        if (style === 'lead' && !inPreamble() && !inGuarantee()) {
          const lead = paragraphs ? (line.text.length >= PERMISSIVE_MIN_PARAGRAPH ? Math.max(1, titleLength(line.text)) : 0) : leadPhraseLength(line.text);
          if (lead > 0) open = addMeasure(measures, line, 'lead', sections, section, subsection, lead);
        }
        break;
      }
      default:
        // Boxes (专栏), dash lines, table cells, articles: never measures.
        closeMeasure();
        break;
    }
  }
  if (trace && endLine > from) traceLine(trace, lines[endLine - 1]!, measures, measuresBefore, style, chosen.rule, taskParagraphs ? unnumbered : null);
  if (section) {
    section.end = Math.max(section.end, end);
    const last = section.subsections[section.subsections.length - 1];
    if (last) last.end = Math.max(last.end, end);
  }
  const firstMeasure = measures[0];
  const measureSection = firstMeasure && firstMeasure.section >= 0 ? sections[firstMeasure.section]! : null;
  const preambleEnd = measureSection ? measureSection.start : firstMeasure ? firstMeasure.start : Math.max(start, 0);
  return {
    sections, measures, style, regulation, endLine, start: Math.max(start, 0), end: Math.max(end, 0), preambleEnd,
    styleRule: chosen.rule, styleCounts: { ...counts }, declaredGenre: unnumbered?.genre ?? '',
  };
}

/** Reports what a line was read as, once pass 2 has read it. */
function traceLine(
  trace: StructureTrace,
  line: Line,
  measures: readonly DraftMeasure[],
  before: { n: number },
  style: MeasureStyle,
  styleRule: string,
  unnumbered: UnnumberedReading | null,
): void {
  if (measures.length > before.n) {
    before.n = measures.length;
    trace(line, `measure ${measures[measures.length - 1]!.number || '(lead phrase)'}`, styleRule);
    return;
  }
  const last = measures[measures.length - 1];
  if (last && line.start >= last.start && line.end <= last.end) {
    trace(line, 'measure text (continued)', last.bodyFollows ? 'body-after-heading' : 'continuation-with-owner-note');
    return;
  }
  const paragraphRule = unnumbered?.rules.get(line.index);
  if (paragraphRule && line.kind === 'text') {
    trace(line, 'text', paragraphRule);
    return;
  }
  const why: Record<string, string> = {
    section: 'section-heading', subsection: 'subsection-heading', item: `item-not-a-measure (${style} style)`, subitem: 'sub-point',
    article: 'regulation-article', box: 'boxed-list', dash: 'dash-list', cell: 'table-cell', row: 'table-row', embed: 'quoted-plan-heading',
    chrome: 'page-chrome', toc: 'contents', pageno: 'page-number', blank: 'blank', text: 'prose',
  };
  trace(line, line.kind, why[line.kind] ?? line.kind);
}

/** Most paragraphs a measure runs over before its owner note. */
const MAX_CONTINUATION = 3;

/**
 * When a numbered measure's first line names no owner, the paragraphs after it
 * (up to 3, all plain text) still belong to it if one of them ends with the
 * owner note. Returns that line's index, or -1.
 */
function continuationWithNote(lines: readonly Line[], at: number, to: number, hasNote: boolean): number {
  if (hasNote) return -1;
  let seen = 0;
  for (let j = at; j < to && seen < MAX_CONTINUATION; j++) {
    const line = lines[j]!;
    if (line.kind === 'blank') continue;
    if (line.kind !== 'text' || leadPhraseLength(line.text) > 0) return -1;
    seen++;
    if (isOwnerLine(line.text) || lineNote(line) !== null) return j;
  }
  return -1;
}

/** Same as list.indexOf(item), checking the last element first. */
function lastIndexOf<T>(list: readonly T[], item: T): number {
  const last = list.length - 1;
  return last >= 0 && list[last] === item ? last : list.indexOf(item);
}

function addMeasure(
  measures: DraftMeasure[],
  line: Line,
  style: DraftMeasure['style'],
  sections: DraftSection[],
  section: DraftSection | null,
  subsection: DraftSubsection | null,
  leadLength: number,
): DraftMeasure {
  // The open section and subsection are nearly always the last ones pushed: no scan then.
  const sectionIndex = section ? lastIndexOf(sections, section) : -1;
  const subsectionIndex = section && subsection ? lastIndexOf(section.subsections, subsection) : -1;
  const measure: DraftMeasure = {
    number: style === 'lead' ? '' : style === 'subsection' || style === 'point' ? `(${line.number})` : style === 'section' ? `${line.number}、` : line.number,
    start: line.start,
    end: line.end,
    bodyStart: style === 'lead' ? line.start : line.bodyStart,
    section: sectionIndex,
    subsection: subsectionIndex,
    style,
    leadLength,
    noteOnFirstLine: lineNote(line) !== null,
    line,
  };
  measures.push(measure);
  return measure;
}
