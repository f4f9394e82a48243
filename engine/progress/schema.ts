// Progress that staff enter, and the snapshots they exchange. zod validates
// every entry crossing a boundary (file import, runtime message, database).
import { z } from 'zod';
import { SOURCE_LIMITS, isHttpUrl } from './source.ts';
import { isCalendarDate } from './dates.ts';

// Re-exported for callers that already read it here; it lives in dates.ts, which has no zod, so the content script can use it.
export { isCalendarDate };

export { SOURCE_LIMITS, isHttpUrl };

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a real calendar date');

/**
 * Where a reported figure comes from: the page's address, its title, the
 * sentence quoted from it and the document number (文号, e.g. 深光府办〔2025〕3号).
 * Every field is optional, but a source names at least one of them.
 */
export const EntrySource = z
  .object({
    url: z.string().max(SOURCE_LIMITS.url).refine(isHttpUrl, 'only http:// or https:// addresses (来源链接须以 http:// 或 https:// 开头)').optional(),
    title: z.string().max(SOURCE_LIMITS.title).optional(),
    quote: z.string().max(SOURCE_LIMITS.quote).optional(),
    docNumber: z.string().max(SOURCE_LIMITS.docNumber).optional(),
  })
  .refine((s) => [s.url, s.title, s.quote, s.docNumber].some((v) => v !== undefined && v.trim() !== ''), {
    message: 'a source needs a URL, a title, a quote or a 文号 (来源至少填写链接、标题、引文或文号之一)',
  });
export type EntrySource = z.infer<typeof EntrySource>;

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
  /** Where the figure comes from (optional): URL, page title, quoted sentence, 文号. */
  source: EntrySource.optional(),
  /** 填报人: the person who reported the figure (author is who typed it in). */
  reporter: z.string().max(SOURCE_LIMITS.reporter).optional(),
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

/**
 * A milestone or a percentage for a measure without numeric targets. It must
 * carry one of the two (an entry saying nothing cannot be scored); when it
 * carries both, the percentage is the more precise statement and counts.
 */
export const StatusEntry = z
  .object({
    ...entryBase,
    kind: z.literal('status'),
    milestone: z.enum(['未启动', '推进中', '基本完成', '已完成']).optional(),
    percent: z.number().finite().min(0).max(100).optional(),
  })
  .refine((entry) => entry.milestone !== undefined || entry.percent !== undefined, {
    message: 'a status entry needs a milestone (未启动/推进中/基本完成/已完成) or a percent 0–100',
    path: ['percent'],
  });

export const ProgressEntry = z.discriminatedUnion('kind', [ValueEntry, StatusEntry]);
export type ValueEntry = z.infer<typeof ValueEntry>;
export type StatusEntry = z.infer<typeof StatusEntry>;
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** Completion 0–100 a status entry stands for: its percent, else its milestone's value. */
export function statusEntryPercent(entry: StatusEntry): number {
  if (entry.percent !== undefined) return entry.percent;
  return entry.milestone !== undefined ? MILESTONES[entry.milestone] : 0;
}
