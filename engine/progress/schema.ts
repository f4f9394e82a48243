// Progress that staff enter, and the snapshots they exchange. zod validates
// every entry crossing a boundary (file import, runtime message, database)
// with these schemas — the one source of an entry's shape. zod/mini, not zod:
// the content script checks entries in messages with them and must stay small.
import * as z from 'zod/mini';
import { SOURCE_LIMITS, isHttpUrl } from './source.ts';
import { isCalendarDate } from './dates.ts';

// Re-exported for callers that already read it here; it lives in dates.ts, which has no zod, so the content script can use it.
export { isCalendarDate };

export { SOURCE_LIMITS, isHttpUrl };

const text = (max: number) => z.string().check(z.maxLength(max));
const id = z.string().check(z.minLength(1), z.maxLength(200));

export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected a date YYYY-MM-DD'), z.refine(isCalendarDate, 'not a real calendar date'));

/**
 * Where a reported figure comes from: the page's address, its title, the
 * sentence quoted from it and the document number (文号, e.g. 深光府办〔2025〕3号).
 * Every field is optional, but a source names at least one of them.
 */
export const EntrySource = z
  .object({
    url: z.optional(z.string().check(z.maxLength(SOURCE_LIMITS.url), z.refine(isHttpUrl, 'only http:// or https:// addresses (来源链接须以 http:// 或 https:// 开头)'))),
    title: z.optional(text(SOURCE_LIMITS.title)),
    quote: z.optional(text(SOURCE_LIMITS.quote)),
    docNumber: z.optional(text(SOURCE_LIMITS.docNumber)),
  })
  .check(
    z.refine((s) => [s.url, s.title, s.quote, s.docNumber].some((v) => v !== undefined && v.trim() !== ''), {
      message: 'a source needs a URL, a title, a quote or a 文号 (来源至少填写链接、标题、引文或文号之一)',
    }),
  );
export type EntrySource = z.infer<typeof EntrySource>;

/** Milestones for measures without numbers, in order. */
export const MILESTONE_NAMES = ['未启动', '推进中', '基本完成', '已完成'] as const;
export const MilestoneSchema = z.enum(MILESTONE_NAMES);
export type Milestone = z.infer<typeof MilestoneSchema>;
/** The completion each milestone stands for. */
export const MILESTONES: Readonly<Record<Milestone, number>> = { 未启动: 0, 推进中: 50, 基本完成: 90, 已完成: 100 };


const entryBase = {
  /** Unique per entry; merge keys on it. */
  id,
  planId: id,
  measureId: id,
  /** The day the progress was true of. */
  date: isoDate,
  note: z.optional(text(10_000)),
  /** A link to the evidence (a report, a page); never fetched. */
  evidence: z.optional(text(2_000)),
  /** When the entry was last edited (ISO timestamp): the later edit wins in a merge. */
  updatedAt: z.iso.datetime({ offset: true }),
  author: z.optional(text(200)),
  /** Where the figure comes from (optional): URL, page title, quoted sentence, 文号. */
  source: z.optional(EntrySource),
  /** 填报人: the person who reported the figure (author is who typed it in). */
  reporter: z.optional(text(SOURCE_LIMITS.reporter)),
  /** A deletion is kept as a tombstone so merges do not bring the entry back. */
  deleted: z.optional(z.boolean()),
};

/** A number reported against one target, in the target's unit or a convertible one. */
export const ValueEntry = z.object({
  ...entryBase,
  kind: z.literal('value'),
  targetId: id,
  value: z.number(),
  /** Unit as entered; converted to the target's unit when they differ (万元 → 亿元). */
  unit: z.optional(text(20)),
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
    milestone: z.optional(MilestoneSchema),
    percent: z.optional(z.number().check(z.gte(0), z.lte(100))),
  })
  .check(
    z.refine((entry) => entry.milestone !== undefined || entry.percent !== undefined, {
      message: `a status entry needs a milestone (${MILESTONE_NAMES.join('/')}) or a percent 0–100`,
      path: ['percent'],
    }),
  );

export const ProgressEntry = z.discriminatedUnion('kind', [ValueEntry, StatusEntry]);
export type ValueEntry = z.infer<typeof ValueEntry>;
export type StatusEntry = z.infer<typeof StatusEntry>;
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** Completion 0–100 a status entry stands for: its percent, else its milestone's value. */
export function statusEntryPercent(entry: StatusEntry): number {
  if (entry.percent !== undefined) return entry.percent;
  return entry.milestone !== undefined ? MILESTONES[entry.milestone] : 0;
}
