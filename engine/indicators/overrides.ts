// A user's own word on a measure's tags: operations of the corrections list
// (engine/corrections, README "Corrections"), applied in order after tagging.
//   { "op": "add-tag",    "measure": id, "tag": "enforcing_contracts" }
//   { "op": "remove-tag", "measure": id, "tag": "market" }
// `tag` is a national indicator, B-READY topic or dimension id; its lexicon name
// (执行合同, 法治化) is accepted too. An added tag's evidence is the user.
// engine/corrections applies these operations to the plan as Measure.tagsAdded /
// tagsRemoved; measureOverrides turns those back into operations here.
import type { Measure } from '../types.ts';
import { defaultLexicon, type Lexicon } from './lexicon.ts';
import { explainMeasure, type MeasureTags, type TagEvidence, type TagOptions } from './tag.ts';

export interface TagOverride {
  op: 'add-tag' | 'remove-tag';
  measure: string;
  tag: string;
}

/** The tag operations of a corrections list (other operations are left to engine/corrections). */
export function tagOverridesOf(corrections: readonly { op: string }[]): TagOverride[] {
  return corrections.filter((c): c is TagOverride => (c.op === 'add-tag' || c.op === 'remove-tag') && typeof (c as TagOverride).measure === 'string' && typeof (c as TagOverride).tag === 'string');
}

type Family = 'indicators' | 'breadyTopics' | 'dimensions';

/** The family and id of a tag given by id or name; null when the lexicon has no such tag. */
export function resolveTag(lexicon: Lexicon, tag: string): { family: Family; id: string } | null {
  const families: [Family, { id: string; name: string }[]][] = [
    ['indicators', lexicon.national],
    ['breadyTopics', lexicon.bready],
    ['dimensions', lexicon.dimensions],
  ];
  for (const [family, groups] of families) {
    const g = groups.find((x) => x.id === tag || x.name === tag);
    if (g) return { family, id: g.id };
  }
  return null;
}

/** Evidence shown for a tag the user added. */
export const USER_EVIDENCE: TagEvidence = { phrase: '', zone: 'user', score: 0 };

/** `tags` of measure `measureId` with the user's operations on it applied in order (unknown tags are ignored). */
export function applyTagOverrides(tags: MeasureTags, measureId: string, overrides: readonly TagOverride[], lexicon: Lexicon): MeasureTags {
  const own = overrides.filter((o) => o.measure === measureId);
  if (!own.length) return tags;
  const out: MeasureTags = { indicators: [...tags.indicators], breadyTopics: [...tags.breadyTopics], dimensions: [...tags.dimensions], evidence: { ...(tags.evidence ?? {}) } };
  for (const o of own) {
    const t = resolveTag(lexicon, o.tag);
    if (!t) continue;
    const list = out[t.family];
    if (o.op === 'add-tag' && !list.includes(t.id)) {
      list.push(t.id);
      out.evidence![t.id] = [USER_EVIDENCE];
    } else if (o.op === 'remove-tag' && list.includes(t.id)) {
      list.splice(list.indexOf(t.id), 1);
      delete out.evidence![t.id];
    }
  }
  return out;
}

/** The user's tag operations stored on a measure by engine/corrections (tagsRemoved, then tagsAdded). */
export function measureOverrides(measure: Measure): TagOverride[] {
  return [
    ...(measure.tagsRemoved ?? []).map((tag) => ({ op: 'remove-tag' as const, measure: measure.id, tag })),
    ...(measure.tagsAdded ?? []).map((tag) => ({ op: 'add-tag' as const, measure: measure.id, tag })),
  ];
}

/** A measure's tags as the user sees them: the engine's, with its evidence, then the user's operations (stored on the measure, then `overrides`). */
export function measureTags(measure: Measure, options: TagOptions & { overrides?: readonly TagOverride[] } = {}): MeasureTags {
  const lexicon = options.lexicon ?? defaultLexicon();
  const ops = [...measureOverrides(measure), ...(options.overrides ?? [])];
  return applyTagOverrides(explainMeasure(measure, { lexicon, ...(options.simplify ? { simplify: options.simplify } : {}) }), measure.id, ops, lexicon);
}
