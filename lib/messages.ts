// Typed runtime messages between the content script, the popup, the dashboard
// and the background. Every message is checked with zod on both ends: the
// receiver validates the request, the sender validates the reply. Plans and
// progress entries are checked with the engine's own schemas (engine/schema.ts,
// engine/progress/schema.ts: the one source of each contract, in zod/mini so the
// content script stays small); the message-only shapes below are checked
// against the engine's types at compile time (lib/message-contract.ts).
import * as z from 'zod/mini';
import type { Plan } from '../engine/types.ts';
import { ComparatorSchema, IndicatorSchema, MeasureSchema, PLAN_HEAD, PLAN_LIMITS, PlanSchema, SectionSchema, SpanSchema, TargetSchema } from '../engine/schema.ts';
import { ProgressEntry, isoDate } from '../engine/progress/schema.ts';
import { STATUSES } from '../engine/score/config.ts';
import { Pacer } from './pace.ts';
import { Settings } from './settings-schema.ts';
import { ERROR_CODES, isErrorCode } from './error-codes.ts';

const str = (max = 20_000) => z.string().check(z.maxLength(max));
const id = z.string().check(z.minLength(1), z.maxLength(200));
const num = z.number();
const opt = <T extends z.ZodMiniType>(s: T) => z.optional(s);
const list = <T extends z.ZodMiniType>(s: T, max: number) => z.array(s).check(z.maxLength(max));

export { PlanSchema };
export const Span = SpanSchema;
const Comparator = ComparatorSchema;

// ---- progress entries: the engine's schema itself (engine/progress/schema.ts) ----
export const EntrySchema = ProgressEntry;
export type Entry = z.infer<typeof EntrySchema>;

// ---- scores (engine/score PlanScore, the fields the UI reads) ----
export const StatusSchema = z.enum(STATUSES);
export type StatusName = z.infer<typeof StatusSchema>;
const MeasureScore = z.looseObject({
  id,
  completion: z.nullable(num),
  status: StatusSchema,
  explanation: opt(str(5000)),
  entryCount: opt(num),
});
const SectionScore = z.looseObject({ id: str(200), title: opt(str(5000)), score: opt(z.nullable(num)) });
export const PlanScoreSchema = z.looseObject({
  planId: id,
  score: z.nullable(num),
  coverage: opt(z.nullable(num)),
  expected: opt(z.nullable(num)),
  statusCounts: z.record(z.string(), num),
  measures: z.record(z.string(), MeasureScore),
  sections: list(SectionScore, 5000),
  lagging: list(str(200), 20_000),
  asOf: str(40),
});
export type PlanScoreView = z.infer<typeof PlanScoreSchema>;

export const RelatedRef = z.object({ planId: id, planTitle: str(2000), measureId: id, title: str(5000), score: opt(z.nullable(num)) });

/** One tag of a measure and why it is there: the phrases that decided it and where they stand. */
export const TagRef = z.object({
  id: str(100),
  name: str(100),
  kind: z.enum(['indicator', 'dimension']),
  evidence: list(z.object({ phrase: str(100), zone: z.enum(['title', 'body', 'list', 'user']), score: num }), 10),
  user: z.boolean(),
});

/** What the background tells a page about one plan read on it. */
export const PlanView = z.object({
  /** Id of the plan as parsed from this page. */
  pagePlanId: id,
  /** Id the entries use: the stored plan's when the page is a known plan. */
  planId: id,
  known: z.boolean(),
  tracked: z.boolean(),
  /** The stored plan (or the page's own when unknown): measure ids and targets. */
  plan: PlanSchema,
  score: PlanScoreSchema,
  entries: list(EntrySchema, 200_000),
  related: z.record(z.string(), list(RelatedRef, 20)),
  /** Business-environment tags per measure id, each with why (engine/indicators; lib/indicators-glue.ts). */
  tags: opt(z.record(z.string(), list(TagRef, 40))),
  /** The tags a user may add (national indicators and dimensions), for the card's tag editor. */
  tagChoices: opt(list(z.object({ id: str(100), name: str(100), kind: z.enum(['indicator', 'dimension']) }), 40)),
});
export type PlanViewData = z.infer<typeof PlanView>;

export { Settings as SettingsSchema } from './settings-schema.ts';

const Ok = z.object({ ok: z.literal(true) });

/** A measure or target due soon or overdue (engine/remind DueItem). */
export const DueItemSchema = z.object({
  planId: id,
  planTitle: str(2000),
  measureId: id,
  measureNumber: str(50),
  measureTitle: str(5000),
  targetId: opt(id),
  label: str(5000),
  deadline: isoDate,
  deadlineFrom: z.enum(['set', 'measure', 'target', 'period']),
  daysLeft: num,
  state: z.enum(['due', 'overdue']),
  completion: z.nullable(num),
});
export type DueItemData = z.infer<typeof DueItemSchema>;
/** One change an import would make (lib/import-preview.ts). */
const PreviewItemSchema = () => z.object({
  id,
  kind: z.enum(['new', 'changed', 'deleted', 'restored', 'conflict']),
  planId: id,
  measureId: id,
  planTitle: str(2000),
  measureLabel: str(6000),
  before: opt(EntrySchema),
  after: EntrySchema,
  setAside: list(EntrySchema, 100),
  fields: list(str(100), 100),
  later: z.enum(['incoming', 'local', 'same-time']),
  mine: z.boolean(),
  changesLocal: z.boolean(),
});

/** A figure on a results page proposed as progress on a tracked plan's target (engine/suggest Suggestion). */
export const SuggestionSchema = z.object({
  targetId: id,
  targetQuote: str(5000),
  targetLabel: str(2000),
  planId: id,
  planTitle: str(2000),
  measureId: z.nullable(id),
  measureNumber: z.nullable(str(50)),
  value: num,
  unit: str(50),
  targetValue: num,
  targetUnit: str(50),
  quote: str(5000),
  span: Span,
  sentence: str(5000),
  year: opt(num),
  date: isoDate,
  completion: z.nullable(num),
  score: num,
  reasons: list(str(2000), 20),
  why: list(z.looseObject({ code: str(40) }), 20),
});
export type SuggestionData = z.infer<typeof SuggestionSchema>;
/** The "已校正 N 处" state of a page. */
export const CorrectionStateSchema = z.object({ count: num, unresolved: num, ops: list(str(50), 10_000) });
export type CorrectionStateData = z.infer<typeof CorrectionStateSchema>;
/** A page's text: whole, or as slices sent before with page.part under `key`. */
const PageTextFields = { text: opt(str(2_000_000)), key: opt(str(100)), parts: opt(z.number().check(z.int(), z.gte(1), z.lte(200))) };
const CorrectedReply = () => z.object({
  plans: list(PlanSchema, 50),
  corrections: CorrectionStateSchema,
  outcomes: list(z.object({ op: str(50), status: z.enum(['applied', 'unchanged', 'unresolved']), message: str(2000), reason: opt(str(50)) }), 100),
});

/**
 * A message api whose schemas are built on first use, one message type at a
 * time: the content script sends a handful of the ~40 types, and building every
 * schema when the script loads was part of its start-up (issue 15).
 */
function lazyApi<T extends Record<string, () => { req: z.ZodMiniType; res: z.ZodMiniType }>>(defs: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const api = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const name of Object.keys(defs) as (keyof T & string)[]) {
    Object.defineProperty(api, name, {
      enumerable: true,
      configurable: true,
      get() {
        const built = defs[name]!() as ReturnType<T[typeof name]>;
        Object.defineProperty(api, name, { value: built, enumerable: true });
        return built;
      },
    });
  }
  return api;
}

/** Requests to the background: request schema and reply schema per type. */
export const backgroundApi = lazyApi({
  /** Plans parsed on a page → which are known, with scores and entries. */
  'page.resolve': () => ({
    req: z.object({ url: str(4000), plans: list(PlanSchema, 50) }),
    res: z.object({ views: list(PlanView, 50), language: z.enum(['zh-CN', 'en']), panelCollapsed: opt(z.boolean()) }),
  }),
  /** Remember whether the overlay's panel is collapsed (all pages). */
  'panel.set': () => ({ req: z.object({ collapsed: z.boolean() }), res: Ok }),
  /** Parses a page's text in the background, so the page never waits on the parser. */
  'page.parse': () => ({
    req: z.object({ text: opt(str(2_000_000)), key: opt(str(100)), parts: opt(z.number().check(z.int(), z.gte(1), z.lte(200))), url: opt(str(4000)) }),
    res: z.object({ plans: list(PlanSchema, 50), corrections: opt(CorrectionStateSchema) }),
  }),
  /**
   * page.parse and page.resolve in one round trip (the content script's first
   * call on a page): the page's plans as corrected, and what is known of each.
   */
  'page.open': () => ({
    req: z.object({ ...PageTextFields, url: opt(str(4000)) }),
    res: z.object({ plans: list(PlanSchema, 50), corrections: opt(CorrectionStateSchema), views: list(PlanView, 50), language: z.enum(['zh-CN', 'en']), panelCollapsed: opt(z.boolean()) }),
  }),
  /**
   * Each plan's tags on a page and the tags a user may add (page.open leaves them out: the badges come first).
   * Views as page.open's, by pagePlanId; the page's text is sent again (its parse is kept by text).
   */
  'page.tags': () => ({
    req: z.object({ ...PageTextFields, url: opt(str(4000)) }),
    res: z.object({ views: list(z.object({ pagePlanId: id, planId: id, tags: PlanView.shape.tags, tagChoices: PlanView.shape.tagChoices }), 50) }),
  }),
  /** The measures of other plans related to each measure of a stored plan (page.open leaves them out: the badges come first). */
  'plan.related': () => ({ req: z.object({ planId: id }), res: z.object({ related: z.record(z.string(), list(RelatedRef, 20)) }) }),
  /** Figures on a page that is not a plan, proposed as progress on the tracked plans (nothing is written). */
  'page.suggest': () => ({
    req: z.object({ text: opt(str(2_000_000)), key: opt(str(100)), parts: opt(z.number().check(z.int(), z.gte(1), z.lte(200))), url: str(4000), title: str(2000) }),
    res: z.object({ suggestions: list(SuggestionSchema, 200) }),
  }),
  /** The 到期/逾期 list (the toolbar badge counts it) and the reminder settings. */
  'reminders.get': () => ({ req: z.object({}), res: z.object({ items: list(DueItemSchema, 100_000), withinDays: num, notify: z.boolean(), deadlines: z.record(z.string(), z.record(z.string(), isoDate)) }) }),
  'reminders.settings': () => ({ req: z.object({ withinDays: z.number().check(z.int(), z.gte(0), z.lte(366)), notify: z.boolean() }), res: Ok }),
  /** Sets (date) or clears (null) a measure's deadline, from the card. */
  'deadline.set': () => ({ req: z.object({ planId: id, measureId: id, date: z.nullable(isoDate) }), res: Ok }),
  /** Records an accepted suggestion (after a trusted click) with the page as its source. */
  'suggestion.accept': () => ({ req: z.object({ suggestion: SuggestionSchema, url: str(4000), title: str(2000) }), res: z.object({ entry: EntrySchema }) }),
  /** How many stored corrections a page has (a page with none and no plan words is not parsed at all). */
  'page.hasCorrections': () => ({ req: z.object({ url: str(4000) }), res: z.object({ count: num }) }),
  /** What reading the page as a plan would take as measures (popup "按方案读取此页"); stores nothing. */
  'page.preview': () => ({ req: z.object({ ...PageTextFields, title: str(300) }), res: z.object({ plan: z.nullable(PlanSchema) }) }),
  /** Stores the user's corrections of this page and returns its plans as corrected. */
  'corrections.add': () => ({
    req: z.object({ ...PageTextFields, url: str(4000), corrections: list(z.looseObject({ op: str(50) }), 100) }),
    res: CorrectedReply(),
  }),
  /** The engine's target reader on a quote (不少于200个 → 200, 个, >=): prefills a target the user adds. */
  'target.read': () => ({
    req: z.object({ quote: str(2000) }),
    res: z.object({ fields: z.nullable(z.object({ value: opt(num), min: opt(num), max: opt(num), unit: str(50), comparator: Comparator, baseline: opt(num), deadline: opt(str(200)), label: str(2000) })) }),
  }),
  /** Takes back the page's last correction. */
  'corrections.undo': () => ({ req: z.object({ ...PageTextFields, url: str(4000) }), res: CorrectedReply() }),
  /** One slice of a long page's text (sent in slices: one huge message would hold up the page while it is copied). */
  'page.part': () => ({ req: z.object({ key: str(100), index: z.number().check(z.int(), z.gte(0), z.lt(200)), text: str(2_000_000) }), res: Ok }),
  /** Start following a plan read on a page (stored in the extension). */
  'plan.track': () => ({ req: z.object({ url: str(4000), plan: PlanSchema }), res: z.object({ planId: id }) }),
  'plan.untrack': () => ({ req: z.object({ planId: id }), res: Ok }),
  'entry.put': () => ({ req: z.object({ entry: EntrySchema }), res: z.object({ entry: EntrySchema }) }),
  'entry.delete': () => ({ req: z.object({ id }), res: z.object({ ok: z.literal(true), undoId: opt(str(200)) }) }),
  'score.get': () => ({ req: z.object({ planId: id }), res: z.object({ score: PlanScoreSchema }) }),
  'snapshot.export': () => ({
    req: z.object({ planIds: opt(list(id, 10_000)) }),
    res: z.object({ json: str(500_000_000), filename: str(300) }),
  }),
  'snapshot.import': () => ({
    req: z.object({ json: str(500_000_000), dryRun: opt(z.boolean()), reject: opt(list(id, 1_000_000)), label: opt(str(300)) }),
    res: z.object({
      accepted: num,
      rejected: num,
      plansAdded: num,
      warnings: list(str(2000), 10_000),
      problems: list(z.object({ path: str(2000), message: str(2000) }), 10_000),
      declined: opt(num),
      undoId: opt(str(200)),
    }),
  }),
  /** What importing a file would change, entry by entry; writes nothing. */
  'snapshot.preview': () => ({
    req: z.object({ json: str(500_000_000) }),
    res: z.object({
      items: list(PreviewItemSchema(), 1_000_000),
      counts: z.object({ new: num, changed: num, deleted: num, restored: num, conflict: num, mineDeleted: num }),
      warnings: list(str(2000), 10_000),
      problems: list(z.object({ path: str(2000), message: str(2000) }), 10_000),
    }),
  }),
  /** Imports and deletions that can be undone, newest first. */
  'undo.list': () => ({ req: z.object({}), res: z.object({ items: list(z.object({ id: str(200), kind: z.enum(['import', 'delete']), at: str(40), label: str(2000), entries: num }), 10_000) }) }),
  'undo.apply': () => ({ req: z.object({ id: str(200) }), res: z.object({ restored: list(id, 1_000_000) }) }),
  'settings.put': () => ({ req: z.object({ settings: Settings }), res: Ok }),
  'sites.register': () => ({ req: z.object({ sites: list(str(300), 200) }), res: Ok }),
});

export type BackgroundApi = typeof backgroundApi;
export type RequestType = keyof BackgroundApi;
export type RequestOf<T extends RequestType> = z.infer<BackgroundApi[T]['req']>;
export type ReplyOf<T extends RequestType> = z.infer<BackgroundApi[T]['res']>;

/** Requests from extension pages (popup, background) to a tab's content script. */
export const tabApi = lazyApi({
  /** The plans the overlay shows on this tab. */
  'tab.state': () => ({ req: z.object({}), res: z.object({ url: str(4000), views: list(PlanView, 50), suggestions: opt(list(SuggestionSchema, 200)), title: opt(str(2000)) }) }),
  /** Entries changed elsewhere: reload scores. */
  'tab.refresh': () => ({ req: z.object({ planId: opt(id) }), res: Ok }),
  /** Track the plan the page shows (popup button). */
  'tab.track': () => ({ req: z.object({ pagePlanId: id }), res: z.object({ planId: id }) }),
  /** The plan this page would be read as (popup "按方案读取此页"). */
  'tab.preview': () => ({ req: z.object({ title: opt(str(300)) }), res: z.object({ plan: z.nullable(PlanSchema), title: str(300) }) }),
  /** Read this page as a plan from now on, under the title given, and track it. */
  'tab.readAsPlan': () => ({ req: z.object({ title: str(300) }), res: z.object({ planId: id }) }),
});
export type TabApi = typeof tabApi;
export type TabRequestType = keyof TabApi;

export const ErrorReply = z.object({
  ok: z.literal(false),
  code: z.enum(ERROR_CODES),
  message: str(5000),
  path: opt(str(2000)),
});
export type ErrorReplyData = z.infer<typeof ErrorReply>;

export class MessageError extends Error {
  constructor(
    readonly code: ErrorReplyData['code'],
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: issue ? issue.path.map(String).join('.') : '', message: issue?.message ?? 'invalid' };
}

type Api = Record<string, { req: z.core.$ZodType; res: z.core.$ZodType }>;

/** Validates a request envelope {type, payload} against an api. */
export function checkRequest(api: Api, message: unknown): { ok: true; type: string; payload: unknown } | ErrorReplyData {
  if (!message || typeof message !== 'object') return { ok: false, code: 'invalid', message: 'message is not an object' };
  const { type, payload } = message as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(api, type)) {
    return { ok: false, code: 'invalid', message: `unknown message type ${String(type).slice(0, 50)}`, path: 'type' };
  }
  const parsed = z.safeParse(api[type]!.req, payload);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return { ok: false, code: 'invalid', message: `${type}: ${issue.path} ${issue.message}`, path: issue.path };
  }
  return { ok: true, type, payload: parsed.data };
}

const SuccessEnvelope = z.object({ ok: z.literal(true), data: z.unknown() });

/**
 * The data of a reply envelope {ok: true, data}, not yet checked against the
 * reply's schema; an error reply throws its MessageError, anything else (the
 * extension reloading, a receiver gone) throws 'internal'. Every reply is read here.
 */
function replyData(type: string, reply: unknown): unknown {
  const error = ErrorReply.safeParse(reply);
  if (error.success) throw new MessageError(error.data.code, error.data.message, error.data.path);
  const success = SuccessEnvelope.safeParse(reply);
  if (!success.success) throw new MessageError('internal', `${type}: no reply (is the extension reloading?)`);
  return success.data.data;
}

/** Validates a reply against the api's reply schema; throws MessageError on an error reply or a bad shape. */
export function checkReply<A extends Api, K extends keyof A & string>(api: A, type: K, reply: unknown): z.output<A[K]['res']> {
  return checkReplyShape(api, type, replyData(type, reply));
}

/** A reply's data checked against its schema. */
function checkReplyShape<A extends Api, K extends keyof A & string>(api: A, type: K, data: unknown): z.output<A[K]['res']> {
  const schema: A[K]['res'] | undefined = api[type]?.res;
  if (!schema) throw new MessageError('invalid', `unknown message type ${type}`);
  const parsed = z.safeParse(schema, data);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new MessageError('invalid', `${type} reply: ${issue.path} ${issue.message}`, issue.path);
  }
  return parsed.data;
}

/** Is this sender part of this extension (its pages, worker or content scripts)? */
export function isOwnSender(sender: { id?: string; url?: string; origin?: string } | undefined, extensionId: string): boolean {
  return !!sender && sender.id === extensionId;
}

interface RuntimeLike {
  id: string;
  sendMessage(message: unknown): Promise<unknown>;
}

/** Sends a request to the background; validated on the way out and the way back. */
export async function callBackground<T extends RequestType>(runtime: RuntimeLike, type: T, payload: RequestOf<T>): Promise<ReplyOf<T>> {
  const out = backgroundApi[type].req.safeParse(payload);
  if (!out.success) {
    const issue = firstIssue(out.error);
    throw new MessageError('invalid', `${type}: ${issue.path} ${issue.message}`, issue.path);
  }
  const reply = await runtime.sendMessage({ type, payload: out.data });
  return checkReply(backgroundApi, type, reply);
}

/** Sends a request and returns the reply unvalidated (the caller validates it, e.g. in slices). */
export async function callBackgroundRaw<T extends RequestType>(runtime: RuntimeLike, type: T, payload: RequestOf<T>): Promise<unknown> {
  const out = backgroundApi[type].req.safeParse(payload);
  if (!out.success) {
    const issue = firstIssue(out.error);
    throw new MessageError('invalid', `${type}: ${issue.path} ${issue.message}`, issue.path);
  }
  return sendChecked(runtime, type, out.data);
}

/** Sends an already validated request; returns the reply's data unvalidated (error replies throw). */
async function sendChecked(runtime: RuntimeLike, type: string, payload: unknown): Promise<unknown> {
  return replyData(type, await runtime.sendMessage({ type, payload }));
}

/** Validates the data of a reply (from callBackgroundRaw / callBackgroundRawPaced) against its reply schema. */
export function checkReplyData<T extends RequestType>(type: T, data: unknown): ReplyOf<T> {
  return checkReplyShape(backgroundApi, type, data);
}

const ResolveRequestHead = z.object({ url: str(4000), plans: list(z.unknown(), 50) });
const TrackRequestHead = z.object({ url: str(4000), plan: z.unknown() });

/**
 * Sends a request that carries whole plans (page.resolve, plan.track), with the
 * plans validated measure by measure between pauses first: validating a plan of
 * thousands of measures in one go would be a long task on the page. Returns the
 * reply's data unvalidated (validate it with the paced checkers below).
 */
export async function callBackgroundRawPaced<T extends 'page.resolve' | 'plan.track'>(runtime: RuntimeLike, type: T, payload: RequestOf<T>, pause: () => Promise<void>): Promise<unknown> {
  if (type === 'page.resolve') {
    const head = checked(ResolveRequestHead, payload, type);
    const plans: Plan[] = [];
    for (let i = 0; i < head.plans.length; i++) plans.push(await checkPlanPaced(head.plans[i], `plans.${i}`, pause));
    await pause();
    return sendChecked(runtime, type, { ...head, plans });
  }
  const head = checked(TrackRequestHead, payload, type);
  const plan = await checkPlanPaced(head.plan, 'plan', pause);
  await pause();
  return sendChecked(runtime, type, { ...head, plan });
}

function checked<S extends z.core.$ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = z.safeParse(schema, value);
  if (!r.success) {
    const issue = firstIssue(r.error);
    throw new MessageError('invalid', `${where}: ${issue.path} ${issue.message}`, `${where}.${issue.path}`);
  }
  return r.data;
}

/** A plan's own fields checked, its lists only counted (their items are checked one by one, between pauses). */
const PlanHead = z.object({
  ...PLAN_HEAD,
  sections: list(z.unknown(), PLAN_LIMITS.sections),
  measures: list(z.unknown(), PLAN_LIMITS.measures),
  indicators: list(z.unknown(), PLAN_LIMITS.indicators),
  narrativeTargets: list(z.unknown(), PLAN_LIMITS.narrativeTargets),
});

/**
 * Validates a plan like PlanSchema, but measure by measure with a pause every
 * few milliseconds: a plan of thousands of measures is checked without one
 * long task on the page.
 */
export async function checkPlanPaced(value: unknown, where: string, pause: (() => Promise<void>) | Pacer, budgetMs = 8): Promise<Plan> {
  const pacer = pause instanceof Pacer ? pause : new Pacer(pause, budgetMs);
  const head = checked(PlanHead, value, where);
  const each = async <T>(items: readonly unknown[], schema: z.ZodMiniType<T>, name: string): Promise<T[]> => {
    const out: T[] = [];
    await eachPaced(items, (item, i) => void out.push(checked(schema, item, `${where}.${name}.${i}`)), pacer);
    return out;
  };
  const sections = await each(head.sections, SectionSchema, 'sections');
  const measures = await each(head.measures, MeasureSchema, 'measures');
  const indicators = await each(head.indicators, IndicatorSchema, 'indicators');
  const narrativeTargets = await each(head.narrativeTargets, TargetSchema, 'narrativeTargets');
  return { ...head, sections, measures, indicators, narrativeTargets };
}

const ParseReplyHead = z.object({ plans: list(z.unknown(), 50) });
const ResolveReplyHead = z.object({
  views: list(z.object({ ...PlanView.shape, plan: z.unknown(), score: z.unknown(), entries: list(z.unknown(), 200_000), related: z.record(z.string(), z.unknown()), tags: opt(z.record(z.string(), z.unknown())) }), 50),
  language: z.enum(['zh-CN', 'en']),
  panelCollapsed: opt(z.boolean()),
});
const ScoreHead = z.looseObject({ ...PlanScoreSchema.shape, measures: z.record(z.string(), z.unknown()) });
const RelatedList = list(RelatedRef, 20);
const TagList = list(TagRef, 40);

/**
 * Checks each item with a pause every `budgetMs` (thousands of items, no long task).
 * `pause` may be a Pacer shared by a whole reply: many short lists then share one
 * budget (a fresh budget per list let a reply of many small lists be checked in one long task).
 */
async function eachPaced<T>(items: readonly T[], check: (item: T, index: number) => void, pause: (() => Promise<void>) | Pacer, budgetMs = 8): Promise<void> {
  const pacer = pause instanceof Pacer ? pause : new Pacer(pause, budgetMs);
  for (let i = 0; i < items.length; i++) {
    check(items[i]!, i);
    if (pacer.due) await pacer.rest();
  }
}

/** A record validated value by value between pauses (same result as z.record(z.string(), schema)). */
async function checkRecordPaced<T>(record: Record<string, unknown>, schema: z.ZodMiniType<T>, where: string, pause: (() => Promise<void>) | Pacer): Promise<Record<string, T>> {
  const out: Record<string, T> = {};
  await eachPaced(Object.keys(record), (key) => {
    out[key] = checked(schema, record[key], `${where}.${key}`);
  }, pause);
  return out;
}

/** A plan's score, validated measure by measure between pauses. */
async function checkScorePaced(value: unknown, where: string, pause: (() => Promise<void>) | Pacer): Promise<PlanScoreView> {
  const head = checked(ScoreHead, value, where);
  const measures = await checkRecordPaced(head.measures, MeasureScore, `${where}.measures`, pause);
  return { ...head, measures } as PlanScoreView;
}

/** The reply of page.parse, validated in slices. */
export async function checkParseReplyPaced(reply: unknown, pause: (() => Promise<void>) | Pacer): Promise<{ plans: Plan[] }> {
  const pacer = pause instanceof Pacer ? pause : new Pacer(pause);
  const head = checked(ParseReplyHead, reply, 'page.parse reply');
  const plans: Plan[] = [];
  for (let i = 0; i < head.plans.length; i++) plans.push(await checkPlanPaced(head.plans[i], `plans.${i}`, pacer));
  return { plans };
}

/** The reply of plan.related, validated in slices (a plan of thousands of measures). */
export async function checkRelatedReplyPaced(reply: unknown, pause: () => Promise<void>): Promise<ReplyOf<'plan.related'>> {
  const head = checked(z.object({ related: z.record(z.string(), z.unknown()) }), reply, 'plan.related reply');
  return { related: await checkRecordPaced(head.related, RelatedList, 'related', pause) };
}

/** The reply of page.tags, validated in slices (a plan of thousands of measures). */
export async function checkTagsReplyPaced(reply: unknown, pause: () => Promise<void>): Promise<ReplyOf<'page.tags'>> {
  const pacer = new Pacer(pause);
  const head = checked(z.object({ views: list(z.object({ pagePlanId: id, planId: id, tags: opt(z.record(z.string(), z.unknown())), tagChoices: PlanView.shape.tagChoices }), 50) }), reply, 'page.tags reply');
  const views: ReplyOf<'page.tags'>['views'] = [];
  for (const [i, v] of head.views.entries()) {
    const tags = v.tags ? await checkRecordPaced(v.tags, TagList, `views.${i}.tags`, pacer) : undefined;
    views.push({ pagePlanId: v.pagePlanId, planId: v.planId, ...(tags ? { tags } : {}), ...(v.tagChoices ? { tagChoices: v.tagChoices } : {}) });
  }
  return { views };
}

/** The reply of page.resolve, validated in slices. */
export async function checkResolveReplyPaced(reply: unknown, pause: (() => Promise<void>) | Pacer): Promise<ReplyOf<'page.resolve'>> {
  const pacer = pause instanceof Pacer ? pause : new Pacer(pause);
  const head = checked(ResolveReplyHead, reply, 'page.resolve reply');
  const views: PlanViewData[] = [];
  for (let i = 0; i < head.views.length; i++) {
    const v = head.views[i]!;
    const plan = await checkPlanPaced(v.plan, `views.${i}.plan`, pacer);
    const score = await checkScorePaced(v.score, `views.${i}.score`, pacer);
    const entries: Entry[] = [];
    await eachPaced(v.entries, (e, k) => void entries.push(checked(EntrySchema, e, `views.${i}.entries.${k}`)), pacer);
    const related = await checkRecordPaced(v.related, RelatedList, `views.${i}.related`, pacer);
    const tags = v.tags ? await checkRecordPaced(v.tags, TagList, `views.${i}.tags`, pacer) : undefined;
    const { tags: _raw, ...rest } = v;
    views.push({ ...rest, plan, score, entries, related, ...(tags ? { tags } : {}) });
  }
  return { views, language: head.language, ...(typeof head.panelCollapsed === 'boolean' ? { panelCollapsed: head.panelCollapsed } : {}) };
}

interface TabsLike {
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

export async function callTab<T extends TabRequestType>(tabs: TabsLike, tabId: number, type: T, payload: z.infer<TabApi[T]['req']>): Promise<z.infer<TabApi[T]['res']>> {
  const reply = await tabs.sendMessage(tabId, { type, payload });
  return checkReply(tabApi, type, reply);
}

export type Handler<A extends Api> = { [K in keyof A]: (payload: z.infer<A[K]['req']>, sender: { tab?: { id?: number }; url?: string }) => Promise<z.infer<A[K]['res']>> };

/**
 * Runs the handler for a message after checking sender and request; the reply
 * is {ok:true,data} or an ErrorReply. Errors carry a code the UI can act on.
 */
export async function dispatch<A extends Api>(api: A, handlers: Handler<A>, message: unknown, sender: { id?: string; tab?: { id?: number }; url?: string }, extensionId: string): Promise<unknown> {
  if (!isOwnSender(sender, extensionId)) return { ok: false, code: 'forbidden', message: 'sender is not this extension' } satisfies ErrorReplyData;
  const checked = checkRequest(api, message);
  if (!checked.ok) return checked;
  try {
    const handler = handlers[checked.type as keyof A] as (p: unknown, s: typeof sender) => Promise<unknown>;
    const data = await handler(checked.payload, sender);
    return { ok: true, data };
  } catch (error) {
    const e = error as { code?: unknown; message?: string; path?: string };
    return {
      ok: false,
      code: isErrorCode(e.code) ? e.code : 'internal',
      message: String(e.message ?? error).slice(0, 4000),
      ...(e.path ? { path: e.path } : {}),
    } satisfies ErrorReplyData;
  }
}
