// The outline of one document block: sections (一、), subsections ((一)),
// and measures — numbered items (1. 1、 1,), (一)-numbered paragraphs when
// no deeper level exists, rows of a task table, or unnumbered paragraphs
// opening with a lead phrase. One pass to choose the measure style, one pass
// to build; both walk the lines once.

import type { Line } from './lines.ts';
import { GUARANTEE_TITLE_RE, leadPhraseLength, PREAMBLE_TITLE_RE, titleLength } from './measures.ts';
import { findUnitNote, isUnitLine, type UnitNote } from './units.ts';

export type MeasureStyle = 'item' | 'subsection' | 'row' | 'lead' | 'none';

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
  units: UnitNote['units'];
}

export interface DraftSection extends DraftSubsection {
  guarantee: boolean;
  subsections: DraftSubsection[];
}

export interface TableCells {
  /** Cell texts and their normalised offsets. */
  cells: { text: string; start: number; end: number }[];
  taskColumn: number;
  unitColumns: { column: number; role: 'lead' | 'responsible' | 'support' }[];
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
}

const MIN_MEASURES = 3;
const MIN_ARTICLES = 3;
const MAX_HEADING = 60;

/** What a heading line says, read once per line (kept in line.memo). */
interface HeadingRead {
  title: string;
  /** Owner note of the text after the number. */
  note: UnitNote | null;
}

function readHeading(line: Line): HeadingRead {
  const known = line.memo?.heading;
  if (known) return known;
  const body = line.text.slice(line.bodyStart - line.start);
  const note = findUnitNote(body);
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
 * findUnitNote(the measure's text after its number), taken from the note of
 * its line when that is certain to be the same; undefined when it must be read.
 * Same when the measure is its one line and either starts its text there
 * (lead paragraphs) or the line's note is the bracket closing it, opened after
 * the number: findUnitNote scans back from the closing bracket and meets the
 * same characters in the same order either way.
 */
export function bodyNoteFromLine(dm: DraftMeasure): UnitNote | null | undefined {
  const line = dm.line;
  if (dm.start !== line.start || dm.end !== line.end || dm.bodyStart < line.start) return undefined;
  const offset = dm.bodyStart - line.start;
  const note = lineNote(line);
  if (offset === 0) return note;
  if (note && note.closesBracket && note.start >= offset) return { start: note.start - offset, end: note.end - offset, units: note.units, closesBracket: true };
  return undefined;
}

/** The owner note of a whole line (null when none), read once per line. */
function lineNote(line: Line): UnitNote | null {
  let note = line.memo?.ownerNote;
  if (note === undefined) {
    note = findUnitNote(line.text);
    (line.memo ??= {}).ownerNote = note;
  }
  return note;
}

function heading(line: Line): Pick<DraftSubsection, 'number' | 'title' | 'titleStart' | 'titleEnd' | 'start' | 'end' | 'preamble' | 'units'> {
  // Owners named on a heading apply to the measures under it that name none.
  const { title, note } = readHeading(line);
  return {
    number: line.number,
    title,
    titleStart: line.bodyStart,
    titleEnd: line.bodyStart + title.length,
    start: line.start,
    end: line.end,
    preamble: PREAMBLE_TITLE_RE.test(title),
    units: note?.units ?? [],
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
    units: head.units,
    guarantee: GUARANTEE_TITLE_RE.test(head.title),
    subsections: [],
  };
}

/** A (一) line that is a paragraph (title sentence + body), not a bare heading. */
function isParagraphSubsection(line: Line): boolean {
  const body = line.text.slice(line.bodyStart - line.start);
  const stop = body.indexOf('。');
  return stop > 0 && body.length - stop - 1 >= 10;
}

const TASK_HEADER_RE = /任务|措施|内容|事项|举措|工作/u;
const UNIT_HEADER_RE = /(牵头|责任|配合|协办|参与|主责)(单位|部门|主体)|责任人/u;
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

/** Reads a task-table header row (序号 / 任务 / 责任单位 / 完成时限); null when the row is not one. */
function readTaskHeader(line: Line): Omit<TableCells, 'cells'> | null {
  const cells = splitCells(line).map((c) => c.text);
  const unitColumns: TableCells['unitColumns'] = [];
  let taskColumn = -1;
  let deadlineColumn = -1;
  let numberColumn = -1;
  cells.forEach((cell, column) => {
    if (cell.length > 12) return;
    if (UNIT_HEADER_RE.test(cell)) {
      unitColumns.push({ column, role: /牵头|主责/u.test(cell) ? 'lead' : /配合|协办|参与/u.test(cell) ? 'support' : 'responsible' });
    } else if (NUMBER_HEADER_RE.test(cell)) numberColumn = column;
    else if (DEADLINE_HEADER_RE.test(cell) && deadlineColumn < 0) deadlineColumn = column;
    else if (TASK_HEADER_RE.test(cell) && taskColumn < 0) taskColumn = column;
  });
  if (taskColumn < 0 || unitColumns.length === 0) return null;
  return { taskColumn, unitColumns, deadlineColumn, numberColumn };
}

interface Options {
  /** The block is a plan quoted inside a larger page (digest, news). */
  embedded: boolean;
  /**
   * Read as a plan anyway (the user asked to): one numbered item, row or lead
   * paragraph is enough, and a page with none takes its paragraphs of at least
   * PERMISSIVE_MIN_PARAGRAPH characters as measures.
   */
  permissive?: boolean;
}

/** Shortest paragraph the permissive reading takes as a measure when nothing is numbered. */
export const PERMISSIVE_MIN_PARAGRAPH = 12;

/** Accepts numbered items that continue a sequence (n+1) or restart it (1). */
class Sequence {
  private last = 0;
  constructor(private readonly firstMustBeOne: boolean) {}
  accepts(value: number): boolean {
    if (this.last === 0) return !this.firstMustBeOne || value === 1;
    return value === this.last + 1 || value === 1;
  }
  take(value: number): void {
    this.last = value;
  }
  get started(): boolean {
    return this.last > 0;
  }
}

/** Skipped lines: page furniture, contents, page numbers, boxes. */
function isNoise(line: Line): boolean {
  return line.kind === 'chrome' || line.kind === 'toc' || line.kind === 'pageno';
}

/**
 * Builds the outline of lines [from, to). For an embedded block, the block
 * ends early at a numbered item that cannot continue the plan's numbering
 * (the next news item of the page around it).
 */
export function readStructure(lines: readonly Line[], from: number, to: number, options: Options): Draft {
  // Pass 1: where the block ends, and which measure style it uses.
  const seq = new Sequence(options.embedded);
  let endLine = to;
  let items = 0;
  let articles = 0;
  let paragraphSubsections = 0;
  let leads = 0;
  let rows = 0;
  let sectionLines = 0;
  let header: Omit<TableCells, 'cells'> | null = null;
  let sectionPreamble = false;
  let sectionGuarantee = false;
  let subsectionPreamble = false;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    switch (line.kind) {
      case 'item':
        if (seq.accepts(line.value)) {
          seq.take(line.value);
          // Numbered goals in 总体要求/发展目标 do not make the plan item-numbered.
          if (!sectionPreamble && !subsectionPreamble) items++;
        } else if (options.embedded) {
          endLine = i;
        }
        break;
      case 'section': {
        sectionLines++;
        const title = headingTitle(line);
        sectionPreamble = PREAMBLE_TITLE_RE.test(title);
        sectionGuarantee = GUARANTEE_TITLE_RE.test(title);
        subsectionPreamble = false;
        header = null;
        break;
      }
      case 'subsection':
        subsectionPreamble = PREAMBLE_TITLE_RE.test(headingTitle(line));
        if (isParagraphSubsection(line) && !sectionPreamble && !sectionGuarantee) paragraphSubsections++;
        break;
      case 'article':
        articles++;
        break;
      case 'row':
        if (header) rows++;
        else header = readTaskHeader(line);
        break;
      case 'text':
        header = null;
        if (!sectionPreamble && !sectionGuarantee && !subsectionPreamble && leadPhraseLength(line.text) > 0) leads++;
        break;
      default:
        break;
    }
    if (endLine !== to) break;
  }
  const permissive = options.permissive === true;
  const regulation = !permissive && articles >= MIN_ARTICLES;
  const least = permissive ? 1 : MIN_MEASURES;
  let style: MeasureStyle = 'none';
  if (!regulation) {
    if (items >= least) style = 'item';
    else if (rows >= least) style = 'row';
    else if (paragraphSubsections >= least) style = 'subsection';
    else if (leads >= least) style = 'lead';
  }
  // Permissive and nothing numbered: every plain paragraph is a measure.
  const paragraphs = permissive && style === 'none';
  if (paragraphs) style = 'lead';

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
  for (let i = from; i < endLine; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank' || isNoise(line)) continue;
    if (start < 0) start = line.start;
    end = line.end;
    switch (line.kind) {
      case 'section': {
        closeMeasure();
        if (section) section.end = line.start;
        if (subsection) subsection.end = line.start;
        section = sectionOf(line);
        sections.push(section);
        subsection = null;
        header = null;
        break;
      }
      case 'subsection': {
        closeMeasure();
        const asMeasure = style === 'subsection' && isParagraphSubsection(line) && !inPreamble() && !inGuarantee();
        if (asMeasure) {
          open = addMeasure(measures, line, 'subsection', sections, section, subsection, 0);
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
        if (open) (open as DraftMeasure).end = line.end;
        break;
      case 'row': {
        closeMeasure();
        if (!header) {
          header = readTaskHeader(line);
          break;
        }
        const cells = splitCells(line);
        const task = cells[header.taskColumn];
        if (style !== 'none' && style !== 'lead' && task && task.text.length >= 4) {
          const measure = addMeasure(measures, line, 'row', sections, section, subsection, 0);
          measure.row = { taskColumn: header.taskColumn, unitColumns: header.unitColumns, deadlineColumn: header.deadlineColumn, numberColumn: header.numberColumn, cells };
          measure.bodyStart = task.start;
          measure.number = header.numberColumn >= 0 ? (cells[header.numberColumn]?.text ?? '') : '';
        }
        break;
      }
      case 'text': {
        header = null;
        if (open && isUnitLine(line.text)) {
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
  if (section) {
    section.end = Math.max(section.end, end);
    const last = section.subsections[section.subsections.length - 1];
    if (last) last.end = Math.max(last.end, end);
  }
  const firstMeasure = measures[0];
  const measureSection = firstMeasure && firstMeasure.section >= 0 ? sections[firstMeasure.section]! : null;
  const preambleEnd = measureSection ? measureSection.start : firstMeasure ? firstMeasure.start : Math.max(start, 0);
  return { sections, measures, style, regulation, endLine, start: Math.max(start, 0), end: Math.max(end, 0), preambleEnd };
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
    if (isUnitLine(line.text) || lineNote(line) !== null) return j;
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
    number: style === 'lead' ? '' : style === 'subsection' ? `(${line.number})` : line.number,
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
