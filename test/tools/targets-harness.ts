// Dev harness for the target and outcome readers, independent of plan detection.
//
// Runs engine/parse/targets.ts over every paragraph of each corpus document and
// engine/parse/outcomes.ts over each report, then scores them against the truth
// with the matching logic of the corpus's eval.py (quote overlap + same value;
// exact = unit and comparator; a trap is hit by a target whose quote overlaps it
// and whose value is one of the trap's numbers).
//
//   npx tsx test/tools/targets-harness.ts                  # ../shared/corpus, every document
//   npx tsx test/tools/targets-harness.ts -v               # every miss, misreading and false target
//   npx tsx test/tools/targets-harness.ts --half a         # documents 01,03,05,… (tune on one half,
//   npx tsx test/tools/targets-harness.ts --half b         #  check the other: 02,04,06,…)
//   npx tsx test/tools/targets-harness.ts --only 05,21
//   npx tsx test/tools/targets-harness.ts --explain '到2025年不低于4.66人'   # one text, every candidate and its rule
//   npx tsx test/tools/targets-harness.ts --truth T.json --docs DIR   # another corpus, same format
//
// HTML is read the simple way (tables innermost first: a row of short cells is one
// line of tab-joined cells, a cell holding paragraphs keeps them as lines; </p>,
// <br>, </div>, </li> end lines; tags removed, entities decoded), so the figures
// measure the target reader alone, whatever the structure reader does.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { decodeEntities } from '../../engine/text/html.ts';
import { normalizeText } from '../../engine/text/normalize.ts';
import { loadSimplifier, needsSimplification } from '../../engine/text/simplify.ts';
import { explainTargets } from '../../engine/parse/targets.ts';
import { extractOutcomes } from '../../engine/parse/outcomes.ts';

interface TruthTarget {
  quote: string;
  value: number | number[];
  unit?: string;
  comparator?: string;
}
interface TruthEntry {
  file: string;
  plans?: { targets?: TruthTarget[]; not_targets?: string[] }[];
  not_targets?: string[];
  outcomes?: { quote: string; value: number; unit?: string }[];
}
interface Found {
  quote: string;
  value?: number;
  min?: number;
  max?: number;
  unit: string;
  comparator?: string;
  rule?: string;
}

// ---------------------------------------------------------------------------
// eval.py's matching, line for line

const T2S_FROM = '億萬個項噸條場際動區們務業員學發達進書長門開關間陽網內計劃實現與為對體處時億臺張筆戶宗級雙';
const T2S_TO = '亿万个项吨条场际动区们务业员学发达进书长门开关间阳网内计划实现与为对体处时亿台张笔户宗级双';
const T2S = new Map([...T2S_FROM].map((c, i) => [c, T2S_TO[i]!]));
const PINYIN = /\([a-zǜ-ͯāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ ]+\)/giu;

function norm(s: string): string {
  return [...(s ?? '').normalize('NFKC').replace(PINYIN, '').replace(/\s+/gu, '')].map((c) => T2S.get(c) ?? c).join('');
}

function longestCommon(a: string, b: string): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = prev[j - 1]! + 1;
        if (cur[j]! > best) best = cur[j]!;
      }
    }
    prev = cur;
  }
  return best;
}

function overlaps(x: string, y: string): boolean {
  const a = norm(x);
  const b = norm(y);
  if (!a || !b) return false;
  return a.includes(b) || b.includes(a) || longestCommon(a, b) >= Math.min(a.length, b.length, 8);
}

function valuesOf(t: Found): number[] {
  return [t.value, t.min, t.max].filter((v): v is number => typeof v === 'number');
}

function truthValues(t: { value: number | number[] }): number[] {
  return Array.isArray(t.value) ? t.value : [t.value];
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const MULTIPLIERS: [string, number][] = [['万亿', 1e12], ['千亿', 1e11], ['百亿', 1e10], ['亿', 1e8], ['千万', 1e7], ['百万', 1e6], ['万', 1e4]];

function magnitude(value: number, unit: string): [number, string] {
  const u = norm(unit);
  for (const [word, factor] of MULTIPLIERS) if (u.startsWith(word) && u.length > word.length) return [value * factor, u.slice(word.length)];
  return [value, u];
}

function sameQuantity(pv: number, pu: string, tv: number, tu: string): boolean {
  if (sameNumber(pv, tv)) return true;
  const [a, au] = magnitude(pv, pu);
  const [b, bu] = magnitude(tv, tu);
  return sameNumber(a, b) && (!au || !bu || au === bu || au.endsWith(bu) || bu.endsWith(au));
}

function unitOk(parsed: string, truth: string): boolean {
  const p = norm(parsed);
  const t = norm(truth);
  if (p === t || (p && t && (p.endsWith(t) || t.endsWith(p)))) return true;
  const pm = magnitude(1, p)[1];
  return pm === magnitude(1, t)[1] && pm !== '';
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function numbersIn(text: string): number[] {
  const t = norm(text).replace(/(?<=\d),(?=\d{3})/g, '');
  const out = [...t.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  if (/一半|过半/.test(t)) out.push(50);
  for (const m of t.matchAll(/([一二两三四五六七八九])成/g)) out.push(CN_DIGIT[m[1]!]! * 10);
  for (const m of t.matchAll(/([一二两三四五六七八九十])(?=[至到]|名|个|家|次|项|所|人)/g)) out.push(CN_DIGIT[m[1]!]!);
  return out;
}

// ---------------------------------------------------------------------------
// Reading a document the simple way

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

/** A table as lines: short-cell rows joined by tabs, paragraph cells as their own lines. */
function tableText(inner: string): string {
  const lines: string[] = [];
  for (const row of inner.split(/<\/tr\s*>/i)) {
    const cells = row.split(/<\/t[dh]\s*>/i).map((c) => stripTags(c.replace(/<\/p\s*>|<br\s*\/?>|<\/div\s*>|<\/li\s*>/gi, '\n')));
    const filled = cells.filter((c) => c.trim());
    // a layout row holds the article (one cell, or long cells of many paragraphs); a data row holds short cells
    const long = filled.length < 2 || cells.some((c) => c.trim().split('\n').filter((l) => l.trim()).length > 5 || c.trim().length > 400);
    if (long) for (const c of cells) lines.push(...c.split('\n'));
    else lines.push(cells.map((c) => c.replace(/\s+/g, ' ').trim()).join('\t'));
  }
  return lines.map((l) => l.trim()).filter(Boolean).join('\n');
}

export function htmlParagraphs(html: string): string[] {
  let h = html.replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '');
  // innermost tables first; each becomes <p>-separated text
  const INNER = /<table\b[^>]*>((?:(?!<table\b)[\s\S])*?)<\/table\s*>/i;
  for (let guard = 0; guard < 500 && INNER.test(h); guard++) {
    h = h.replace(INNER, (_, inner: string) =>
      tableText(inner)
        .split('\n')
        .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
        .join(''),
    );
  }
  const text = h.replace(/<\/p\s*>|<br\s*\/?>|<\/div\s*>|<\/li\s*>|<\/tr\s*>|<\/h\d\s*>/gi, '\n').replace(/<\/t[dh]\s*>/gi, '\t');
  return stripTags(text)
    .split('\n')
    .map((l) => l.replace(/[ \u00a0\u3000]+/g, ' ').trim())
    .filter(Boolean);
}

function paragraphsOf(path: string): string[] {
  const raw = readFileSync(path, 'utf8');
  if (/\.html?$/i.test(path)) return htmlParagraphs(raw);
  return raw.split('\n').map((l) => l.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const verbose = args.includes('-v') || args.includes('--verbose');
  const sentence = opt('--explain');
  if (sentence !== undefined) {
    // one text: every candidate with the rule that decided it
    const e = explainTargets(normalizeText(sentence).text);
    for (const a of e.accepted) console.log(`accepted [${a.rule}] ${a.quote} → ${a.target.comparator} ${a.target.value ?? `${a.target.min}–${a.target.max}`} ${a.target.unit} (${a.target.label})`);
    for (const r of e.rejected) console.log(`rejected [${r.rule}] ${r.quote}`);
    return;
  }
  const truthPath = resolve(opt('--truth') ?? join(process.cwd(), '../shared/corpus/truth.json'));
  if (!existsSync(truthPath)) {
    console.error(`targets-harness: no truth file at ${truthPath} (the shared corpus sits beside the clone in ../shared/corpus)`);
    process.exit(2);
  }
  const docs = resolve(opt('--docs') ?? join(dirname(truthPath), 'docs'));
  const only = (opt('--only') ?? '').split(',').filter(Boolean);
  const half = opt('--half');
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as TruthEntry[];
  const simplify = await loadSimplifier();
  const total = { docs: 0, targets: 0, found: 0, exact: 0, traps: 0, falseTargets: 0, outcomes: 0, outcomesFound: 0 };
  truth.forEach((entry, index) => {
    if (only.length && !only.some((o) => entry.file.startsWith(o))) return;
    if (half === 'a' && index % 2 === 1) return;
    if (half === 'b' && index % 2 === 0) return;
    const paragraphs = paragraphsOf(join(docs, entry.file));
    const traditional = needsSimplification(paragraphs.join('\n'));
    const found: Found[] = [];
    const normalised: string[] = [];
    for (const p of paragraphs) {
      const text = normalizeText(p, traditional ? { simplify } : {}).text;
      normalised.push(text);
      for (const c of explainTargets(text).accepted) found.push({ ...c.target, quote: c.quote, rule: c.rule });
    }
    const lines: string[] = [];
    const c = { targets: 0, found: 0, exact: 0, traps: 0, falseTargets: 0, outcomes: 0, outcomesFound: 0 };
    for (const plan of entry.plans ?? []) {
      for (const tt of plan.targets ?? []) {
        c.targets++;
        const tv = truthValues(tt);
        let hit: Found | undefined;
        let exact = false;
        for (const pt of found) {
          if (!overlaps(pt.quote, tt.quote)) continue;
          const pv = valuesOf(pt);
          if (tv.length && pv.length && tv.every((a) => pv.some((b) => sameQuantity(b, pt.unit ?? '', a, tt.unit ?? '')))) {
            hit = pt;
            exact = unitOk(pt.unit ?? '', tt.unit ?? '') && (pt.comparator ?? '') === (tt.comparator ?? '');
            if (exact) break;
          }
        }
        if (!hit) {
          if (verbose) lines.push(`missed target: ${tt.quote} (${tt.comparator} ${JSON.stringify(tt.value)} ${tt.unit})`);
          continue;
        }
        c.found++;
        if (exact) c.exact++;
        else if (verbose)
          lines.push(`target ${tt.quote}: read as ${hit.comparator} ${JSON.stringify(valuesOf(hit))} ${hit.unit} [${hit.rule}] (truth ${tt.comparator} ${JSON.stringify(tt.value)} ${tt.unit})`);
      }
    }
    const traps = [...(entry.not_targets ?? []), ...(entry.plans ?? []).flatMap((p) => p.not_targets ?? [])];
    c.traps = traps.length;
    for (const trap of traps) {
      const nums = numbersIn(trap);
      const pt = found.find((f) => nums.length && overlaps(f.quote, trap) && valuesOf(f).some((a) => nums.some((b) => sameNumber(a, b))));
      if (pt) {
        c.falseTargets++;
        if (verbose) lines.push(`false target: ${pt.quote} [${pt.rule}] (from "${trap}")`);
      }
    }
    if (entry.outcomes?.length) {
      const outs = extractOutcomes(normalised.join('\n')).map((o) => ({ ...o, quote: normalised.join('\n').slice(o.span.start, o.span.end) }));
      for (const to of entry.outcomes) {
        c.outcomes++;
        if (outs.some((o) => overlaps(o.quote, to.quote) && sameQuantity(o.value, o.unit ?? '', to.value, to.unit ?? ''))) c.outcomesFound++;
        else if (verbose) lines.push(`missed outcome: ${to.quote}`);
      }
    }
    total.docs++;
    for (const k of Object.keys(c) as (keyof typeof c)[]) total[k] += c[k];
    console.log(
      `${entry.file.slice(0, 66).padEnd(66)} targets ${c.found}/${c.targets} (${c.exact} exact)  false ${c.falseTargets}/${c.traps}${c.outcomes ? `  outcomes ${c.outcomesFound}/${c.outcomes}` : ''}  [${found.length} read]`,
    );
    for (const l of lines) console.log(`    ${l}`);
  });
  const t = total;
  console.log(
    `total: ${t.docs} documents; targets found ${t.found}/${t.targets} (${t.exact} exact); false targets ${t.falseTargets} of ${t.traps} traps; outcomes ${t.outcomesFound}/${t.outcomes}`,
  );
}

if (process.argv[1]?.endsWith("targets-harness.ts")) void main();
