// Compile-time agreement between the runtime messages (lib/messages.ts) and
// the engine's types. Plans and entries are the engine's own schemas (derived:
// they cannot drift); the views below are message-only schemas of engine
// results (scores, suggestions, due items) and are checked here instead: a
// field renamed or dropped on either side makes `tsc --noEmit` (and so
// `npm test`) fail on the line that names the pair. Types only; nothing here
// runs. test/unit/message-contract.test.ts shows the check failing on a renamed field.
import type * as z from 'zod/mini';
import type { Plan } from '../engine/types.ts';
import type { ProgressEntry } from '../engine/progress/schema.ts';
import type { PlanScore } from '../engine/score/index.ts';
import type { Suggestion } from '../engine/suggest/index.ts';
import type { DueItem } from '../engine/remind/index.ts';
import type { DueItemSchema, EntrySchema, PlanSchema, PlanScoreSchema, SuggestionSchema } from './messages.ts';

/** True when A and B are the same type. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** The named keys of T (a loose schema's `[k: string]: unknown` left out). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };

/**
 * A message view agrees with the engine type it carries: every field the view
 * names exists in the engine type, and every engine value is a valid view.
 */
export type Agrees<Engine, View> = [Exclude<NamedKeys<View>, keyof Engine>] extends [never] ? ([Engine] extends [View] ? true : false) : false;

/** Compiles only when every check is true. */
type Assert<T extends true> = T;

export type MessageContractChecks = [
  Assert<Equals<z.output<typeof PlanSchema>, Plan>>,
  Assert<Equals<z.output<typeof EntrySchema>, ProgressEntry>>,
  Assert<Agrees<PlanScore, z.input<typeof PlanScoreSchema>>>,
  Assert<Agrees<PlanScore['measures'][string], z.input<typeof PlanScoreSchema>['measures'][string]>>,
  Assert<Agrees<PlanScore['sections'][number], z.input<typeof PlanScoreSchema>['sections'][number]>>,
  Assert<Agrees<Suggestion, z.input<typeof SuggestionSchema>>>,
  Assert<Agrees<DueItem, z.input<typeof DueItemSchema>>>,
];
