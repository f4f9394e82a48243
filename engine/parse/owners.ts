// Owners (responsible offices, 责任单位): who a measure assigns the work to.
// Called "owners" in code so they are never confused with measurement units
// (engine/units/convert.ts); the public JSON keeps the field name `units`.
//
// Plans name owners in a note at the end of the measure: (责任单位:A、B),
// （牵头单位：A；配合单位：B、C）, （A牵头，B配合）, （A负责）, or on a line of
// their own (责任单位：A). Words like 牵头/负责 also occur in ordinary prose
// ("牵头编制《…》", "首办负责") where they assign nothing: only a bracketed note
// at the end of the measure, or a labelled list, counts.
//
// Names come out simplified and alias-normalised (seeds/owner-aliases.json), so
// roll-ups by owner work across plans and scripts; the measure text keeps the
// original spelling.

import aliasData from '../../seeds/owner-aliases.json';

import type { OwnerRole } from '../types.ts';
import { OWNER_ROLES } from '../schema.ts';

export type { OwnerRole };

/** One office a measure names, with its role. */
export interface OwnerRef {
  name: string;
  role: OwnerRole;
}

export interface OwnerNote {
  /** Offsets of the whole note (brackets included) in the text given. */
  start: number;
  end: number;
  owners: OwnerRef[];
  /** Found as the bracket group that closes the text (else as a labelled list). */
  closesBracket: boolean;
}

/**
 * Owner labels are a small grammar: a role prefix and an owner noun, e.g.
 * 牵头单位, 责任部门, 牵头考核单位, 负责部门, 责任处室, 责任领导, 配合单位.
 * The prefix gives the role; 牵头/配合 alone (牵头：A) are labels too.
 */
const LABEL_PREFIXES: [string, OwnerRole][] = [
  ['牵头考核', 'lead'], ['牵头', 'lead'], ['主责', 'lead'], ['主办', 'lead'],
  ['责任', 'responsible'], ['负责', 'responsible'], ['实施', 'responsible'], ['承办', 'responsible'], ['主管', 'responsible'], ['指导', 'responsible'],
  ['配合', 'support'], ['协办', 'support'], ['参与', 'support'], ['协同', 'support'], ['协助', 'support'], ['参加', 'support'],
];
const LABEL_NOUNS = ['单位', '部门', '处室', '科室', '责任人', '领导', '主体'];
const LABELS: Record<string, OwnerRole> = Object.fromEntries([
  ...LABEL_PREFIXES.flatMap(([prefix, role]) => LABEL_NOUNS.map((noun) => [`${prefix}${noun}`, role] as const)),
  ['牵头', 'lead'], ['配合', 'support'], ['责任人', 'responsible'],
]);
const LABEL_START_RE = new RegExp(`^(?:${Object.keys(LABELS).sort((a, b) => b.length - a.length).join('|')})\\s*[::]`, 'u');

/** Markers after a name in an unlabelled note: （A牵头，B配合）. */
const ROLE_SUFFIXES: [string, OwnerRole][] = [
  ['按职责分工负责', 'responsible'], ['按职责分工落实', 'responsible'], ['按职责负责', 'responsible'], ['牵头负责', 'lead'], ['牵头落实', 'lead'],
  ['共同负责', 'responsible'], ['分别负责', 'responsible'], ['具体负责', 'responsible'], ['负责落实', 'responsible'],
  ['牵头', 'lead'], ['主办', 'lead'], ['负责', 'responsible'], ['指导', 'responsible'], ['落实', 'responsible'],
  ['配合', 'support'], ['参与', 'support'], ['协助', 'support'], ['协同', 'support'], ['协办', 'support'],
];
/** "X会同Y负责": X leads, Y supports. */
const TOGETHER_WITH = '会同';

/** Endings of office names; a bracket of such names (and nothing else) is an owner note. */
const OWNER_END_RE = /(局|委|办|院|部|署|会|中心|公司|集团|街道|政府|办公室|厅|法院|检察院|分局|支队|大队|海关|总站|银行|分行|所|站|处|科|单位|部门|区|县|市|镇|乡|园|管委会|小组|执委会|企业|机构|协会|社区|港|社|联|团|中央|组|队|台|馆|校|学院|大学|集团|总会|党委|党组|工委|监狱|医院)$/u;
const MAX_NOTE = 400;
const MAX_OWNER = 40;

const ALIASES: Record<string, string> = aliasData.aliases;
/** Each rewrite is a [from, to] pair of name parts (a JSON array reads as string[]). */
const REWRITES: [string, string][] = aliasData.rewrites.map(([from = '', to = '']) => [from, to]);

/** The canonical spelling of a unit name (simplified input): rewrites, then whole-name aliases. */
export function canonicalOwner(name: string): string {
  const known = canonicalCache.get(name);
  if (known !== undefined) return known;
  let out = name.replace(/\s+/gu, '');
  for (const [from, to] of REWRITES) if (out.includes(from)) out = out.split(from).join(to);
  out = ALIASES[out] ?? out;
  if (canonicalCache.size > MAX_CACHE) canonicalCache.clear();
  canonicalCache.set(name, out);
  return out;
}

/** Plans repeat the same few dozen unit names: remember their canonical forms. */
const canonicalCache = new Map<string, string>();
const MAX_CACHE = 5000;

/** An office name in an unlabelled note: at least 3 characters ("首办负责" names no office), or 各… */
function looksLikeOwner(name: string): boolean {
  return (name.length >= 3 || name.startsWith('各')) && name.length <= MAX_OWNER && !/[。;!?《》]/u.test(name) && (OWNER_END_RE.test(name) || name.startsWith('各'));
}

/** 1 for 、 , ， ; ； / by char code: a table load per character, not a Set lookup (splitNames showed in the parse profile). */
const NAME_SEPARATOR = new Uint8Array(65536);
for (const c of '、,，;；/') NAME_SEPARATOR[c.charCodeAt(0)] = 1;

/** Splits a list of names on 、 , ; / (a hand loop: this runs once per measure). */
function splitNames(list: string): string[] {
  const names: string[] = [];
  let from = 0;
  for (let i = 0; i <= list.length; i++) {
    if (i < list.length && NAME_SEPARATOR[list.charCodeAt(i)] !== 1) continue;
    let name = list.slice(from, i).trim();
    // "A、B及C": 及 joins the last name (和 is left alone: 和平区 is a name).
    if (name.startsWith('以及')) name = name.slice(2);
    else if (name.startsWith('及')) name = name.slice(1);
    if (name.endsWith('等')) name = name.slice(0, -1);
    name = name.trim();
    if (name) names.push(name);
    from = i + 1;
  }
  return names;
}

/** Longest label first, so 牵头单位 wins over 牵头. */
const LABEL_WORDS = Object.keys(LABELS).sort((a, b) => b.length - a.length);
/**
 * LABEL_WORDS by their last character, in the same order: a colon's label is
 * looked up among the few words that end in the character before it, not all
 * ~120 (the parse bench showed this loop among its top costs).
 */
const LABEL_WORDS_BY_LAST = new Map<number, string[]>();
for (const word of LABEL_WORDS) {
  const last = word.charCodeAt(word.length - 1);
  const list = LABEL_WORDS_BY_LAST.get(last);
  if (list) list.push(word);
  else LABEL_WORDS_BY_LAST.set(last, [word]);
}

/** The label ending just before a colon at `colon` (white space allowed between), or null. */
function labelBefore(text: string, colon: number): { label: string; start: number } | null {
  let end = colon;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  const words = end > 0 ? LABEL_WORDS_BY_LAST.get(text.charCodeAt(end - 1)) : undefined;
  if (!words) return null;
  for (const word of words) {
    const start = end - word.length;
    if (start >= 0 && text.startsWith(word, start)) return { label: word, start };
  }
  return null;
}

/** Labels in a text: each label with the offset where it starts and where its list starts. */
function findLabels(text: string): { label: string; start: number; listStart: number }[] {
  const found: { label: string; start: number; listStart: number }[] = [];
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const hit = labelBefore(text, colon);
    if (!hit) continue;
    let listStart = colon + 1;
    while (listStart < text.length && text[listStart] === ' ') listStart++;
    found.push({ label: hit.label, start: hit.start, listStart });
  }
  return found;
}

/** Units of a labelled list: "责任单位:A、B;配合单位:C". null when no label opens it. */
function parseLabelled(content: string): OwnerRef[] | null {
  const hits = findLabels(content);
  if (hits.length === 0) return null;
  // The label opens the note, or follows a deadline clause in the same bracket (（6月底前完成，牵头单位：A）).
  if (hits[0]!.start > 2 && !DEADLINE_CLAUSE_RE.test(content.slice(0, hits[0]!.start))) return null;
  const owners: OwnerRef[] = [];
  for (let k = 0; k < hits.length; k++) {
    const hit = hits[k]!;
    const role = LABELS[hit.label]!;
    let to = k + 1 < hits.length ? hits[k + 1]!.start : content.length;
    // "责任单位:A;完成时限:2025年底" — the list stops at the next, non-owner label.
    const other = OTHER_LABEL_RE.exec(content.slice(hit.listStart, to));
    if (other) to = hit.listStart + other.index;
    for (const name of splitNames(content.slice(hit.listStart, to))) owners.push({ name, role });
  }
  return owners.length > 0 ? owners : null;
}

/** Labels that share an owner note but name no owner. */
const OTHER_LABEL_RE = /[;,，；\s]*(?:完成时限|完成时间|完成期限|时间节点|时限要求|时限|进度安排|备注|适用范围|推广范围|实施范围|预期成果|工作目标)\s*:/u;
/** A deadline clause before the owner label in one note: "6月底前完成，" "2025年底前;" "持续推进，". */
const DEADLINE_CLAUSE_RE = /^[^:()]{0,24}(?:前|底|末|内|完成|推进|实施|开展|长期|持续|年|月)[^:()]{0,6}[,，;；]\s*$/u;

/** Units of an unlabelled note: "A牵头,B、C配合" / "A负责". null unless every part is an owner clause. */
function parseUnlabelled(content: string): OwnerRef[] | null {
  const owners: OwnerRef[] = [];
  for (const part of content.split(/[,，;；]/u)) {
    const clause = part.trim();
    if (!clause) continue;
    const suffix = ROLE_SUFFIXES.find(([word]) => clause.endsWith(word));
    if (!suffix) return null;
    const list = clause.slice(0, -suffix[0].length);
    const together = list.indexOf(TOGETHER_WITH);
    const clauseOwners: OwnerRef[] =
      together > 0
        ? [
            ...splitNames(list.slice(0, together)).map((name) => ({ name, role: 'lead' as OwnerRole })),
            ...splitNames(list.slice(together + TOGETHER_WITH.length)).map((name) => ({ name, role: 'support' as OwnerRole })),
          ]
        : splitNames(list).map((name) => ({ name, role: suffix[1] }));
    if (!isOwnerList(clauseOwners.map((u) => u.name))) return null;
    owners.push(...clauseOwners);
  }
  return owners.length > 0 ? owners : null;
}

/**
 * A list of office names: none reads as prose, and most end like an office
 * (局/委/办/部/总社/全国妇联 …): a national list names bodies such as 共青团中央
 * that no suffix list can hold, but a sentence is never mostly office names.
 */
function isOwnerList(names: readonly string[]): boolean {
  if (names.length === 0) return false;
  if (!names.every((name) => name.length <= MAX_OWNER && !/[。!?《》:]/u.test(name) && !/(?:要|将|应|的|是|对|把|以)/u.test(name.slice(1)))) return false;
  return names.filter(looksLikeOwner).length * 2 > names.length;
}

/**
 * Finds the owner note of one measure's text: the last bracket group when it
 * closes the measure (only punctuation after it), or a labelled list that
 * starts a sentence or line and runs to the end. Offsets are into `text`.
 */
export function findOwnerNote(text: string): OwnerNote | null {
  let end = text.length;
  while (end > 0 && TRAILING_CODES.has(text.charCodeAt(end - 1))) end--;
  const close = text[end - 1];
  if (close === ')' || close === '）' || close === '】') {
    const open = matchingOpen(text, end - 1);
    if (open >= 0) {
      const content = text.slice(open + 1, end - 1).trim();
      const owners = parseLabelled(content) ?? parseUnlabelled(content);
      if (owners) return { start: open, end, owners: normaliseOwners(owners), closesBracket: true };
    }
  }
  // A labelled list without brackets ("…。责任单位:A、B", or on its own line),
  // or a bracket whose inside is garbled (a stray ")" from broken pinyin noise).
  const searchFrom = Math.max(0, end - MAX_NOTE);
  let best = -1;
  for (const hit of findLabels(text.slice(searchFrom, end))) {
    const at = searchFrom + hit.start;
    const before = text[at - 1];
    if (at === 0 || before === '\n' || before === '。' || before === ' ' || before === ';' || before === '(' || before === '【') {
      best = at;
      break;
    }
  }
  if (best >= 0) {
    const bracketed = text[best - 1] === '(' || text[best - 1] === '【';
    let listEnd = end;
    if (bracketed && (text[end - 1] === ')' || text[end - 1] === '】')) listEnd--;
    const list = text.slice(best, listEnd).replace(/\n/gu, ';');
    const clean = !/[()]/u.test(list.replace(/\([^()]*\)/gu, ''));
    const found = clean ? parseLabelled(list) : bracketed ? parseLabelled(list.replace(/[()]/gu, '')) : null;
    if (found && found.every((u) => u.name.length <= MAX_OWNER && !/。/u.test(u.name))) {
      return { start: bracketed ? best - 1 : best, end, owners: normaliseOwners(found), closesBracket: false };
    }
  }
  return null;
}

const TRAILING_CODES = new Set([' ', '\t', '\n', '\u3000', '。', ';', '；', '.', ',', '，'].map((c) => c.charCodeAt(0)));

/** Index of the bracket opening the one that closes at `close`, scanning back at most MAX_NOTE characters. */
function matchingOpen(text: string, close: number): number {
  const lenticular = text.charCodeAt(close) === 0x3011; // 】
  let depth = 0;
  const stop = Math.max(0, close - MAX_NOTE);
  for (let i = close; i >= stop; i--) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) return -1;
    // 】 pairs with 【; ) and ） pair with ( and （.
    if (lenticular ? ch === 0x3011 : ch === 0x29 || ch === 0xff09) depth++;
    else if (lenticular ? ch === 0x3010 : ch === 0x28 || ch === 0xff08) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Canonical names, duplicates dropped, lead owners first (then responsible, then support), order kept within a role. */
/** Roles in the order owner lists put them: lead owners first, then responsible, then support. */
const ROLE_ORDER: readonly OwnerRole[] = OWNER_ROLES;

function normaliseOwners(owners: OwnerRef[]): OwnerRef[] {
  const byRole = [...owners].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const out: OwnerRef[] = [];
  for (const owner of byRole) {
    const name = canonicalOwner(owner.name);
    if (name && !out.some((o) => o.name === name)) out.push({ name, role: owner.role });
  }
  return out;
}

/** True when a line is only an owner note (责任单位:… on its own line, or a bracketed note). */
export function isOwnerLine(text: string): boolean {
  if (text.length > MAX_NOTE) return false;
  if (LABEL_START_RE.test(text)) return true;
  if ((text.startsWith('(') || text.startsWith('（')) && LABEL_START_RE.test(text.slice(1))) return true;
  return false;
}

/** Longest owner list read before the colon that opens a duty paragraph. */
const MAX_OPENING_OWNER = 60;

/**
 * "(一)市工信局:落实…" / "(二)市委文明办(创城办):根据…": a list of duties names
 * its owner first, before a colon. The names (parenthesised short names left
 * out) must read as an owner list; roles are 'responsible'.
 */
export function findOpeningOwner(body: string): OwnerRef[] {
  const colon = body.indexOf(':');
  if (colon < 2 || colon > MAX_OPENING_OWNER) return [];
  const head = body.slice(0, colon).replace(/\([^()]{0,30}\)/gu, '');
  if (/[。;,，!?《》“”"]/u.test(head) || LABEL_START_RE.test(body)) return [];
  const names = splitNames(head);
  if (!isOwnerList(names) || !names.every(looksLikeOwner)) return [];
  return normaliseOwners(names.map((name) => ({ name, role: 'responsible' as OwnerRole })));
}

/**
 * "由国网龙岩供电公司牵头…" / "市工信局及各县工信科技局牵头组织推进…": a sentence
 * that opens by naming who leads or is responsible (由 X 牵头/负责, or X 牵头 at
 * the start of a sentence, or (X负责) closing a sentence mid-paragraph). Read only when the measure has no owner note: a
 * bare actor in prose (各区要…) is not matched, since it has no 牵头/负责.
 */
// Also a bare clause closing a sentence inside the paragraph ("…扩大汽车销量。(省工业和信息化厅负责)在场地…"):
// a copy that lost the line breaks between measures keeps each one's clause mid-paragraph.
const PROSE_OWNER_RE = /(?:(?:^|[。;:])\s*(?:由|\((?=[^()]{2,40}(?:牵头|负责)\)))?|[,，]\s*由)([^,，。;:《》“”]{2,40}?)(牵头|负责)(?!部门|单位|处室|领导)/gu;

export function findProseOwner(text: string): OwnerRef[] {
  if (!text.includes('牵头') && !text.includes('负责')) return [];
  for (const m of text.matchAll(PROSE_OWNER_RE)) {
    const bare = m[1]!.replace(/\([^()]{0,30}\)/gu, '');
    let names = splitNames(bare.replace(/(?:及|和|会同)/gu, '、'));
    // 和 also sits inside one name (省工业和信息化厅): read it whole when the split does not give owners.
    if (!names.every(looksLikeOwner)) names = splitNames(bare.replace(/(?:及|会同)/gu, '、'));
    if (names.length === 0 || !names.every(looksLikeOwner)) continue;
    return normaliseOwners(names.map((name) => ({ name, role: m[2] === '牵头' ? ('lead' as OwnerRole) : ('responsible' as OwnerRole) })));
  }
  return [];
}
