// The indicator lexicon is data (seeds/be-lexicon.json), validated here so a
// bad edit fails loudly at load time instead of silently tagging nothing.
import * as z from 'zod/mini';
import '../zod-english.ts';
import lexiconData from '../../seeds/be-lexicon.json';

const Phrases = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));
/** Generic words: weight 1, never enough alone in a measure's body. */
const Weak = z.optional(z.array(z.string().check(z.minLength(1))));
/** The phrases in traditional script, so traditional pages are tagged without a converter. */
const Variants = z.optional(z.array(z.string().check(z.minLength(1))));

/** How evidence is weighed (engine/indicators/tag.ts; README → Codebook). */
export const TagRules = z.object({
  /** Score a tag needs. A specific phrase weighs 2, a generic word 1, times the factor of where it stands. */
  threshold: z.number().check(z.positive()),
  /** Score a tag needs when its evidence is only generic words (two of them at least). */
  weakOnlyThreshold: z.number().check(z.positive()),
  /** The measure's lead phrase (its title). */
  titleFactor: z.number().check(z.positive()),
  /** The measure's own sentences. */
  bodyFactor: z.number().check(z.positive()),
  /** An item of an enumeration (A、B、C等, 如…等, 包括…): an example, not the measure's subject. */
  listFactor: z.number().check(z.nonnegative()),
  /** Each further occurrence of the same phrase adds this share of its weight … */
  repeatBonus: z.number().check(z.nonnegative()),
  /** … for at most this many further occurrences. */
  repeatCap: z.number().check(z.int(), z.nonnegative()),
  /** When the title names some indicators, the others (found only in the body, or only by a generic word in the title while another indicator's specific phrase stands there) need this score. */
  leadBodyMin: z.number().check(z.positive()),
  /** A tag's score must be at least this share of the measure's best score. */
  relative: z.number().check(z.gte(0), z.lte(1)),
  maxTags: z.number().check(z.int(), z.positive()),
  /** Each national indicator a measure carries adds this to its dimension's score. */
  dimensionFromIndicator: z.number().check(z.nonnegative()),
  /** A dimension's score must be at least this share of the measure's best dimension score. */
  dimensionRelative: z.number().check(z.gte(0), z.lte(1)),
  /** A phrase followed by one of these is part of an office's name (市场监管局, 税务部门), not evidence. */
  ownerSuffixes: z.array(z.string().check(z.minLength(1))),
  /** Strings blanked before matching: words that contain a phrase but mean something else (独立法人 ⊃ 立法). */
  masks: z.array(z.string().check(z.minLength(1))),
});
export type TagRules = z.infer<typeof TagRules>;

const Group = { id: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)), phrases: Phrases, weak: Weak, traditional: Variants, weakTraditional: Variants };

export const Lexicon = z.object({
  version: z.number().check(z.int()),
  about: z.optional(z.string()),
  rules: TagRules,
  national: z.array(z.object({ ...Group, dimension: z.nullable(z.string()), secondLevel: z.optional(z.array(z.string().check(z.minLength(1)))) })).check(z.length(18)),
  bready: z.array(z.object(Group)).check(z.minLength(1)),
  dimensions: z.array(z.object(Group)).check(z.length(3)),
});
export type Lexicon = z.infer<typeof Lexicon>;

export interface LexiconGroup {
  id: string;
  name: string;
  phrases: string[];
  weak?: string[] | undefined;
  traditional?: string[] | undefined;
  weakTraditional?: string[] | undefined;
}

let cached: Lexicon | null = null;

/** The bundled lexicon, validated once. */
export function defaultLexicon(): Lexicon {
  cached ??= parseLexicon(lexiconData);
  return cached;
}

/** Validates lexicon data; throws with every problem and its path. */
export function parseLexicon(data: unknown): Lexicon {
  const result = Lexicon.safeParse(data);
  if (!result.success) {
    throw new Error(`be-lexicon: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const dims = new Set(result.data.dimensions.map((d) => d.id));
  for (const n of result.data.national) {
    if (n.dimension !== null && !dims.has(n.dimension)) throw new Error(`be-lexicon: national ${n.id}: unknown dimension "${n.dimension}"`);
  }
  return result.data;
}
