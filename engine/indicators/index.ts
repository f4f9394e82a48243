// Business-environment indicators: lexicon tagging and the indicator report.
export { tagMeasure, explainMeasure } from './tag.ts';
export type { MeasureTags, TagOptions, TagEvidence, EvidenceZone } from './tag.ts';
export { businessEnvironmentReport, distanceToFrontier } from './report.ts';
export type { BusinessEnvironmentReport, IndicatorStat, CompositeIndex, AccountabilityLoad, FrontierTarget, PlanIndicatorSummary, ReportOptions } from './report.ts';
export { defaultLexicon, parseLexicon, Lexicon as LexiconSchema } from './lexicon.ts';
export type { Lexicon } from './lexicon.ts';
export { applyTagOverrides, tagOverridesOf, resolveTag, measureOverrides, measureTags, USER_EVIDENCE } from './overrides.ts';
export type { TagOverride } from './overrides.ts';
export { COMPOSITE_NAME, THIN_WARNING } from './report.ts';
