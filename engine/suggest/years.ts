// Which year a page's sentence is about. Work reports and communiqués state
// results for a named year ("一、2024年工作回顾", "2024年，全省…"), goals for
// the next ("2025年经济社会发展主要预期目标"); a page may name no year at all
// and only its congress session ("十四届全国人大二次会议" is held in 2024).

/** "20XX年" not followed by a month-day (a date line is when the page was published, not what it is about). */
const YEAR_MENTION = /(?<![\d年到至])(20\d{2})\s*年(?!\s*\d{1,2}\s*月)(?!度?(?:前|底前|以前))/gu;
/** 到2025年 / 至2027年: a deadline, not the year a sentence is about. */
const DEADLINE_BEFORE = /(?:到|至|于)\s*$/u;

export interface YearMark {
  at: number;
  year: number;
}

/** Year mentions in text order (deadlines "到2025年" and dates "2025年3月5日" left out). */
export function yearMarks(text: string): YearMark[] {
  const out: YearMark[] = [];
  for (const m of text.matchAll(YEAR_MENTION)) {
    const at = m.index;
    if (DEADLINE_BEFORE.test(text.slice(Math.max(0, at - 2), at))) continue;
    out.push({ at, year: Number(m[1]) });
  }
  return out;
}

/** The last year mentioned before `pos` (binary search over marks sorted by position). */
export function yearBefore(marks: readonly YearMark[], pos: number): number | undefined {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.at < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? marks[lo - 1]!.year : undefined;
}

const SESSION_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
const CONGRESS = /(十[一二三四五])届[^，。,\n]{0,12}?人大([一二三四五])次会议|第(十[一二三四五])届人民代表大会第([一二三四五])次会议/u;

/**
 * The year of a people's congress session named on the page: the 14th
 * national and provincial congresses opened in 2023, a term lasts five years,
 * so 十四届…N次会议 is held in 2022 + N (十三届 in 2017 + N).
 */
export function sessionYear(text: string): number | undefined {
  const m = CONGRESS.exec(text);
  if (!m) return undefined;
  const term = m[1] ?? m[3]!;
  const session = SESSION_NUMERALS[m[2] ?? m[4]!]!;
  const termNumber = 10 + SESSION_NUMERALS[term[1]!]!;
  return 2023 - 5 * (14 - termNumber) + session - 1;
}

/** The first full date on the page (2025年03月12日, 2024-11-14): when it was published or reposted. */
export function firstDateYear(text: string): number | undefined {
  const m = /(20\d{2})(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|-\d{1,2}-\d{1,2})/u.exec(text);
  return m ? Number(m[1]) : undefined;
}
