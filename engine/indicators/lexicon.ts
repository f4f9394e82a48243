// The indicator lexicon is data (seeds/be-lexicon.json), validated here so a
// bad edit fails loudly at load time instead of silently tagging nothing.
import { z } from 'zod';
import lexiconData from '../../seeds/be-lexicon.json';

const Phrases = z.array(z.string().min(1)).min(1);
/** The phrases in traditional script, so traditional pages are tagged without a converter. */
const Variants = z.array(z.string().min(1)).optional();

export const Lexicon = z.object({
  version: z.number().int(),
  about: z.string().optional(),
  national: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), dimension: z.string().nullable(), phrases: Phrases, traditional: Variants })).length(18),
  bready: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), phrases: Phrases, traditional: Variants })).min(1),
  dimensions: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), phrases: Phrases, traditional: Variants })).length(3),
});
export type Lexicon = z.infer<typeof Lexicon>;

export interface LexiconGroup {
  id: string;
  name: string;
  phrases: string[];
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
