// Snapshots: versioned export/import of progress, CSV, diff and merge.
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot as SnapshotSchema, PlanRef as PlanRefSchema } from './schema.ts';
export type { Snapshot, PlanRef, Problem, SnapshotPlanScore, SnapshotMeasureScore, SnapshotTargetScore } from './schema.ts';
export { createSnapshot, serializeSnapshot, parseSnapshot, canonicalJson, compactScore, formatProblems, formatPath, resolveSnapshotPlans, snapshotWriteProblem, scanJson, stripForbiddenKeys, MAX_SNAPSHOT_CHARS, MAX_SNAPSHOT_ENTRIES, MAX_SNAPSHOT_DEPTH } from './io.ts';
export type { CreateSnapshotInput, ParseSnapshotResult, SnapshotPlanMatch, SnapshotLimits, JsonScan } from './io.ts';
export { snapshotToCsv, scoresToCsv, toCsv, csvCell } from './csv.ts';
export type { Cell } from './csv.ts';
export { mergeSnapshots } from './merge.ts';
export type { MergeConflict, MergeOptions } from './merge.ts';
export { diffSnapshots } from './diff.ts';
export type { SnapshotDiff, EntryChange, EntryDiffItem, ScoreMove, MeasureMove } from './diff.ts';
export { previewMerge, applyMergeChoices } from './preview.ts';
export type { MergePreview, PreviewItem, PreviewKind, PreviewOptions } from './preview.ts';
