// Corrections: the user's fixes to how a page was read, as data (README "Corrections").
export { CORRECTIONS_VERSION, CORRECTION_OPS, MAX_CORRECTIONS, Correction as CorrectionSchema, CorrectionsFile as CorrectionsFileSchema, CorrectionRecord as CorrectionRecordSchema } from './schema.ts';
export type { Correction, CorrectionOp, CorrectionsFile, CorrectionRecord } from './schema.ts';
export { applyCorrections, readTargetQuote } from './apply.ts';
export type { ApplyOptions, CorrectedParse, CorrectionOutcome, CorrectionReason, RemovedTarget, VanishedMeasure } from './apply.ts';
export { parseCorrectionsFile, correctionProblems, correctionsFor, mergeCorrectionRecords, pageKeyUrl, placeEntries, recordOrder } from './io.ts';
export type { OrphanedEntry, ParseCorrectionsResult } from './io.ts';
export { findQuote, squeeze, containsQuote } from './anchor.ts';
