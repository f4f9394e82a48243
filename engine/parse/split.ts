// Several plans on one page. News digests and policy roundups quote plans
// under headings like "《市场化方案》重要内容如下:"; each quote is its own
// block, named by the digest's prose ("《深圳市2024年优化市场化营商环境工作方案》
// (简称“市场化方案”)") and dated or attributed from the sentence that
// announces it ("6月19日,国务院办公厅印发《…》").

import type { Line } from './lines.ts';
import { embeddedName } from './lines.ts';
import { bodyStartLine } from './metadata.ts';

export interface Block {
  /** Line range [from, to) of the block's body (the heading line excluded). */
  from: number;
  to: number;
  /** Line index of the heading. */
  heading: number;
  /** Name as the heading writes it ("市场化方案", or the whole title line). */
  name: string;
  /**
   * 'quote': "《X》重要内容如下" — an excerpt quoted by a digest;
   * 'title': the plan's own title line inside a larger page (an attachment, a
   * second document), followed by its preamble or its first section;
   * 'annex': "附件1" and its title line (a list of 民生实事, a task table);
   * 'part': a results report's forward-looking section (三、2026年工作安排),
   * which is the plan for the coming year.
   */
  by: 'quote' | 'title' | 'annex' | 'part';
}

/** A plan's own title line: 附件2:某区2026年…工作方案 / 《…行动计划》. */
const TITLE_LINE_RE = /^(?:附件\s*\d{0,2}\s*[:]?\s*)?《?([^《》,。;:!?\s]{6,50}?(?:方案|规划|计划|要点|清单|行动))》?$/u;
/** Last characters TITLE_LINE_RE allows (方案 规划 计划 要点 清单 行动, or a closing 》): a cheap test before the regex. */
const TITLE_END = new Set([...'案划点单动》'].map((c) => c.charCodeAt(0)));
/** Table and figure captions are not titles. */
const CAPTION_RE = /^(?:附?表|图)\s*\d/u;
const LOOKAHEAD = 4;

/** True when a line after the title area starts another plan: its title, then its preamble (为…) or its first section. */
function isTitleLine(lines: readonly Line[], line: Line): boolean {
  if (line.kind !== 'text' || !TITLE_END.has(line.text.charCodeAt(line.text.length - 1))) return false;
  if (!TITLE_LINE_RE.test(line.text) || CAPTION_RE.test(line.text)) return false;
  let seen = 0;
  for (let i = line.index + 1; i < lines.length && seen < LOOKAHEAD; i++) {
    const next = lines[i]!;
    if (next.kind === 'blank' || next.kind === 'chrome' || next.kind === 'pageno') continue;
    seen++;
    if (next.kind === 'section') return true;
    if (next.kind === 'text' && (next.text.startsWith('为') || /制定本|编制本|特制定/u.test(next.text))) return true;
    // A subtitle or an issuing line may sit between the title and the body.
    if (next.kind !== 'text' || next.text.length > 40) return false;
  }
  return false;
}

/** "附件1" / "附件2：" alone on a line, or followed by the annex's title. */
const ANNEX_RE = /^附件\s*\d{0,2}\s*[:]?\s*(\S.{1,60})?$/u;
/** Longest annex title read from the line after "附件1". */
const MAX_ANNEX_TITLE = 60;
/**
 * A report's section about a named coming year: 三、2026年工作安排. An undated
 * 下一步工作计划 closing a results report is a few lines of intent, not a plan
 * (seed 002).
 */
const FORWARD_SECTION_RE = /(?:\d{4}年|今年|明年)[^。]{0,16}(?:工作安排|工作计划|工作打算|工作思路|重点工作|主要工作|主要任务|重点任务|目标任务|工作重点)/u;

/** The next non-blank line after `at`, or null. */
function nextContentLine(lines: readonly Line[], at: number): Line | null {
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'blank' && line.kind !== 'pageno') return line;
  }
  return null;
}

/**
 * Blocks of quoted or appended plans, in page order; lines outside them are the
 * main document. `report`: the page is a results report, whose forward-looking
 * section is a block of its own (the next year's plan).
 */
export function findEmbeddedBlocks(lines: readonly Line[], report = false): Block[] {
  const bodyStart = bodyStartLine(lines);
  const headings: { line: Line; by: Block['by']; name: string; from: number }[] = [];
  for (const line of lines) {
    if (line.kind === 'embed') headings.push({ line, by: 'quote', name: embeddedName(line.text), from: line.index + 1 });
    else if (line.index > bodyStart && isTitleLine(lines, line)) headings.push({ line, by: 'title', name: TITLE_LINE_RE.exec(line.text)![1]!, from: line.index + 1 });
    else if (line.index > bodyStart && line.kind === 'text' && ANNEX_RE.test(line.text)) {
      const inline = ANNEX_RE.exec(line.text)![1];
      const next = nextContentLine(lines, line.index);
      // The title line after 附件N is the annex's; a plan title there is read by the 'title' rule.
      if (inline) headings.push({ line, by: 'annex', name: inline.trim(), from: line.index + 1 });
      else if (next && next.kind === 'text' && next.text.length <= MAX_ANNEX_TITLE && !isTitleLine(lines, next)) {
        headings.push({ line, by: 'annex', name: next.text, from: next.index + 1 });
      }
    } else if (report && line.kind === 'section' && FORWARD_SECTION_RE.test(line.text)) {
      headings.push({ line, by: 'part', name: line.text, from: line.index + 1 });
    }
  }
  return headings.map((heading, k) => {
    let to = k + 1 < headings.length ? headings[k + 1]!.line.index : lines.length;
    // A report's part ends at the report's next section.
    if (heading.by === 'part') {
      for (let i = heading.from; i < to; i++) {
        if (lines[i]!.kind === 'section' && lines[i]!.value > heading.line.value) {
          to = i;
          break;
        }
      }
    }
    return { from: heading.from, to, heading: heading.line.index, name: heading.name, by: heading.by };
  });
}

/** Full titles by short name, from "《full》(简称“short”)" anywhere on the page. */
export function shortNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  const re = /《([^《》\n]{2,80})》\s*\(\s*(?:以下)?简称\s*[“"‘']?([^”"’')\n]{1,20})[”"’']?\s*\)/gu;
  for (const m of text.matchAll(re)) {
    const short = m[2]!.replace(/[《》]/gu, '').trim();
    if (!names.has(short)) names.set(short, m[1]!.trim());
  }
  return names;
}

/** The full title of an embedded block: its short name resolved, or the name as written. */
export function resolveTitle(name: string, names: Map<string, string>): string {
  return names.get(name) ?? names.get(name.replace(/^《|》$/gu, '')) ?? name;
}

export interface AnnouncedBy {
  issuer: string;
  /** Month and day as written when the sentence states them; year when it does. */
  year: number;
  month: number;
  day: number;
}

/**
 * Who issued a quoted plan and when, from the page sentence that names it:
 * "6月19日,国务院办公厅印发《促进…措施》" → 国务院办公厅, 6-19. Only the text
 * before `before` (the block's heading) is searched.
 */
export function announcement(text: string, title: string, before: number): AnnouncedBy {
  const result: AnnouncedBy = { issuer: '', year: 0, month: 0, day: 0 };
  const at = text.lastIndexOf(`《${title}》`, before);
  if (at < 0) return result;
  let sentenceStart = at;
  while (sentenceStart > 0 && !'。!?\n'.includes(text[sentenceStart - 1]!)) sentenceStart--;
  let sentenceEnd = at;
  while (sentenceEnd < text.length && !'。!?\n'.includes(text[sentenceEnd]!)) sentenceEnd++;
  const sentence = text.slice(sentenceStart, sentenceEnd);
  const date = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/u.exec(sentence);
  if (date) {
    result.year = date[1] ? Number(date[1]) : 0;
    result.month = Number(date[2]);
    result.day = Number(date[3]);
  }
  const lead = text.slice(sentenceStart, at);
  // Text is normalised: full-width ，； are already , ;
  const clause = lead.slice(Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';')) + 1);
  const issuer = /^(?:\d{1,2}月\d{1,2}日)?\s*([^\s,;、《》“”"]{2,30}?)(?:近日|日前|正式)?(?:印发|发布|出台|公布|制定|联合印发)了?$/u.exec(clause.trim());
  if (issuer) result.issuer = issuer[1]!;
  return result;
}
