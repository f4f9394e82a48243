// The snapshot file: what staff export, e-mail to a colleague, merge and
// import again. Versioned; every field validated on the way in.
import * as z from 'zod/mini';
import '../zod-english.ts';
import { ProgressEntry, isoDate } from '../progress/schema.ts';
import { CorrectionRecord } from '../corrections/schema.ts';
import { STATUSES } from '../score/config.ts';

export const SNAPSHOT_FORMAT = 'planmeter.snapshot';
export const SNAPSHOT_VERSION = 1;

const StatusName = z.enum(STATUSES);
const Percent = z.number().check(z.gte(0), z.lte(100));

export const PlanRef = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  fingerprint: z.string().check(z.maxLength(200)),
  title: z.string().check(z.maxLength(1_000)),
});

export const SnapshotTargetScore = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  completion: z.nullable(Percent),
  raw: z.nullable(z.number()),
  status: StatusName,
});

export const SnapshotMeasureScore = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  completion: z.nullable(Percent),
  status: StatusName,
  targets: z.array(SnapshotTargetScore),
});

export const SnapshotPlanScore = z.object({
  planId: z.string().check(z.minLength(1), z.maxLength(200)),
  score: Percent,
  coverage: Percent,
  expected: Percent,
  statusCounts: z.object({
    done: z.number().check(z.int(), z.gte(0)),
    on_track: z.number().check(z.int(), z.gte(0)),
    at_risk: z.number().check(z.int(), z.gte(0)),
    off_track: z.number().check(z.int(), z.gte(0)),
    not_started: z.number().check(z.int(), z.gte(0)),
    overdue: z.number().check(z.int(), z.gte(0)),
  }),
  measures: z.array(SnapshotMeasureScore),
});

export const Snapshot = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  appVersion: z.string().check(z.minLength(1), z.maxLength(50)),
  createdAt: z.string().check(z.iso.datetime({ offset: true })),
  asOf: isoDate,
  plans: z.array(PlanRef),
  entries: z.array(ProgressEntry),
  scores: z.array(SnapshotPlanScore),
  /** The user's corrections to how pages were read (README "Corrections"), keyed by plan fingerprint and URL; absent in older files. */
  corrections: z.optional(z.array(CorrectionRecord).check(z.maxLength(100_000))),
});

export type PlanRef = z.infer<typeof PlanRef>;
export type SnapshotTargetScore = z.infer<typeof SnapshotTargetScore>;
export type SnapshotMeasureScore = z.infer<typeof SnapshotMeasureScore>;
export type SnapshotPlanScore = z.infer<typeof SnapshotPlanScore>;
export type Snapshot = z.infer<typeof Snapshot>;

/** One thing wrong with an imported file: where (entries[3].value) and what. */
export interface Problem {
  path: string;
  /** In English. */
  message: string;
  /** The same, as a message id and its params, for a caller that says it in the user's language (engine/cli/messages.ts). */
  text?: MessageRef;
}

/** A message named by id, with the values of its {placeholders} (a value may be another message). */
export interface MessageRef {
  id: string;
  params?: Readonly<Record<string, string | number | MessageRef>>;
}
