// Tagging a measure with business-environment indicators: a phrase of the
// lexicon found in the measure's normalised title or text tags it. A measure
// may carry several tags, or none (reported as untagged).
import type { Measure } from '../types.ts';
import { matchingText } from '../related/normalise.ts';
import { defaultLexicon, type Lexicon } from './lexicon.ts';

export interface MeasureTags {
  /** National first-level indicator ids (seeds/be-lexicon.json "national"). */
  indicators: string[];
  /** World Bank B-READY topic ids. */
  breadyTopics: string[];
  /** 'market' 市场化, 'rule_of_law' 法治化, 'international' 国际化. */
  dimensions: string[];
}

export interface TagOptions {
  /**
   * Traditional → simplified converter, for measures of a traditional-script
   * plan. Optional: the lexicon carries traditional forms of its phrases too,
   * so tagging works without it; with it, variant spellings OpenCC knows match as well.
   */
  simplify?: (s: string) => string;
  lexicon?: Lexicon;
}

/** Phrases of a group in both scripts (traditional variants come from the lexicon data). */
const allPhrases = new WeakMap<object, string[]>();

function matches(text: string, group: { phrases: string[]; traditional?: string[] | undefined }): boolean {
  let phrases = allPhrases.get(group);
  if (!phrases) allPhrases.set(group, (phrases = [...group.phrases, ...(group.traditional ?? [])]));
  for (const p of phrases) if (text.includes(p)) return true;
  return false;
}

export function tagMeasure(measure: Measure, options: TagOptions = {}): MeasureTags {
  const lexicon = options.lexicon ?? defaultLexicon();
  const text = matchingText(`${measure.title}。${measure.text}`, options.simplify);
  const indicators = lexicon.national.filter((g) => matches(text, g));
  const breadyTopics = lexicon.bready.filter((g) => matches(text, g)).map((g) => g.id);
  // A dimension by its own phrases, or by an indicator that belongs to it.
  const fromIndicators = new Set(indicators.map((g) => g.dimension).filter((d): d is string => d !== null));
  const dimensions = lexicon.dimensions.filter((d) => fromIndicators.has(d.id) || matches(text, d)).map((d) => d.id);
  return { indicators: indicators.map((g) => g.id), breadyTopics, dimensions };
}
