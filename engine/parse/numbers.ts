// Numbers and units as Chinese government plans write them.
//
// Input is text that has already been NFKC-normalised (half-width digits,
// "%", "(", ",") and converted to simplified script. Everything here scans
// left to right with bounded look-ahead, so time is linear in the text length
// whatever the input (long digit runs, numeral runs, no units at all).

/** Value of each Chinese digit. 两 counts like 二 ("两个"); 〇/零 are zero. */
const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
/** Multipliers inside a section (十百千); 万 and 亿 close a section. */
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * One entry per UTF-16 code unit, what a character is in a Chinese numeral:
 * -1 not a numeral character, 0–9 a digit, 10/100/1000 十百千, 10000 万,
 * YI_MARK 亿 (too large for the table). A table beats object and Set lookups
 * in the per-character loops.
 */
const YI_MARK = 30000;
const CN_KIND: Int16Array = (() => {
  const t = new Int16Array(65536).fill(-1);
  for (const [ch, v] of Object.entries(CN_DIGIT)) t[ch.charCodeAt(0)] = v;
  for (const [ch, v] of Object.entries(CN_SMALL_UNIT)) t[ch.charCodeAt(0)] = v;
  t['万'.charCodeAt(0)] = 10000;
  t['亿'.charCodeAt(0)] = YI_MARK;
  return t;
})();
/** 1 for a character a number may start with: an ASCII digit or a Chinese numeral character (CN_KIND ≥ 0). */
const NUMERAL_START: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  t.fill(1, 48, 58);
  for (let c = 0; c < 65536; c++) if (CN_KIND[c]! >= 0) t[c] = 1;
  return t;
})();
/** Longest Chinese numeral run we try to read; longer runs are names or noise. */
const MAX_CN_RUN = 12;
/** Longest integer part we read as a quantity; longer digit runs are ids, phone numbers, noise. */
const MAX_INT_DIGITS = 15;

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** A lookup table marking the given characters (BMP only). */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(65536);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

export function isChineseNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && CN_KIND[ch.charCodeAt(0)]! >= 0;
}

/** Char-code tests for the hot scanning loop (no one-character strings allocated). */
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Digit at text[i] (false past either end). */
function digitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Chinese numeral character at text[i] (false past either end). */
function chineseNumeralAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === c && CN_KIND[c]! >= 0;
}

const CODE_WAN = 0x4e07; // 万
const CODE_YI = 0x4ebf; // 亿
const CODE_DUO = 0x591a; // 多
const CODE_YU = 0x4f59; // 余
const CODE_DI = 0x7b2c; // 第
const CODE_BAN = 0x534a; // 半
const CODE_NIAN = 0x5e74; // 年
const CODE_CHENG = 0x6210; // 成

/**
 * Reads a Chinese numeral: 三 → 3, 十五 → 15, 二十 → 20, 一千二百 → 1200,
 * 三千零五 → 3005, 两 → 2, 一点五 is not handled (plans write decimals in digits).
 * Returns null for strings that are not a well-formed numeral ("十四五", "一一").
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0 || s.length > MAX_CN_RUN) return null;
  let total = 0; // sum of completed 万/亿 groups
  let section = 0; // current group below 万
  let digit = -1; // pending digit, -1 when none
  let lastSmall = Infinity; // last 十百千 multiplier seen in this section (must decrease)
  let lastBig = Infinity;
  let sawZero = false;
  for (let i = 0; i < s.length; i++) {
    const kind = CN_KIND[s.charCodeAt(i)]!;
    if (kind < 0) return null;
    if (kind < 10) {
      const d = kind;
      if (digit >= 0) return null; // two digits in a row ("一一", "十四五" reaches here)
      if (d === 0) sawZero = true;
      else digit = d;
      continue;
    }
    if (kind < 10000) {
      const small = kind;
      if (small >= lastSmall) return null;
      // 十 may stand alone at the start ("十五" = 15); 百/千 need a digit.
      const m = digit >= 0 ? digit : small === 10 && section === 0 && total === 0 && !sawZero ? 1 : -1;
      if (m < 0) return null;
      section += m * small;
      digit = -1;
      lastSmall = small;
      continue;
    }
    // 万 or 亿 closes a group
    {
      const big = kind === YI_MARK ? 1e8 : 1e4;
      if (big >= lastBig) return null;
      if (digit >= 0) section += digit;
      if (section === 0) return null;
      total += section * big;
      section = 0;
      digit = -1;
      lastSmall = Infinity;
      lastBig = big;
    }
  }
  // A trailing digit after a multiplier is the units digit ("十五", "二十三"),
  // except the colloquial "一千二" which plans do not use: we read it as 1002.
  if (digit >= 0) section += digit;
  const value = total + section;
  return value > 0 || sawZero ? value : null;
}

/** Reads "1,234.5" / "500.97" / "18" (thousands commas allowed). */
export function parseArabicNumber(s: string): number | null {
  const cleaned = s.replace(/,/g, '');
  if (!/^\d{1,15}(?:\.\d{1,8})?$/.test(cleaned)) return null;
  const v = Number(cleaned);
  return Number.isFinite(v) ? v : null;
}

/** Magnitude characters that may follow an Arabic number: 1.8万, 3千, 2.42亿. */
const MAGNITUDE: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 100 };
const MAGNITUDE_KEYS = ['万亿', '亿', '万', '千', '百'];
const MAGNITUDE_FIRST = charTable('万亿千百');

/**
 * Units as plans write them. Compound units with 万/亿 (万元, 亿元, 万平方米,
 * 万吨, 万人次…) are kept as written, because that is how targets and
 * statistics are stated and compared; a 万/亿 before a plain counter (1.8万家)
 * is folded into the value instead (18000 家). Conversion between units lives
 * in engine/units/convert.ts.
 */
export const UNITS: readonly string[] = [
  // money
  '万亿元', '亿元', '万元', '千元', '元', '亿美元', '万美元', '美元', '亿港元', '万港元', '港元', '亿欧元', '万欧元', '欧元',
  // area, length, volume, mass
  '万平方公里', '平方公里', '亿平方米', '万平方米', '平方米', '万亩', '亩', '公顷', '万公顷',
  '万公里', '公里', '千米', '米', '万立方米', '立方米', '亿吨', '万吨', '吨', '千克', '公斤', '斤',
  // energy, power, transport
  '亿千瓦时', '万千瓦时', '千瓦时', '度', '万千瓦', '千瓦', '兆瓦', '吉瓦', '万标箱', '标箱', 'TEU',
  // people and visits
  '亿人次', '万人次', '人次', '人(件)次', '家次', '户次', '班次', '架次', '批次', '场次', '车次',
  '名', '人', '户', '位', '周岁', '岁',
  // counters
  '个工作日', '个自然日', '个百分点', '个月', '个', '家', '项', '条', '列', '场', '宗', '批', '次', '件', '只', '类', '种',
  '所', '座', '台', '套', '辆', '艘', '张', '本', '册', '份', '篇', '部', '款', '支', '处', '间', '栋', '株', '棵',
  '门', '组', '对', '倍', '届',
  // time
  '工作日', '自然日', '天', '小时', '分钟', '秒', '周',
  // ratios
  '百分点', '%', '‰',
];

/** Units that must not take a folded 万/亿/千/百 (they are times, ratios or already compound). */
const NO_MAGNITUDE = new Set(['%', '‰', '个百分点', '百分点', '倍', '个工作日', '工作日', '个自然日', '自然日', '天', '小时', '分钟', '秒', '周', '个月', '届']);

const UNITS_BY_FIRST: Map<number, string[]> = (() => {
  const m = new Map<number, string[]>();
  for (const u of UNITS) {
    const k = u.charCodeAt(0);
    const list = m.get(k) ?? [];
    list.push(u);
    m.set(k, list);
  }
  for (const list of m.values()) list.sort((a, b) => b.length - a.length);
  return m;
})();

/** Longest unit of the lexicon that starts at `pos`, or null. */
export function matchUnitAt(text: string, pos: number): string | null {
  const list = UNITS_BY_FIRST.get(text.charCodeAt(pos));
  if (!list) return null;
  for (const u of list) if (text.startsWith(u, pos)) return u;
  return null;
}

/** One number with its unit, as found in the text. */
export interface Quantity {
  /** Offsets of the whole quantity: first digit .. end of unit. */
  start: number;
  end: number;
  /** Single value (magnitude folded when the unit is a plain counter). */
  value?: number;
  /** Ranges: 3-5家 → min 3, max 5. */
  min?: number;
  max?: number;
  /** Unit as written, without a folded magnitude ("家" for 1.8万家, "万元" for 1.5万元). */
  unit: string;
  /** Written with Chinese numerals (三类, 两个). */
  chinese: boolean;
  /** 多 / 余 written between the number and the unit ("200余家", "1千多家"). */
  suffixQualifier?: string;
}

const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Characters that, directly before a number, make it part of something else. */
const REJECTS_BEFORE = charTable(`${LATIN}0123456789.+×xX*/#_·-—–~第`);
/** Characters that, directly after a number or its unit, make it part of a name ("5G", "20+8", "7×24"). */
const REJECTS_AFTER = charTable(`${LATIN}+×*＋/`);

/** True when text[i] (if any) makes a number ending or starting next to it part of something else. */
function rejectsBeforeAt(text: string, i: number): boolean {
  return REJECTS_BEFORE[text.charCodeAt(i)] === 1;
}

function rejectsAfterAt(text: string, i: number): boolean {
  return REJECTS_AFTER[text.charCodeAt(i)] === 1;
}

interface NumberToken {
  start: number;
  end: number;
  value: number;
  chinese: boolean;
}

/** Reads an Arabic number token at i (digits, thousands commas, decimals). Returns end and value, or null with skip. */
function readArabic(text: string, i: number): { token: NumberToken | null; next: number } {
  let j = i;
  while (j < text.length && digitAt(text, j)) j++;
  const intLen = j - i;
  // thousands separators: ",ddd" groups
  while (text.charCodeAt(j) === 44 && digitAt(text, j + 1) && digitAt(text, j + 2) && digitAt(text, j + 3) && !digitAt(text, j + 4)) j += 4;
  if (text.charCodeAt(j) === 46 && digitAt(text, j + 1)) {
    j++;
    const fracStart = j;
    while (j < text.length && digitAt(text, j)) j++;
    if (j - fracStart > 8) return { token: null, next: j };
  }
  if (intLen > MAX_INT_DIGITS) return { token: null, next: j };
  // "1.2.3" section numbers and dotted dates: a further ".digit" means not a quantity
  if (text.charCodeAt(j) === 46 && digitAt(text, j + 1)) {
    while (j < text.length && (digitAt(text, j) || text.charCodeAt(j) === 46)) j++;
    return { token: null, next: j };
  }
  const value = parseArabicNumber(text.slice(i, j));
  return { token: value === null ? null : { start: i, end: j, value, chinese: false }, next: j };
}

/** Reads a maximal Chinese numeral run at i; a trailing 万/亿 that begins a compound unit (万元) is left to the unit. */
function readChinese(text: string, i: number): { token: NumberToken | null; next: number } {
  let j = i;
  while (j < text.length && chineseNumeralAt(text, j)) j++;
  const runEnd = j;
  if (runEnd - i > MAX_CN_RUN) return { token: null, next: runEnd };
  // 五万元: read 五 and leave 万元 as the unit; 三千次 keeps 千 in the number.
  if (j - i >= 2 && (text.charCodeAt(j - 1) === CODE_WAN || text.charCodeAt(j - 1) === CODE_YI)) {
    const u = matchUnitAt(text, j - 1);
    if (u && u.length > 1) j--;
  }
  const value = parseChineseNumeral(text.slice(i, j));
  return { token: value === null ? null : { start: i, end: j, value, chinese: true }, next: runEnd };
}

function readNumberAt(text: string, i: number): { token: NumberToken | null; next: number } {
  return digitAt(text, i) ? readArabic(text, i) : readChinese(text, i);
}

/**
 * After a number token: optional magnitude (Arabic only), optional 多/余, then a unit.
 * Returns the unit, folded factor and end offset, or null when no unit follows.
 */
function readUnitAfter(text: string, pos: number, chinese: boolean): { unit: string; factor: number; end: number; qualifier?: string } | null {
  let p = pos;
  let qualifier: string | undefined;
  const first = text.charCodeAt(p);
  if (first === CODE_DUO || first === CODE_YU) {
    qualifier = text[p];
    p++;
  }
  // Compound unit as written (万元, 万平方米, 千米) first.
  const direct = matchUnitAt(text, p);
  if (direct) return { unit: direct, factor: 1, end: p + direct.length, qualifier };
  // Chinese numerals carry their own 万/亿; "200余" must be followed by a unit directly.
  if (chinese || qualifier !== undefined) return null;
  // Every magnitude word starts with 万, 亿, 千 or 百.
  if (MAGNITUDE_FIRST[text.charCodeAt(p)] !== 1) return null;
  for (const m of MAGNITUDE_KEYS) {
    if (!text.startsWith(m, p)) continue;
    let q = p + m.length;
    let qual: string | undefined;
    if (text.charCodeAt(q) === CODE_DUO || text.charCodeAt(q) === CODE_YU) {
      qual = text[q];
      q++;
    }
    const u = matchUnitAt(text, q);
    if (u && !NO_MAGNITUDE.has(u)) return { unit: u, factor: MAGNITUDE[m]!, end: q + u.length, qualifier: qual };
    // "城镇新增就业人数24万以上": the magnitude alone is the unit as written
    if ((m === '万' || m === '亿') && qual === undefined && (q >= text.length || BARE_MAGNITUDE_NEXT[text.charCodeAt(q)] === 1)) {
      return { unit: m, factor: 1, end: q };
    }
    return null;
  }
  return null;
}

/** What may follow a bare 万/亿 for it to be the unit: a comparator or a boundary. */
const BARE_MAGNITUDE_NEXT = charTable('以左内，,。；;、)）');
/** What may follow 年 for a small number to be a duration (不超过5年, 5年以内), not a year or a time phrase (13年时间). */
const YEARS_NEXT = charTable('以左内，,。；;、)）');

/** Range marks between two numbers: 3-5家, 5—7家, 3~5个, 3至5家. */
const RANGE_MARKS = '-—–~～至到';
const RANGE_MARK = charTable(RANGE_MARKS);
/** The marks that may also follow a unit ("3家-5家"): all but 至/到. */
const RANGE_MARK_AFTER_UNIT = charTable(RANGE_MARKS.slice(0, 5));

function roundMagnitude(v: number, factor: number): number {
  if (factor === 1) return v;
  // 1.1万 → 11000 exactly, not 11000.000000000002
  return Number((v * factor).toPrecision(15));
}

/**
 * Every number-with-unit in text[from, to). Numbers that are part of names,
 * dates, ordinals (第十五届), formulas (20+8, 7×24), codes (5G) or list
 * markers are not returned because they carry no unit or are rejected by
 * their neighbours.
 */
export function scanQuantities(text: string, from = 0, to = text.length): Quantity[] {
  const out: Quantity[] = [];
  let i = from;
  while (i < to) {
    // One table load per character to skip the text between numbers (this loop
    // runs over every measure; the bench showed it among the parse's top costs).
    if (NUMERAL_START[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const { token, next } = readNumberAt(text, i);
    if (!token || token.end > to) {
      i = Math.max(next, i + 1);
      continue;
    }
    // A Chinese numeral glued to a preceding numeral char cannot happen (runs are maximal);
    // an Arabic number glued to letters/dots/+ is part of a code or formula.
    if (!token.chinese && rejectsBeforeAt(text, token.start - 1)) {
      i = Math.max(next, i + 1);
      continue;
    }
    if (token.chinese && text.charCodeAt(token.start - 1) === CODE_DI) {
      i = Math.max(next, i + 1);
      continue;
    }
    if (rejectsAfterAt(text, token.end)) {
      i = Math.max(next, i + 1);
      continue;
    }
    const q = readQuantityFrom(text, token, to);
    if (q) {
      out.push(q);
      i = q.end;
    } else {
      i = Math.max(next, i + 1);
    }
  }
  return out;
}

/** A range starting at pos after the first number: "-5家", "—7家", "至5个". */
function rangeAt(text: string, token: NumberToken, pos: number, to: number): Quantity | null {
  if (RANGE_MARK[text.charCodeAt(pos)] !== 1) return null;
  const second = pos + 1;
  const digit = digitAt(text, second);
  if (!digit && !(token.chinese && chineseNumeralAt(text, second))) return null;
  if (digit === token.chinese) return null; // mixed scripts
  const { token: t2 } = readNumberAt(text, second);
  if (!t2 || t2.end > to) return null;
  const unit = readUnitAfter(text, t2.end, t2.chinese);
  if (!unit || unit.end > to || rejectsAfterAt(text, unit.end)) return null;
  const min = roundMagnitude(token.value, unit.factor);
  const max = roundMagnitude(t2.value, unit.factor);
  if (!(max > min)) return null;
  return { start: token.start, end: unit.end, min, max, unit: unit.unit, chinese: token.chinese };
}

/**
 * Shares written in words: 一半 (50 %), 九成 / 两成 (90 %, 20 %). 一成不变 and words such as
 * 成员, 成为, 成果 are not shares.
 */
const SHARE_WORD_NOT_AFTER_CHENG = charTable('员为果功效本立长熟就绩交型品分都片套不一');
function shareWordAt(text: string, token: NumberToken, to: number): Quantity | null {
  if (!token.chinese || token.end >= to) return null;
  const next = text.charCodeAt(token.end);
  if (next === CODE_BAN && token.value === 1) {
    return { start: token.start, end: token.end + 1, value: 50, unit: '%', chinese: true };
  }
  if (next === CODE_CHENG && token.value >= 1 && token.value <= 9 && token.end - token.start === 1) {
    if (token.end + 1 < text.length && SHARE_WORD_NOT_AFTER_CHENG[text.charCodeAt(token.end + 1)] === 1) return null;
    return { start: token.start, end: token.end + 1, value: token.value * 10, unit: '%', chinese: true };
  }
  return null;
}

function readQuantityFrom(text: string, token: NumberToken, to: number): Quantity | null {
  const share = shareWordAt(text, token, to);
  if (share) return share;
  const direct = rangeAt(text, token, token.end, to);
  if (direct) return direct;
  let unit = readUnitAfter(text, token.end, token.chinese);
  // 不超过5年: years as a duration, for small whole numbers only (2025年 is a date)
  if (!unit && !token.chinese && text.charCodeAt(token.end) === CODE_NIAN && Number.isInteger(token.value) && token.value < 100 && token.end + 1 <= to) {
    if (token.end + 1 >= text.length || YEARS_NEXT[text.charCodeAt(token.end + 1)] === 1) unit = { unit: '年', factor: 1, end: token.end + 1 };
  }
  if (!unit || unit.end > to) return null;
  if (rejectsAfterAt(text, unit.end) && unit.unit !== '%') return null;
  // "3家-5家": unit on both sides (at the very end there is no second number)
  if (RANGE_MARK_AFTER_UNIT[text.charCodeAt(unit.end)] === 1) {
    const r = rangeAt(text, token, unit.end, to);
    if (r && r.unit === unit.unit) return r;
  }
  const q: Quantity = {
    start: token.start,
    end: unit.end,
    value: roundMagnitude(token.value, unit.factor),
    unit: unit.unit,
    chinese: token.chinese,
  };
  if (unit.qualifier) q.suffixQualifier = unit.qualifier;
  return q;
}

/** Parses a standalone quantity string: "1.8万家" → {value 18000, unit 家}; "500.97亿元" → {500.97, 亿元}. */
export function parseQuantity(s: string): Quantity | null {
  const t = s.trim();
  const list = scanQuantities(t);
  const q = list[0];
  return q && q.start === 0 && q.end === t.length ? q : null;
}

/** Reads a bare number, Arabic or Chinese, with optional 万/亿 magnitude: "1.8万" → 18000, "十五" → 15. */
export function parseNumber(s: string): number | null {
  const t = s.trim();
  const m = /^(\d{1,15}(?:,\d{3})*(?:\.\d{1,8})?)(万亿|亿|万|千|百)?$/.exec(t);
  if (m) {
    const v = parseArabicNumber(m[1]!);
    if (v === null) return null;
    return m[2] ? roundMagnitude(v, MAGNITUDE[m[2]]!) : v;
  }
  return parseChineseNumeral(t);
}

const TABLES = new Map<string, Uint8Array>();
function tableFor(chars: string): Uint8Array {
  let t = TABLES.get(chars);
  if (!t) {
    t = charTable(chars);
    TABLES.set(chars, t);
  }
  return t;
}

/**
 * Positions of boundary characters (punctuation that ends a clause or a
 * sentence), found once so that "where does this clause start" is a binary
 * search instead of a walk back through the text for every number.
 */
/** Boundaries' scratch array for texts up to MAX_SCRATCH characters (a measure is short; a whole page may not be). */
let scratch = new Int32Array(0);
const MAX_SCRATCH = 1 << 14;

export class Boundaries {
  private readonly positions: Int32Array;
  private readonly count: number;

  /**
   * Boundaries of `text` at the characters `chars`. Given `within` (boundaries
   * of the same text at a superset of `chars`), they are picked from its
   * positions instead of a new pass over the text: the parse bench showed
   * these passes, three per measure, among its top costs.
   */
  constructor(text: string, chars: string, within?: Boundaries) {
    const table = tableFor(chars);
    let count = 0;
    let positions: Int32Array;
    if (within) {
      positions = new Int32Array(within.count);
      for (let k = 0; k < within.count; k++) {
        const at = within.positions[k]!;
        if (table[text.charCodeAt(at)] === 1) positions[count++] = at;
      }
    } else if (text.length <= MAX_SCRATCH) {
      // One pass into a scratch array kept between calls, then one copy of the
      // positions found (two passes, count then fill, cost twice the scan).
      if (scratch.length < text.length) scratch = new Int32Array(MAX_SCRATCH);
      for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) scratch[count++] = i;
      positions = scratch.slice(0, count);
    } else {
      // A long text: counted first, then written straight into a typed array (no text-sized scratch).
      for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) count++;
      positions = new Int32Array(count);
      for (let i = 0, k = 0; k < count; i++) if (table[text.charCodeAt(i)] === 1) positions[k++] = i;
    }
    this.positions = positions;
    this.count = count;
  }

  /** Index of the first boundary at or after pos. */
  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.positions[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Start of the segment containing pos: one past the last boundary before pos, but no further back than limit chars. */
  startOf(pos: number, limit: number, floor = 0): number {
    const k = this.lowerBound(pos) - 1;
    const b = k >= 0 ? this.positions[k]! + 1 : 0;
    return Math.max(b, pos - limit, floor);
  }

  /** Position of the first boundary at or after pos, but no further than limit chars (or the text length). */
  endOf(pos: number, limit: number, textLength: number): number {
    const k = this.lowerBound(pos);
    const b = k < this.count ? this.positions[k]! : textLength;
    return Math.min(b, pos + limit, textLength);
  }
}
