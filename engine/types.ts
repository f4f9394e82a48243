// The structured plan that every other part of PlanMeter reads, as types.
// They are inferred from the zod schemas in engine/schema.ts — the one source
// of the contract (field documentation lives there). These shapes are the
// JSON of `planmeter parse --json`: extend them; never rename a field.
import type * as z from 'zod/mini';
import type {
  ComparatorSchema,
  IndicatorSchema,
  MeasureSchema,
  OutcomeSchema,
  OwnerRoleSchema,
  ParseResultSchema,
  PlanPeriodSchema,
  PlanSchema,
  SectionSchema,
  SpanSchema,
  SubsectionSchema,
  TargetSchema,
} from './schema.ts';

/** Character offsets [start, end) into the text that was given to the parser. */
export type Span = z.infer<typeof SpanSchema>;
/** How a target's number is compared with progress ('>=', '<=', '=', 'range', 'approx'). */
export type Comparator = z.infer<typeof ComparatorSchema>;
/** 牵头 lead, 责任 responsible, 配合 support. */
export type OwnerRole = z.infer<typeof OwnerRoleSchema>;
export type Target = z.infer<typeof TargetSchema>;
export type Measure = z.infer<typeof MeasureSchema>;
export type Subsection = z.infer<typeof SubsectionSchema>;
export type Section = z.infer<typeof SectionSchema>;
/** A row of an indicator table (指标 / 单位 / 目标值 / 属性). */
export type Indicator = z.infer<typeof IndicatorSchema>;
export type PlanPeriod = z.infer<typeof PlanPeriodSchema>;
export type Plan = z.infer<typeof PlanSchema>;
/** A reported result figure in a results report (76项改革任务, 1.8万家…). */
export type Outcome = z.infer<typeof OutcomeSchema>;
export type ParseResult = z.infer<typeof ParseResultSchema>;
