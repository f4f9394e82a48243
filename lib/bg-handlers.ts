// The background's message handlers, written against an injected database and
// engine so that they run the same in the service worker and in Node tests.
import type { Plan, ParseResult } from '../engine/types.ts';
import type { ScoreConfigInput } from '../engine/score/config.ts';
import { indexRowOf, type PlanMeterDB, type PlanRecord, type EntryRecord } from './db.ts';
import { backgroundApi, type Handler, type PlanViewData, type PlanScoreView, type ReplyOf, type SuggestionData } from './messages.ts';
import { writeCounter } from './data-version.ts';
import { acceptedEntry, suggestionEntryId } from './suggest-glue.ts';
import { currentReminders, getDeadlines, saveReminderSettings, setDeadline } from './reminders.ts';
import { previewImportJson } from './import-preview.ts';
import { applyUndo, keepUndo, listUndo } from './undo.ts';
import { applyCorrections, type CorrectedParse, type Correction } from '../engine/corrections/index.ts';
import { correctionHandlers } from './bg-corrections-handlers.ts';
import { correctedPage } from './bg-corrections.ts';
import { findStoredPlan, getSettings, liveEntriesOf, measureKeysOf, planRecord, putEntry, deleteEntry, savePlan, saveSettings, setTracked, StoreError, type Settings } from './store.ts';
import type { TagChip, TagChoice } from './indicators-glue.ts';

export interface RelatedHit {
  planId: string;
  planTitle: string;
  measureId: string;
  title: string;
}

/** The engine functions the background uses (injected; see entrypoints/background.ts). */
export interface Engine {
  scorePlan(plan: Plan, entries: EntryRecord[], options: { asOf: string; config?: ScoreConfigInput | undefined }): PlanScoreView;
  related(plans: Plan[], planId: string, measureId: string): Promise<RelatedHit[]>;
  /** Business-environment tags of each measure with why (optional: a view without them shows none). */
  tags?(plan: Plan, pagePlan?: Plan): Record<string, TagChip[]>;
  /** The tags a user may add to a measure. */
  tagChoices?(): TagChoice[];
  parse(text: string): Promise<ParseResult>;
  /** Figures on a page matched to the tracked plans' targets (engine/suggest), best first. */
  suggest?(text: string, plans: Plan[], entries: EntryRecord[], options: { pageTitle: string; asOf: string }): Promise<SuggestionData[]>;
  /** Applies corrections after a parse (default: engine/corrections without a simplifier). */
  correct?(parse: ParseResult, corrections: Correction[], text: string): Promise<CorrectedParse>;
  exportSnapshot(db: PlanMeterDB, planIds: string[] | undefined, now: Date): Promise<{ json: string; filename: string }>;
  importSnapshot(db: PlanMeterDB, json: string, dryRun: boolean, now: Date, options?: { reject?: readonly string[]; label?: string }): Promise<{ accepted: number; rejected: number; plansAdded: number; warnings: string[]; problems: { path: string; message: string }[]; declined?: number; undoId?: string }>;
}

export interface Platform {
  /** Tell every open tab that entries of a plan changed (their overlays reload). */
  notifyTabs(planId: string | undefined): void;
  registerSites(sites: string[]): Promise<void>;
  /** Called after an entry was written (the background keeps a daily history point). */
  afterWrite?(): void;
  /** Called when what is due may have changed (entries, deadlines, tracking, reminder settings): the badge is refreshed. */
  remindersChanged?(): void;
  now(): Date;
}

/** Page texts whose parse the service worker keeps (a few pages open in tabs). */
const PARSE_CACHE_SIZE = 8;
/** Longer texts are parsed every time (a 10 MB page is not kept in memory). */
const PARSE_CACHE_MAX_CHARS = 1_000_000;

/** page.open replies kept (a few pages open in tabs, each visited again). */
const OPEN_CACHE_SIZE = 8;

/** Where the overlay panel's collapsed state is remembered. */
const PANEL_KEY = 'ui:panelCollapsed';

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function scoreStored(db: PlanMeterDB, engine: Engine, record: PlanRecord, settings: Settings, now: Date) {
  const entries = await liveEntriesOf(db, record.id);
  return { entries, score: engine.scorePlan(record.plan, entries, { asOf: isoDay(now), config: settings.scoreConfig }) };
}

export function createHandlers(db: PlanMeterDB, engine: Engine, platform: Platform): Handler<typeof backgroundApi> {
  // What is kept in memory from the database (every stored plan, page.open's
  // replies) is kept under the database's write count: any write, here or on
  // another extension page, makes it anew.
  const writes = writeCounter(db);
  let plansCache: { writes: number; plans: Plan[] } | null = null;
  const allPlans = async () => {
    const at = writes();
    if (plansCache?.writes !== at) plansCache = { writes: at, plans: (await db.plans.toArray()).map((r) => r.plan) };
    return plansCache.plans;
  };
  /** Slices of long page texts on their way in (page.part), by key. */
  const parts = new Map<string, { at: number; texts: string[] }>();
  /** A page's text: as sent, or joined from the slices sent before under `key`. */
  const assemble = (text: string | undefined, key: string | undefined, count: number | undefined): string => {
    if (key === undefined) return text ?? '';
    const entry = parts.get(key);
    parts.delete(key);
    if (!entry || entry.texts.length !== count || entry.texts.some((x) => x === undefined)) {
      throw new StoreError('invalid', `page text ${key}: expected ${count} parts, got ${entry?.texts.filter((x) => x !== undefined).length ?? 0}`, 'parts');
    }
    return entry.texts.join('');
  };
  // The last few parses, by page text: a repeat visit (or a correction on the
  // page just read) needs no parse at all. Each caller gets its own copy.
  const parsed = new Map<string, Promise<ParseResult>>();
  const parseCached = async (text: string): Promise<ParseResult> => {
    if (text.length > PARSE_CACHE_MAX_CHARS) return engine.parse(text);
    let result = parsed.get(text);
    if (result) parsed.delete(text); // re-inserted below: most recently used last
    else result = engine.parse(text);
    parsed.set(text, result);
    while (parsed.size > PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    try {
      return structuredClone(await result);
    } catch (error) {
      parsed.delete(text);
      throw error;
    }
  };
  // page.open's replies by url and page text, under the database's write count and
  // the day they were made for (scores depend on the day): a repeat visit's reply is
  // made once, and any write, here or on another extension page, makes it anew.
  const opened = new Map<string, { writes: number; day: string; reply: ReplyOf<'page.open'> }>();
  const correctionEngine = {
    parse: parseCached,
    correct: async (parse: ParseResult, corrections: Correction[], text: string) => (engine.correct ? engine.correct(parse, corrections, text) : applyCorrections(parse, corrections, text)),
  };

  /** Up to five related measures of other plans for each measure of a stored plan. */
  const relatedOf = async (record: PlanRecord): Promise<Record<string, RelatedHit[]>> => {
    const plans = await allPlans();
    const related: Record<string, RelatedHit[]> = {};
    for (const m of record.plan.measures) {
      const hits = (await engine.related(plans, record.id, m.id)).slice(0, 5);
      if (hits.length) related[m.id] = hits;
    }
    return related;
  };

  /**
   * A page plan's view; `withRelated: false` leaves related measures for plan.related (they read every stored plan),
   * `withTags: false` leaves the tags for page.tags (the first call of them on a worker loads the indicator lexicon).
   */
  const viewOf = async (pagePlan: Plan, settings: Settings, withRelated = true, withTags = true): Promise<PlanViewData> => {
    const now = platform.now();
    const match = await findStoredPlan(db, pagePlan, measureKeysOf(pagePlan));
    const tagsOf = (plan: Plan) => (withTags ? tagFields(plan, pagePlan) : {});
    if (!match) {
      return {
        pagePlanId: pagePlan.id,
        planId: pagePlan.id,
        known: false,
        tracked: false,
        plan: pagePlan,
        score: engine.scorePlan(pagePlan, [], { asOf: isoDay(now), config: settings.scoreConfig }),
        entries: [],
        related: {},
        ...tagsOf(pagePlan),
      };
    }
    const { record } = match;
    const { entries, score } = await scoreStored(db, engine, record, settings, now);
    const related = withRelated ? await relatedOf(record) : {};
    return { pagePlanId: pagePlan.id, planId: record.id, known: true, tracked: record.tracked === 1, plan: record.plan, score, entries, related, ...tagsOf(record.plan) };
  };
  /** A view's tags and tag choices (a stored plan's tags follow the page's tag corrections). */
  const tagFields = (plan: Plan, pagePlan: Plan): Pick<PlanViewData, 'tags' | 'tagChoices'> => ({
    ...(engine.tags ? { tags: plan === pagePlan ? engine.tags(pagePlan) : engine.tags(plan, pagePlan) } : {}),
    ...(engine.tagChoices ? { tagChoices: engine.tagChoices() } : {}),
  });

  /** What is known of each plan on a page (page.resolve, page.open). */
  const resolvePlans = async (plans: readonly Plan[], withRelated = true, withTags = true) => {
    const settings = await getSettings(db);
    const views: PlanViewData[] = [];
    for (const plan of plans) views.push(await viewOf(plan, settings, withRelated, withTags));
    const panel = await db.settings.get(PANEL_KEY);
    return { views, language: settings.language, ...(typeof panel?.value === 'boolean' ? { panelCollapsed: panel.value } : {}) };
  };
  /** A page's plans as corrected, those worth an overlay (page.parse, page.open). */
  const parsePageText = async (text: string | undefined, key: string | undefined, count: number | undefined, url: string | undefined) => {
    const full = assemble(text, key, count);
    // The user's corrections apply after every parse; a corrected plan is shown whatever its size.
    const page = await correctedPage(db, correctionEngine, full, url ?? '', platform.now());
    const corrected = page.state.count > 0;
    return { plans: page.plans.filter((p) => p.measures.length >= 3 || (corrected && p.measures.length > 0)).slice(0, 50), corrections: page.state };
  };

  return {
    async 'page.resolve'({ plans }) {
      return resolvePlans(plans as Plan[]);
    },
    async 'page.open'({ text, key, parts: count, url }) {
      const full = assemble(text, key, count);
      const day = isoDay(platform.now());
      const cacheKey = `${url ?? ''}\n${full}`;
      const kept = opened.get(cacheKey);
      // The same object each time: a reply is never changed after it is made (it is copied into the message).
      if (kept && kept.writes === writes() && kept.day === day) {
        opened.delete(cacheKey);
        opened.set(cacheKey, kept);
        return kept.reply;
      }
      const before = writes();
      const parsed = await parsePageText(full, undefined, undefined, url);
      // The first reply a page waits for: related measures follow in plan.related, tags in page.tags.
      const reply = { ...parsed, ...(await resolvePlans(parsed.plans, false, false)) };
      // Kept only when nothing was written meanwhile (it may have been read half before, half after).
      if (writes() === before && full.length <= PARSE_CACHE_MAX_CHARS) {
        opened.set(cacheKey, { writes: before, day, reply });
        while (opened.size > OPEN_CACHE_SIZE) opened.delete(opened.keys().next().value!);
      }
      return reply;
    },
    async 'page.tags'({ text, key, parts: count, url }) {
      const { plans } = await parsePageText(text, key, count, url);
      const views = [];
      for (const pagePlan of plans) {
        const match = await findStoredPlan(db, pagePlan, measureKeysOf(pagePlan));
        views.push({ pagePlanId: pagePlan.id, planId: match ? match.record.id : pagePlan.id, ...tagFields(match ? match.record.plan : pagePlan, pagePlan) });
      }
      return { views };
    },
    async 'plan.related'({ planId }) {
      const record = await db.plans.get(planId);
      if (!record) throw new StoreError('unknown_plan', `no plan with id ${planId}`, 'planId');
      return { related: await relatedOf(record) };
    },
    async 'plan.track'({ plan, url }) {
      const p = plan as Plan;
      const match = await findStoredPlan(db, p, measureKeysOf(p));
      if (match) {
        await setTracked(db, match.record.id, true);
        platform.remindersChanged?.();
        return { planId: match.record.id };
      }
      const saved = await savePlan(db, planRecord(p, 'page', url, true, platform.now()));
      platform.notifyTabs(saved.id);
      return { planId: saved.id };
    },
    async 'plan.untrack'({ planId }) {
      await setTracked(db, planId, false);
      platform.notifyTabs(planId);
      platform.remindersChanged?.();
      return { ok: true as const };
    },
    async 'entry.put'({ entry }) {
      const saved = await putEntry(db, entry, platform.now());
      platform.notifyTabs(saved.planId);
      platform.afterWrite?.();
      platform.remindersChanged?.();
      return { entry: saved };
    },
    async 'entry.delete'({ id }) {
      const old = await db.entries.get(id);
      const now = platform.now();
      await deleteEntry(db, id, now);
      // The deletion can be undone: the row as it was, byte for byte.
      const undoId = `delete-${now.toISOString()}-${id}`.slice(0, 200);
      const after = await db.entries.get(id);
      if (old && after) await keepUndo(db, { id: undoId, kind: 'delete', at: now.toISOString(), label: `${old.date}`, before: { [id]: old }, after: { [id]: after } });
      platform.notifyTabs(old?.planId);
      return { ok: true as const, ...(old && after ? { undoId } : {}) };
    },
    async 'score.get'({ planId }) {
      const record = await db.plans.get(planId);
      if (!record) throw new StoreError('unknown_plan', `no plan with id ${planId}`, 'planId');
      const { score } = await scoreStored(db, engine, record, await getSettings(db), platform.now());
      return { score };
    },
    async 'page.part'({ key, index, text }) {
      const now = platform.now().getTime();
      for (const [k, v] of parts) if (now - v.at > 60_000) parts.delete(k); // abandoned pages
      const entry = parts.get(key) ?? { at: now, texts: [] as string[] };
      entry.texts[index] = text;
      entry.at = now;
      parts.set(key, entry);
      return { ok: true as const };
    },
    async 'page.parse'({ text, key, parts: count, url }) {
      return parsePageText(text, key, count, url);
    },
    async 'page.suggest'({ text, key, parts: count, title }) {
      if (!engine.suggest) return { suggestions: [] };
      let full = text ?? '';
      if (key !== undefined) {
        const entry = parts.get(key);
        parts.delete(key);
        if (!entry || entry.texts.length !== count || entry.texts.some((x) => x === undefined)) {
          throw new StoreError('invalid', `page text ${key}: expected ${count} parts, got ${entry?.texts.filter((x) => x !== undefined).length ?? 0}`, 'parts');
        }
        full = entry.texts.join('');
      }
      const tracked = (await db.plans.toArray()).filter((r) => r.tracked === 1);
      if (tracked.length === 0) return { suggestions: [] };
      const entries = (await Promise.all(tracked.map((r) => liveEntriesOf(db, r.id)))).flat();
      const suggestions = await engine.suggest(full, tracked.map((r) => r.plan), entries, { pageTitle: title, asOf: isoDay(platform.now()) });
      // Only suggestions that can be recorded (a target of a measure) and at most 200.
      return { suggestions: suggestions.filter((x) => x.measureId !== null).slice(0, 200) };
    },
    async 'reminders.get'() {
      const { items, settings } = await currentReminders(db, platform.now());
      return { items, withinDays: settings.withinDays, notify: settings.notify, deadlines: await getDeadlines(db) };
    },
    async 'reminders.settings'(input) {
      await saveReminderSettings(db, input);
      platform.remindersChanged?.();
      return { ok: true as const };
    },
    async 'deadline.set'({ planId, measureId, date }) {
      await setDeadline(db, planId, measureId, date);
      platform.remindersChanged?.();
      platform.notifyTabs(planId);
      return { ok: true as const };
    },
    async 'suggestion.accept'({ suggestion, url, title }) {
      const record = await db.plans.get(suggestion.planId);
      if (!record || record.tracked !== 1) throw new StoreError('unknown_plan', `no tracked plan with id ${suggestion.planId}`, 'suggestion.planId');
      const measure = record.plan.measures.find((m) => m.id === suggestion.measureId);
      if (!measure || !measure.targets.some((t) => t.id === suggestion.targetId)) throw new StoreError('unknown_measure', `plan ${suggestion.planId} has no target ${suggestion.targetId} under measure ${String(suggestion.measureId)}`, 'suggestion.targetId');
      const entry = acceptedEntry(suggestion, { url, title }, { id: suggestionEntryId(), updatedAt: platform.now().toISOString() });
      const saved = await putEntry(db, entry);
      platform.notifyTabs(saved.planId);
      platform.afterWrite?.();
      platform.remindersChanged?.();
      return { entry: saved };
    },
    ...correctionHandlers(db, correctionEngine, platform, assemble),
    async 'snapshot.export'({ planIds }) {
      return engine.exportSnapshot(db, planIds, platform.now());
    },
    async 'panel.set'({ collapsed }) {
      await db.settings.put({ key: PANEL_KEY, value: collapsed });
      return { ok: true as const };
    },
    async 'snapshot.preview'({ json }) {
      return previewImportJson(db, json, platform.now());
    },
    async 'undo.list'() {
      return { items: await listUndo(db) };
    },
    async 'undo.apply'({ id }) {
      const result = await applyUndo(db, id);
      platform.notifyTabs(undefined);
      return result;
    },
    async 'snapshot.import'({ json, dryRun, reject, label }) {
      const result = await engine.importSnapshot(db, json, dryRun ?? false, platform.now(), { ...(reject ? { reject } : {}), ...(label ? { label } : {}) });
      if (!dryRun) platform.notifyTabs(undefined);
      return result;
    },
    async 'settings.put'({ settings }) {
      await saveSettings(db, settings);
      platform.notifyTabs(undefined);
      return { ok: true as const };
    },
    async 'sites.register'({ sites }) {
      await platform.registerSites(sites);
      return { ok: true as const };
    },
  };
}

/** Parses the bundled seed documents into the database once (and again if one is missing). */
export async function ensureSeeds(db: PlanMeterDB, seeds: Record<string, string>, parse: (text: string, file: string) => Promise<ParseResult>, now = new Date()): Promise<number> {
  let added = 0;
  const files = Object.keys(seeds).map((path) => path.split('/').pop()!);
  // Every marker in one read: on each wake-up this check stands before the first reply.
  const stored = await db.settings.bulkGet(files.map((file) => `seed:${file}`));
  for (const [i, text] of Object.values(seeds).entries()) {
    const file = files[i]!;
    const marker = `seed:${file}`;
    if (stored[i]) continue;
    const result = await parse(text, file);
    // Bundled seeds are examples the user can open, not plans they track (tracking is their choice).
    const records = result.plans.filter((p) => p.measures.length > 0).map((p) => planRecord(p, 'seed', file, false, now));
    await db.transaction('rw', db.plans, db.planIndex, db.settings, async () => {
      for (const r of records) {
        if (await db.plans.get(r.id)) continue;
        await db.plans.put(r);
        await db.planIndex.put(indexRowOf(r));
      }
      await db.settings.put({ key: marker, value: { plans: records.map((r) => r.id), at: now.toISOString() } });
    });
    added += records.length;
  }
  return added;
}
