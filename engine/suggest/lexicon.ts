// The matcher's word lists are data (seeds/suggest-lexicon.json), validated
// here so a bad edit fails loudly at load time instead of silently matching
// nothing. Shared by the suggestion matcher and the related-measure matcher.
import * as z from 'zod/mini';
import '../zod-english.ts';
import lexiconData from '../../seeds/suggest-lexicon.json';

export const SuggestLexicon = z.object({
  version: z.number().check(z.int()),
  about: z.optional(z.string()),
  synonyms: z.array(z.array(z.string().check(z.minLength(1))).check(z.minLength(2))).check(z.minLength(1)),
  directions: z.object({ increase: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), decrease: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)) }),
  aggregates: z.array(z.string().check(z.minLength(1))),
  shares: z.array(z.string().check(z.minLength(1))),
  fillers: z.array(z.string().check(z.minLength(1))),
  goalMarkers: z.array(z.string().check(z.minLength(1))),
  goalHeadings: z.array(z.string().check(z.minLength(1))),
  places: z.array(z.string().check(z.minLength(2))),
  relatedSynonyms: z._default(z.array(z.array(z.string().check(z.minLength(1))).check(z.minLength(2))), []),
});
export type SuggestLexicon = z.infer<typeof SuggestLexicon>;

/** The lexicon prepared for matching: phrase → canonical form, longest phrases first. */
export interface PreparedLexicon {
  raw: SuggestLexicon;
  /** Phrases by first character, each list longest first. */
  byFirst: Map<string, { phrase: string; canonical: string }[]>;
  goalMarkers: RegExp;
  goalHeadings: RegExp;
  aggregates: RegExp;
  shares: RegExp;
  fillers: RegExp;
  increase: RegExp;
  decrease: RegExp;
  places: RegExp;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function alternation(words: readonly string[]): RegExp {
  return new RegExp([...words].sort((a, b) => b.length - a.length).map(escape).join('|'), 'gu');
}

export function prepareLexicon(input: unknown): PreparedLexicon {
  const raw = SuggestLexicon.parse(input);
  const byFirst = new Map<string, { phrase: string; canonical: string }[]>();
  for (const group of raw.synonyms) {
    const canonical = group[0]!;
    for (const phrase of group) {
      const key = phrase[0]!;
      const list = byFirst.get(key) ?? [];
      list.push({ phrase, canonical });
      byFirst.set(key, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  return {
    raw,
    byFirst,
    goalMarkers: alternation(raw.goalMarkers),
    goalHeadings: alternation(raw.goalHeadings),
    aggregates: alternation(raw.aggregates),
    shares: alternation(raw.shares),
    fillers: alternation(raw.fillers),
    increase: alternation(raw.directions.increase),
    decrease: alternation(raw.directions.decrease),
    places: alternation(raw.places),
  };
}

let cached: PreparedLexicon | null = null;

/** The bundled lexicon, validated once. */
export function defaultSuggestLexicon(): PreparedLexicon {
  cached ??= prepareLexicon(lexiconData);
  return cached;
}

/**
 * Rewrites every lexicon phrase to its group's canonical form, scanning left
 * to right and taking the longest phrase at each position (国内生产总值增长 →
 * 生产总值增长, 居民消费价格涨幅 → 居民消费价格增长). Linear in the text.
 */
export function canonicalise(text: string, lexicon: PreparedLexicon = defaultSuggestLexicon()): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const list = lexicon.byFirst.get(text[i]!);
    const hit = list?.find((e) => text.startsWith(e.phrase, i));
    if (hit) {
      out += hit.canonical;
      i += hit.phrase.length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Which way a label says its figure moved: 'increase', 'decrease' or null when it does not say. */
export function directionOf(label: string, lexicon: PreparedLexicon = defaultSuggestLexicon()): 'increase' | 'decrease' | null {
  lexicon.decrease.lastIndex = 0;
  lexicon.increase.lastIndex = 0;
  const down = lexicon.decrease.test(label);
  const up = lexicon.increase.test(label);
  if (down && !up) return 'decrease';
  if (up && !down) return 'increase';
  return null;
}

/** True when the text matches one of the lexicon's patterns (global regexes reset first). */
export function has(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** A city, district or county named in a title: 深圳市, 光明区, 南山区 (not 示范区, 开发区, 全区). */
const LOCAL_PLACE = /[\u4e00-\u9fff]{2,3}?(?:市|区|县)/gu;
const NOT_A_PLACE = /^(?:全|本|我|各|该|城|园|新|示范|开发|自贸|试验|保税|合作|功能|片|社|辖|街|景|校|小|市|地|特)|(?:示范|开发|自贸|试验|保税|合作|高新|园|片|城|社|景|校|小|特|新)区$/u;

/** Cities, districts and counties named in a text (a title, a page's opening). */
export function localPlacesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(LOCAL_PLACE)) if (!NOT_A_PLACE.test(m[0])) found.add(m[0]);
  return [...found];
}

/** Places (provinces, municipalities, SARs) named in a text, in order of first mention. */
export function placesIn(text: string, lexicon: PreparedLexicon = defaultSuggestLexicon()): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(lexicon.places)) found.add(m[0]);
  return [...found];
}

/**
 * A label reduced to what it counts, in canonical words: places and filler
 * words dropped (光明区累计发放服务包 → 服务包), synonyms rewritten.
 */
export function labelCore(label: string, lexicon: PreparedLexicon = defaultSuggestLexicon()): string {
  let core = label;
  for (const place of [...placesIn(core, lexicon), ...localPlacesIn(core)]) core = core.split(place).join('');
  core = core.replace(/^(?:全省|全市|全区|全国|本区|本市)/u, '');
  lexicon.fillers.lastIndex = 0;
  core = core.replace(lexicon.fillers, '');
  return canonicalise(core || label, lexicon);
}

/** The related-measure matcher's rewriting: each relatedSynonyms phrase → its group's first phrase, longest first. */
export function relatedCanonicaliser(lexicon: PreparedLexicon = defaultSuggestLexicon()): (text: string) => string {
  const pairs = lexicon.raw.relatedSynonyms.flatMap((g) => g.map((phrase) => ({ phrase, canonical: g[0]! }))).sort((a, b) => b.phrase.length - a.phrase.length);
  if (pairs.length === 0) return (t) => t;
  const pattern = new RegExp(pairs.map((p) => p.phrase.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|'), 'gu');
  const to = new Map(pairs.map((p) => [p.phrase, p.canonical]));
  return (text) => text.replace(pattern, (m) => to.get(m) ?? m);
}
