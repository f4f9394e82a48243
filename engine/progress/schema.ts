// Progress that staff enter, and the snapshots they exchange. zod validates
// every entry crossing a boundary (file import, runtime message, database).
import { z } from 'zod';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected a date YYYY-MM-DD');

/** Milestones for measures without numbers, with the completion each stands for. */
export const MILESTONES = { 未启动: 0, 推进中: 50, 基本完成: 90, 已完成: 100 } as const;
export type Milestone = keyof typeof MILESTONES;

const entryBase = {
  /** Unique per entry; merge keys on it. */
  id: z.string().min(1).max(200),
  planId: z.string().min(1).max(200),
  measureId: z.string().min(1).max(200),
  /** The day the progress was true of. */
  date: isoDate,
  note: z.string().max(10_000).optional(),
  /** A link to the evidence (a report, a page); never fetched. */
  evidence: z.string().max(2_000).optional(),
  /** When the entry was last edited (ISO timestamp): the later edit wins in a merge. */
  updatedAt: z.string().datetime({ offset: true }),
  author: z.string().max(200).optional(),
  /** A deletion is kept as a tombstone so merges do not bring the entry back. */
  deleted: z.boolean().optional(),
};

/** A number reported against one target, in the target's unit or a convertible one. */
export const ValueEntry = z.object({
  ...entryBase,
  kind: z.literal('value'),
  targetId: z.string().min(1).max(200),
  value: z.number().finite(),
  /** Unit as entered; converted to the target's unit when they differ (万元 → 亿元). */
  unit: z.string().max(20).optional(),
});

/** A milestone or a percentage for a measure without numeric targets. */
export const StatusEntry = z.object({
  ...entryBase,
  kind: z.literal('status'),
  milestone: z.enum(['未启动', '推进中', '基本完成', '已完成']).optional(),
  percent: z.number().finite().min(0).max(100).optional(),
});

export const ProgressEntry = z.discriminatedUnion('kind', [ValueEntry, StatusEntry]);
export type ValueEntry = z.infer<typeof ValueEntry>;
export type StatusEntry = z.infer<typeof StatusEntry>;
export type ProgressEntry = z.infer<typeof ProgressEntry>;
