// The corrections file: what a user changed in how a page was read, as a list
// of operations. A public contract (README "Corrections"): version 1; extend
// it with new operations and optional fields, never rename one.
//
// Operations name measures and targets by id, and carry the text they were
// made on (quotes) so that they can be re-anchored when a better parser gives
// other ids: they never name a position in an array.
import * as z from 'zod/mini';
import '../zod-english.ts';

export const CORRECTIONS_VERSION = 1;

const Id = z.string().check(z.minLength(1), z.maxLength(200));
/** Words of the page, as selected or typed (white space is ignored when matching). */
const Quote = z.string().check(z.minLength(1), z.maxLength(2_000), z.refine((s) => s.trim().length > 0, 'must contain more than white space'));
const Comparator = z.enum(['>=', '<=', '=', 'range', 'approx']);
const Num = z.number();
/** The opening words of the measure when the correction was made: the fallback anchor when its id is gone. */
const MeasureQuote = z.optional(Quote);

/** Fields a user may set on a target (add-target prefills them from the quote; edit-target changes them). */
const targetFields = {
  value: z.optional(Num),
  min: z.optional(Num),
  max: z.optional(Num),
  unit: z.optional(z.string().check(z.maxLength(20))),
  comparator: z.optional(Comparator),
  baseline: z.optional(Num),
  deadline: z.optional(z.string().check(z.maxLength(50))),
  label: z.optional(z.string().check(z.maxLength(200))),
  direction: z.optional(z.enum(['increase', 'decrease'])),
};

/** Bookkeeping every operation may carry: an id (undo, merge), when it was made, by whom. */
const meta = {
  id: z.optional(Id),
  createdAt: z.optional(z.string().check(z.iso.datetime({ offset: true }))),
  author: z.optional(z.string().check(z.maxLength(200))),
};

export const ReadAsPlan = z.object({ op: z.literal('read-as-plan'), title: z.string().check(z.minLength(1), z.maxLength(300), z.refine((s) => s.trim().length > 0, 'must not be blank')), ...meta });
export const AddMeasure = z.object({
  op: z.literal('add-measure'),
  /** The first words of the paragraph or passage. */
  quote: Quote,
  /** The last words of a passage; without it the measure runs to the end of the paragraph. */
  end: z.optional(Quote),
  /** Which occurrence of `quote` on the page (1 = first), counted with white space ignored. */
  occurrence: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10_000))),
  number: z.optional(z.string().check(z.maxLength(20))),
  title: z.optional(z.string().check(z.maxLength(200))),
  ...meta,
});
export const RemoveMeasure = z.object({ op: z.literal('remove-measure'), measure: Id, measureQuote: MeasureQuote, ...meta });
export const MergeMeasures = z.object({
  op: z.literal('merge-measures'),
  /** The first one in page order keeps its id; the others join it. */
  measures: z.array(Id).check(z.minLength(2), z.maxLength(50)),
  measureQuotes: z.optional(z.array(Quote).check(z.maxLength(50))),
  ...meta,
});
export const SplitMeasure = z.object({
  op: z.literal('split-measure'),
  measure: Id,
  measureQuote: MeasureQuote,
  /** The words where the second part starts. */
  at: Quote,
  ...meta,
});
export const MoveMeasure = z.object({
  op: z.literal('move-measure'),
  measure: Id,
  measureQuote: MeasureQuote,
  /** Section id; `sectionTitle` re-anchors it when the id is gone. */
  section: Id,
  sectionTitle: z.optional(z.string().check(z.maxLength(300))),
  subsection: z.optional(Id),
  ...meta,
});
export const EditMeasure = z
  .object({
    op: z.literal('edit-measure'),
    measure: Id,
    measureQuote: MeasureQuote,
    number: z.optional(z.string().check(z.maxLength(20))),
    title: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    ...meta,
  })
  .check(z.refine((c) => c.number !== undefined || c.title !== undefined, { message: 'give a number or a title to change', path: ['title'] }));
export const SetOwners = z.object({
  op: z.literal('set-owners'),
  measure: Id,
  measureQuote: MeasureQuote,
  /** Responsible units, lead first; an empty list clears them. */
  owners: z.array(z.string().check(z.minLength(1), z.maxLength(100), z.refine((s) => s.trim().length > 0, 'must not be blank'))).check(z.maxLength(50)),
  ...meta,
});
export const AddTarget = z.object({
  op: z.literal('add-target'),
  measure: Id,
  measureQuote: MeasureQuote,
  /** The target's words in the page (不少于200个); read by the engine's target reader, then the fields below win. */
  quote: Quote,
  ...targetFields,
  ...meta,
});
export const RemoveTarget = z.object({
  op: z.literal('remove-target'),
  target: Id,
  /** The target's quote when it was removed: the fallback anchor. */
  quote: z.optional(Quote),
  ...meta,
});
export const EditTarget = z.object({ op: z.literal('edit-target'), target: Id, quote: z.optional(Quote), ...targetFields, ...meta });
/** Reserved for business-environment indicator tags (engine/indicators): a tag added to or removed from a measure. */
export const AddTag = z.object({ op: z.literal('add-tag'), measure: Id, measureQuote: MeasureQuote, tag: z.string().check(z.minLength(1), z.maxLength(100)), ...meta });
export const RemoveTag = z.object({ op: z.literal('remove-tag'), measure: Id, measureQuote: MeasureQuote, tag: z.string().check(z.minLength(1), z.maxLength(100)), ...meta });

export const Correction = z.discriminatedUnion('op', [
  ReadAsPlan,
  AddMeasure,
  RemoveMeasure,
  MergeMeasures,
  SplitMeasure,
  MoveMeasure,
  EditMeasure,
  SetOwners,
  AddTarget,
  RemoveTarget,
  EditTarget,
  AddTag,
  RemoveTag,
]);
export type Correction = z.infer<typeof Correction>;
export type CorrectionOp = Correction['op'];
export const CORRECTION_OPS: readonly CorrectionOp[] = Correction.def.options.map((o) => o.shape.op.def.values[0]) as CorrectionOp[];

/** Most operations one file or one plan may hold. */
export const MAX_CORRECTIONS = 5_000;

export const CorrectionsFile = z.object({
  version: z.literal(CORRECTIONS_VERSION),
  corrections: z.array(Correction).check(z.maxLength(MAX_CORRECTIONS)),
});
export type CorrectionsFile = z.infer<typeof CorrectionsFile>;

/**
 * A stored correction (the extension's database, a snapshot's `corrections`):
 * which page it was made on — the plan's fingerprint as parsed before any
 * correction, and the page URL — and the edit times that merge like entries'
 * (the later edit wins; undo is a tombstone, so a merge never brings it back).
 */
export const CorrectionRecord = z.object({
  id: Id,
  /** Fingerprint of the plan the correction was made on, as the parser (or the permissive reading) gave it. */
  fingerprint: z.string().check(z.maxLength(200)),
  /** The page's URL without its #fragment; '' when unknown (a file). */
  url: z.string().check(z.maxLength(4_000)),
  /** The plan's id after corrections, when known (for display; matching uses fingerprint and URL). */
  planId: z.optional(z.string().check(z.maxLength(200))),
  /** Orders the operations of one page: applied by createdAt, then id. */
  createdAt: z.string().check(z.iso.datetime({ offset: true })),
  updatedAt: z.string().check(z.iso.datetime({ offset: true })),
  deleted: z.optional(z.boolean()),
  correction: Correction,
});
export type CorrectionRecord = z.infer<typeof CorrectionRecord>;
