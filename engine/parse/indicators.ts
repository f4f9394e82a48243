// Indicator tables of five-year plans: 类别 / 序号 / 指标 / 单位 / 2025年目标值 / 属性.
//
// Two text shapes reach us:
//  - Word export: every cell on its own line starting with "\t", rows
//    separated by a blank line, a cell that wraps continues on a line without
//    the tab, merged cells appear as empty cells ("\t") or as two numbers in
//    one cell ("8\n9").
//  - HTML tables flattened to text: one row per line, cells joined by "\t";
//    cells of a rowspan are missing from the following rows.
// Tables are found by their header row (a cell naming the indicator and one
// naming the target or a year), never by position.

import type { Comparator, Indicator, Span } from '../types.ts';
import { parseNumber } from './numbers.ts';
import { extractTargets } from './targets.ts';

export interface RawIndicator extends Omit<Indicator, 'id' | 'span'> {
  span: Span;
}

interface Cell {
  text: string;
  start: number;
  end: number;
}

interface Row {
  cells: Cell[];
  start: number;
  end: number;
  /** Rows of one table region share an id; a region ends at ordinary prose. */
  region: number;
}

interface Line {
  text: string;
  start: number;
  end: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      let end = i;
      if (end > start && text[end - 1] === '\r') end--;
      out.push({ text: text.slice(start, end), start, end });
      start = i + 1;
    }
  }
  return out;
}

/** Joins a wrapped cell: no space between CJK pieces, one space between Latin words. */
function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) && !/^\d+$/.test(b) ? `${a} ${b}` : a + b;
}

function isBlank(s: string): boolean {
  return s.trim() === '';
}

/** Splits text into table rows of either shape. Lines that are ordinary prose end a region. */
function readRows(text: string): Row[] {
  const rows: Row[] = [];
  let region = 0;
  let current: Row | null = null; // Word-export row being built
  let lastWasCell = false;
  const flush = () => {
    if (current && current.cells.length > 0) rows.push(current);
    current = null;
  };
  const all = lines(text);
  const spacing = cellLineSpacing(all);
  for (let index = 0; index < all.length; index++) {
    const line = all[index]!;
    const tabCount = countTabs(line.text);
    const trimmed = line.text.trim();
    // HTML shape: one row per line, cells joined by tabs
    if ((tabCount >= 1 && !line.text.startsWith('\t')) || (line.text.startsWith('\t') && tabCount >= 2 && trimmed.includes('\t'))) {
      flush();
      const cells = splitTabbed(line);
      if (cells.filter((c) => c.text !== '').length >= 2) {
        rows.push({ cells, start: line.start, end: line.end, region });
        lastWasCell = false;
        continue;
      }
    }
    if (line.text.startsWith('\t')) {
      // Word shape: a cell line
      if (!current) current = { cells: [], start: line.start, end: line.end, region };
      const cellStart = line.start + 1 + (line.text.length - 1 - line.text.slice(1).trimStart().length);
      current.cells.push({ text: trimmed, start: cellStart, end: line.end });
      current.end = line.end;
      lastWasCell = true;
      continue;
    }
    if (isBlank(line.text)) {
      // A reflowed text spaces every line of its tables: a blank run no longer
      // than that spacing stays inside the row; a longer one ends it.
      // The rest of the run changes nothing more either way: it is skipped.
      const run = blankRun(all, index);
      index += run - 1;
      if (spacing > 0 && run <= spacing && current) continue;
      flush();
      lastWasCell = false;
      continue;
    }
    if (lastWasCell && current) {
      // a wrapped cell continues on a line without a tab
      const row: Row = current;
      const last = row.cells[row.cells.length - 1]!;
      last.text = last.text && /^\d+$/.test(last.text) && /^\d+$/.test(trimmed) ? `${last.text}\n${trimmed}` : joinWrapped(last.text, trimmed);
      last.end = line.end;
      row.end = line.end;
      continue;
    }
    // ordinary prose: the table region (if any) is over
    flush();
    region++;
    lastWasCell = false;
  }
  flush();
  return rows;
}

/** Word-shape lines: a cell starts with a tab; a blank line is one with only white space and no leading tab. */
function isCellLine(line: Line): boolean {
  return line.text.startsWith('\t');
}

function isBlankLine(line: Line): boolean {
  return !isCellLine(line) && isBlank(line.text);
}

/** Number of blank lines from `at` on. */
function blankRun(all: readonly Line[], at: number): number {
  let end = at;
  while (end < all.length && isBlankLine(all[end]!)) end++;
  return end - at;
}

/**
 * How many blank lines follow every Word-shape cell line: 0 for an export as
 * Word writes it (a row's cells on consecutive lines, a blank line between
 * rows); n when a reflow put n blank lines after every line, so that a row's
 * cells are n blank lines apart and rows further. 0 when there are no cells.
 */
function cellLineSpacing(all: readonly Line[]): number {
  let spacing = Infinity;
  for (let i = 0; i < all.length; i++) {
    if (!isCellLine(all[i]!)) continue;
    const run = blankRun(all, i + 1);
    if (i + 1 + run >= all.length) continue;
    if (run === 0) return 0;
    spacing = Math.min(spacing, run);
  }
  return spacing === Infinity ? 0 : spacing;
}

function countTabs(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 9) n++;
  return n;
}

function splitTabbed(line: Line): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  const t = line.text;
  const body = t.startsWith('\t') ? 1 : 0;
  start = body;
  for (let i = body; i <= t.length; i++) {
    if (i === t.length || t[i] === '\t') {
      const raw = t.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      cells.push({ text: raw.trim(), start: line.start + start + lead, end: line.start + i });
      start = i + 1;
    }
  }
  return cells;
}

/** Which column holds what. */
interface Columns {
  count: number;
  name: number;
  target: number;
  unit?: number;
  category?: number;
  attribute?: number;
  baseline?: number;
  year?: number;
}

/** Reads a header row into column roles, or null when the row is not an indicator-table header. */
function headerColumns(cells: Cell[]): Columns | null {
  let mentionsIndicator = false;
  for (const c of cells) if (c.text.includes('指标')) mentionsIndicator = true;
  if (!mentionsIndicator) return null;
  let name = -1;
  let target = -1;
  let targetYear: number | undefined;
  let unit: number | undefined;
  let category: number | undefined;
  let attribute: number | undefined;
  let baseline: number | undefined;
  const yearCols: { col: number; year: number; target: boolean }[] = [];
  for (let i = 0; i < cells.length; i++) {
    const t = cells[i]!.text.replace(/\s+/g, '');
    if (!t || t.length > 16) continue;
    if (/属性|性质/.test(t)) attribute = i;
    else if (/^(?:计量)?单位$/.test(t)) unit = i;
    else if (/^(?:类别|分类|领域|类型|维度|方面)$/.test(t)) category = i;
    else if (/指标/.test(t) && !/值|目标|年|含义|说明|解释|来源|定义/.test(t)) {
      // "一级指标 / 二级指标": the first names the group, the last the indicator
      if (name >= 0 && category === undefined) category = name;
      name = i;
    }
    else if (/基期|基准|基数|现状|现值/.test(t)) baseline = i;
    else if (/20\d{2}年/.test(t) || /目标|评价标准|考核标准|标准值/.test(t)) {
      const y = /(20\d{2})年/.exec(t);
      yearCols.push({ col: i, year: y ? Number(y[1]) : Number.NaN, target: /目标|规划|标准/.test(t) });
    }
  }
  if (name < 0 || yearCols.length === 0) return null;
  // the target column: one that says 目标, else the latest year
  const explicit = yearCols.find((y) => y.target);
  const latest = [...yearCols].sort((a, b) => (b.year || 0) - (a.year || 0))[0]!;
  const chosen = explicit ?? latest;
  target = chosen.col;
  if (!Number.isNaN(chosen.year)) targetYear = chosen.year;
  if (baseline === undefined) {
    const earlier = yearCols.find((y) => y.col !== target && !y.target && (targetYear === undefined || y.year < targetYear));
    if (earlier) baseline = earlier.col;
  }
  const cols: Columns = { count: cells.length, name, target };
  if (unit !== undefined) cols.unit = unit;
  if (category !== undefined) cols.category = category;
  if (attribute !== undefined) cols.attribute = attribute;
  if (baseline !== undefined) cols.baseline = baseline;
  if (targetYear !== undefined) cols.year = targetYear;
  return cols;
}

/** Parsed target cell: "45", "4-5", "≧1000", "≤10", "约30", "30以上". */
export function parseTargetCell(raw: string): TargetCell | null {
  let t = raw.replace(/\s+/g, '').replace(/[（(][^)）]*[)）]$/, '');
  let comparator: Comparator | undefined;
  const pre = /^(≥|≧|>=|>|＞|不低于|不少于|大于|超过|≤|≦|<=|<|＜|不高于|不超过|小于|约|~)/.exec(t);
  if (pre) {
    comparator = /[≥≧>＞]|不低于|不少于|大于|超过/.test(pre[1]!) ? '>=' : /约|~/.test(pre[1]!) ? 'approx' : '<=';
    t = t.slice(pre[1]!.length);
  }
  const post = /(以上|及以上|以内|以下|及以下|左右)$/.exec(t);
  if (post) {
    comparator = /以上/.test(post[1]!) ? '>=' : post[1] === '左右' ? 'approx' : '<=';
    t = t.slice(0, -post[1]!.length);
  }
  const percent = /[%‰]$/.exec(t)?.[0];
  t = t.replace(/[%‰]$/, '');
  const range = /^(\d{1,12}(?:\.\d{1,6})?)[-—–~～至](\d{1,12}(?:\.\d{1,6})?)$/.exec(t);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (max > min) return percent ? { comparator: 'range', min, max, unit: percent } : { comparator: 'range', min, max };
    return null;
  }
  const v = parseNumber(t);
  if (v === null) return null;
  // A bare number in a target column is a level to reach.
  return percent ? { comparator: comparator ?? '>=', value: v, unit: percent } : { comparator: comparator ?? '>=', value: v };
}

/** A target cell read: comparator, value or band, and the unit when the cell writes one (45%). */
export interface TargetCell {
  comparator: Comparator;
  value?: number;
  min?: number;
  max?: number;
  unit?: string;
}

/**
 * A target cell written as prose ("较上一年增加，力争2023年达到80%。", "到2023年底达到30%，以后逐年增加。"):
 * the first target the target reader finds in it, named by the row.
 */
function readProseCell(cell: string, name: string): TargetCell | null {
  const t = extractTargets(cell, { defaultLabel: name })[0];
  if (!t) return null;
  const out: TargetCell = { comparator: t.comparator, unit: t.unit };
  if (t.value !== undefined) out.value = t.value;
  if (t.min !== undefined) out.min = t.min;
  if (t.max !== undefined) out.max = t.max;
  return out;
}

/** Unit written in the indicator name when the table has no unit column: "增加值（亿元）". */
function unitFromName(name: string): { name: string; unit: string } {
  const m = /[（(]([^()（）]{1,8})[)）]$/.exec(name);
  if (m && /元|%|‰|米|吨|家|个|项|人|次|年|天|亩|公里|千瓦/.test(m[1]!)) return { name: name.slice(0, m.index), unit: m[1]! };
  return { name, unit: '' };
}

/** Cells of a row aligned to the header: rows with missing leading cells (HTML rowspan) are right-aligned. */
function align(row: Row, count: number): (Cell | undefined)[] {
  const cells = row.cells;
  if (cells.length === count) return cells;
  if (cells.length < count) return [...new Array<Cell | undefined>(count - cells.length).fill(undefined), ...cells];
  return cells.slice(0, count);
}

function cellText(cells: (Cell | undefined)[], i: number | undefined): string {
  return i === undefined ? '' : (cells[i]?.text ?? '').trim();
}

/** 指标 as a header cell holds it, white space of a wrapped cell allowed between. */
const INDICATOR_WORD_RE = /指\s*标/u;

/** All rows of all indicator tables in the text, in order. */
export function extractIndicatorTables(text: string): RawIndicator[] {
  // Both table shapes put a tab before or between cells, and every table starts
  // at a header with a cell naming 指标 (perhaps wrapped across lines as 指 / 标):
  // without both there is nothing to read, and prose is not walked line by line.
  if (!text.includes('\t') || !INDICATOR_WORD_RE.test(text)) return [];
  const rows = readRows(text);
  const out: RawIndicator[] = [];
  let cols: Columns | null = null;
  let region = -1;
  let category: string | undefined;
  let carry: { target: string; attribute: string; unit: string } | null = null;
  for (const row of rows) {
    const header = headerColumns(row.cells);
    if (header) {
      cols = header;
      region = row.region;
      category = undefined;
      carry = null;
      continue;
    }
    if (!cols || row.region !== region) {
      cols = null;
      continue;
    }
    const cells = align(row, cols.count);
    const nonEmpty = row.cells.filter((c) => c.text !== '');
    // a row with one filled cell is a category heading spanning the table
    if (nonEmpty.length === 1 && row.cells.length < cols.count) {
      category = nonEmpty[0]!.text;
      continue;
    }
    const cat = cellText(cells, cols.category);
    if (cat) category = cat;
    let name = cellText(cells, cols.name).replace(/\n/g, '');
    if (!name) continue;
    let unit = cellText(cells, cols.unit);
    if (cols.unit === undefined) {
      const u = unitFromName(name);
      name = u.name;
      unit = u.unit;
    }
    let target = cellText(cells, cols.target);
    let attribute = cellText(cells, cols.attribute);
    // a merged target cell covers the rows below it
    if (!target && carry) {
      target = carry.target;
      if (!attribute) attribute = carry.attribute;
      if (!unit) unit = carry.unit;
    }
    const parsed = target ? parseTargetCell(target) ?? readProseCell(target, name) : null;
    if (!target || !parsed) continue;
    if (!unit && parsed.unit) unit = parsed.unit;
    carry = { target, attribute, unit };
    const ind: RawIndicator = {
      name,
      unit,
      target,
      comparator: parsed.comparator,
      attribute: /预期|约束|指导/.test(attribute) ? attribute : '',
      span: { start: row.start, end: row.end },
    };
    if (parsed.value !== undefined) ind.value = parsed.value;
    if (parsed.min !== undefined) ind.min = parsed.min;
    if (parsed.max !== undefined) ind.max = parsed.max;
    if (category) ind.category = category;
    if (cols.year !== undefined) ind.year = cols.year;
    const base = cellText(cells, cols.baseline);
    if (base) {
      const b = parseTargetCell(base);
      if (b?.value !== undefined) ind.baseline = b.value;
    }
    out.push(ind);
  }
  return out;
}
