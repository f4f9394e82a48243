// Scoring: progress entries → target, measure, section, unit and plan scores.
export { DEFAULT_SCORE_CONFIG, STATUSES, emptyStatusCounts, resolveConfig } from './config.ts';
export type { ScoreConfig, ScoreConfigInput, Status, TrendLabel } from './config.ts';
export { targetCompletion, targetGoal } from './completion.ts';
export { formatNumber, roundPercent, formatPercent, formatPercentChange } from './format.ts';
export type { CompletionResult } from './completion.ts';
export { expectedShare, dayNumber, dateOfDay, linearShare, periodDays } from './time.ts';
export { statusAgainstTime } from './status.ts';
export { computeTrend } from './trend.ts';
export type { Trend, TrendPoint } from './trend.ts';
export { scorePlan, scorePlans, compareLatestFirst, planWindow } from './rollups.ts';
export type { MeasureScore, PlanScore, ScoreOptions, SectionScore, TargetScore, OwnerScore } from './rollups.ts';
export { entryValueInTargetUnit } from './units.ts';
export { formatExplanation, isExplanation, explainScore, EXPLANATION_KEYS } from './explain.ts';
export type { Explanation, ExplanationKey, ExplainLocale, CompletionExplanation, Band } from './explain.ts';
