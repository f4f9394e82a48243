// The structured plan that every other part of PlanMeter reads, as zod
// schemas: the one source of the contract. engine/types.ts infers its types
// from these, lib/messages.ts checks runtime messages with these very schemas,
// so a renamed field is renamed everywhere or fails to compile.
//
// These shapes are the JSON of `planmeter parse --json`: a public contract
// read by checks outside this repository. Extend them; never rename a field.
//
// zod/mini, not zod: the content script validates plans with them and must
// stay small (full zod would add ~15 kB gzipped to it).
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));
const id = z.string().check(z.minLength(1), z.maxLength(200));
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

/** Character offsets [start, end) into the text that was given to the parser. */
export const SpanSchema = z.object({ start: z.number(), end: z.number() });

/**
 * How a target's number is compared with progress.
 * '>=' at least (不少于/以上/超过/达到/突破/至少), '<=' at most (以内/不超过/压缩至/缩短至),
 * '=' exactly, 'range' a min–max band (3-5家), 'approx' about (左右).
 */
export const COMPARATORS = ['>=', '<=', '=', 'range', 'approx'] as const;
export const ComparatorSchema = z.enum(COMPARATORS);

/** 'increase' when more is better, 'decrease' for reduction targets (压缩至, 缩短至, 以内). */
export const DirectionSchema = z.enum(['increase', 'decrease']);

/** The roles a plan gives its owners (responsible offices): 牵头 lead, 责任 responsible, 配合 support. */
export const OWNER_ROLES = ['lead', 'responsible', 'support'] as const;
export const OwnerRoleSchema = z.enum(OWNER_ROLES);

export const TargetSchema = z.object({
  id,
  /** The thing counted, e.g. 知识产权服务包. */
  label: text(2000),
  /** Single-valued targets; for ranges see min/max. */
  value: z.optional(z.number()),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  /** Unit as written: 个, 家, 亿元, 个工作日, %, ‰ … */
  unit: text(50),
  comparator: ComparatorSchema,
  /** Stated starting value, e.g. 8 in 由8个工作日压缩至4个工作日. */
  baseline: z.optional(z.number()),
  /** The starting value of 从A提高到B as written: A, or the list of a paired sentence (从209元、280元提高到217元、290元). */
  from: z.optional(z.union([z.number(), list(z.number(), 100)])),
  /** A paired sentence's values (提高到217元、290元), in order; value is the first, min/max the smallest and largest. */
  values: z.optional(list(z.number(), 100)),
  /** Deadline as written: 全年, 年内, 到2025年, 6月底 … */
  deadline: z.optional(text(200)),
  /** The deadline resolved against the plan period, YYYY-MM-DD, when it can be. */
  deadlineDate: z.optional(text(20)),
  direction: DirectionSchema,
  /** Exact text of the target in the source. */
  quote: text(5000),
  span: SpanSchema,
});

export const MeasureSchema = z.object({
  id,
  /** Number as written ("1", "12", "（三）"); empty for unnumbered paragraphs. */
  number: text(50),
  /** 1-based position of the measure in its plan. */
  index: z.number(),
  /** The lead phrase, e.g. 提升企业开办便利度. */
  title: text(5000),
  /** Full text, original script, without the responsibility note. */
  text: text(200_000),
  /** Owners (responsible offices), normalised through seeds/owner-aliases.json, lead first. Public name: units. */
  units: list(text(500), 500),
  /** Owners by role, as the plan names them (牵头 lead, 责任 responsible, 配合 support). */
  unitRoles: list(z.object({ name: text(500), role: OwnerRoleSchema }), 500),
  targets: list(TargetSchema, 500),
  /** The measure's own deadline when stated (6月底完成, 年内). */
  deadline: z.optional(text(200)),
  deadlineDate: z.optional(text(20)),
  sectionId: z.optional(text(200)),
  subsectionId: z.optional(text(200)),
  span: SpanSchema,
  /** The opening words of the measure as written, for anchoring when offsets fail. */
  quote: text(5000),
  /** Indicator tags the user added / removed (corrections add-tag / remove-tag); absent when none. */
  tagsAdded: z.optional(list(text(200), 100)),
  tagsRemoved: z.optional(list(text(200), 100)),
});

export const SubsectionSchema = z.object({
  id,
  number: text(50),
  title: text(5000),
  measureIds: list(id, 20_000),
  span: SpanSchema,
});

export const SectionSchema = z.object({
  id,
  /** 一、 二、 … as written, without the mark. */
  number: text(50),
  title: text(5000),
  /** Measures directly under the section (not inside a subsection). */
  measureIds: list(id, 20_000),
  subsections: list(SubsectionSchema, 2000),
  span: SpanSchema,
});

/** A row of an indicator table (指标 / 单位 / 目标值 / 属性). */
export const IndicatorSchema = z.object({
  id,
  name: text(2000),
  unit: text(100),
  /** Target as written in the table: "45", "4-5", "≧1000". */
  target: text(200),
  value: z.optional(z.number()),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  comparator: ComparatorSchema,
  /** 预期性 or 约束性 when the table says; empty otherwise. */
  attribute: text(50),
  /** The table's category column (产业规模 …) carried down merged rows. */
  category: z.optional(text(500)),
  baseline: z.optional(z.number()),
  /** Year the target is for (2025年目标值 → 2025). */
  year: z.optional(z.number()),
  span: SpanSchema,
});

export const PlanPeriodSchema = z.object({ start: z.number(), end: z.number() });

/** The plan fields other than its lists (checked first when a long plan is checked in slices). */
export const PLAN_HEAD = {
  id,
  /** Hash of the plan's measure texts: recognises the same plan on another page. */
  fingerprint: text(200),
  title: text(2000),
  issuer: text(2000),
  /** YYYY-MM-DD when stated. */
  date: text(20),
  /** 索引号 */
  indexNumber: z.optional(text(200)),
  /** 文号 */
  docNumber: z.optional(text(200)),
  period: z.nullable(PlanPeriodSchema),
  /** 'traditional' when the page is in traditional script. */
  script: z.enum(['simplified', 'traditional']),
  span: SpanSchema,
};

/** Upper bounds of a plan's lists (a page is untrusted: a plan of a million measures is refused). */
export const PLAN_LIMITS = { sections: 2000, measures: 20_000, indicators: 5000, narrativeTargets: 5000 } as const;

export const PlanSchema = z.object({
  ...PLAN_HEAD,
  sections: list(SectionSchema, PLAN_LIMITS.sections),
  measures: list(MeasureSchema, PLAN_LIMITS.measures),
  indicators: list(IndicatorSchema, PLAN_LIMITS.indicators),
  /** Targets stated in prose outside numbered measures (five-year plans' 发展目标). */
  narrativeTargets: list(TargetSchema, PLAN_LIMITS.narrativeTargets),
});

/** A reported result figure in a results report (76项改革任务, 1.8万家…). */
export const OutcomeSchema = z.object({
  id,
  label: text(2000),
  value: z.number(),
  unit: text(50),
  /** 超 / 近 / 余 / 多 qualifiers as written. */
  qualifier: z.optional(text(20)),
  quote: text(5000),
  span: SpanSchema,
});

export const ParseResultSchema = z.object({
  plans: list(PlanSchema, 50),
  outcomes: list(OutcomeSchema, 100_000),
  /** What kind of document the parser took this to be. */
  kind: z.enum(['plan', 'plans', 'report', 'other']),
  /** Title of the whole page, when it has one. */
  title: text(2000),
  /** Things the parser noticed but could not settle (kept short, human-readable). */
  warnings: list(text(5000), 10_000),
});
