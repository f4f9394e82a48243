// Business-environment indicators: lexicon tagging and the indicator report.
export { tagMeasure } from './tag.ts';
export type { MeasureTags, TagOptions } from './tag.ts';
export { businessEnvironmentReport, distanceToFrontier } from './report.ts';
export type { BusinessEnvironmentReport, IndicatorStat, CompositeIndex, AccountabilityLoad, FrontierTarget, PlanIndicatorSummary, ReportOptions } from './report.ts';
export { defaultLexicon, parseLexicon, Lexicon as LexiconSchema } from './lexicon.ts';
export type { Lexicon } from './lexicon.ts';
