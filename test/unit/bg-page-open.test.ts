// page.open, the content script's one round trip (issue 15): the same plans as
// page.parse and the same views as page.resolve, in one reply, but for the
// related measures, which plan.related gives after; the parse is kept by page
// text, so a repeat visit parses nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanMeterDB } from '../../lib/db.ts';
import { backgroundApi, dispatch } from '../../lib/messages.ts';
import { createHandlers, type Engine } from '../../lib/bg-handlers.ts';
import { parsePage } from '../../engine/parse/index.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { Plan } from '../../engine/types.ts';
import { planTagChips, tagChoices } from '../../lib/indicators-glue.ts';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const URL = 'https://www.szgm.gov.cn/gkmlpt/content/000.html';
const TEXT = readFileSync(join(import.meta.dirname, '../../seeds/000_5c7a958c132072e2.txt'), 'utf8');

function setup(withTags = false) {
  const parsed: string[] = [];
  const engine: Engine = {
    scorePlan: (plan, entries, options) => scorePlan(plan, entries, options as never) as never,
    related: async (_plans, _planId, measureId) => [{ planId: 'other-plan', planTitle: '另一方案', measureId: `${measureId}-x`, title: '相关措施', score: null }],
    parse: async (text) => {
      parsed.push(text);
      return parsePage(text);
    },
    ...(withTags ? { tags: planTagChips, tagChoices } : {}),
    exportSnapshot: async () => ({ json: '{}', filename: 'x.json' }),
    importSnapshot: async () => ({ accepted: 0, rejected: 0, plansAdded: 0, warnings: [], problems: [] }),
  };
  const db = new PlanMeterDB(`open-${Math.random()}`);
  const clock = { now: new Date('2025-09-01T08:00:00Z') };
  const handlers = createHandlers(db, engine, { notifyTabs: () => {}, registerSites: async () => {}, now: () => clock.now });
  const send = async <T,>(type: string, payload: unknown): Promise<T> => {
    const reply = (await dispatch(backgroundApi, handlers, { type, payload }, { id: EXT }, EXT)) as { ok: boolean; data?: T; message?: string };
    if (!reply.ok) throw new Error(reply.message);
    return reply.data as T;
  };
  return { send, parsed, db, clock };
}

type View = { pagePlanId: string; planId: string; known: boolean; plan: Plan; related: Record<string, unknown[]> };
type Opened = { plans: Plan[]; corrections: { count: number }; views: View[]; language: string };

describe('page.open', () => {
  it('answers what page.parse and then page.resolve answer, in one reply; plan.related gives the related measures it leaves out', async () => {
    const { send } = setup();
    const first = await send<Opened>('page.open', { text: TEXT, url: URL });
    expect(first.plans.length).toBe(1);
    expect(first.plans[0]!.measures.length).toBe(53);
    await send('plan.track', { url: URL, plan: first.plans[0] });
    const opened = await send<Opened>('page.open', { text: TEXT, url: URL });
    const parsed = await send<{ plans: Plan[]; corrections: unknown }>('page.parse', { text: TEXT, url: URL });
    const resolved = await send<{ views: View[]; language: string }>('page.resolve', { url: URL, plans: parsed.plans });
    expect(opened.plans).toEqual(parsed.plans);
    expect(opened.corrections).toEqual(parsed.corrections);
    expect(opened.language).toBe(resolved.language);
    expect(opened.views.map((v) => v.pagePlanId)).toEqual(opened.plans.map((p) => p.id));
    expect(opened.views[0]!.known).toBe(true);
    // Everything but the related measures, which come from plan.related.
    expect(opened.views[0]!.related).toEqual({});
    expect(Object.keys(resolved.views[0]!.related).length).toBe(53);
    const { related } = await send<{ related: Record<string, unknown[]> }>('plan.related', { planId: opened.views[0]!.planId });
    expect(related).toEqual(resolved.views[0]!.related);
    expect(opened.views.map((v) => ({ ...v, related }))).toEqual(resolved.views);
  });

  it('parses a page text once: a repeat visit is answered from the kept parse, the same as a fresh one', async () => {
    const { send, parsed } = setup();
    const first = await send<Opened>('page.open', { text: TEXT, url: URL });
    const again = await send<Opened>('page.open', { text: TEXT, url: URL });
    expect(parsed.length).toBe(1);
    expect(again).toEqual(first);
    // Another text is parsed, and the first is still kept.
    const other = TEXT.replace('光明区', '宝安区');
    await send<Opened>('page.open', { text: other, url: URL });
    await send<Opened>('page.open', { text: TEXT, url: URL });
    expect(parsed.length).toBe(2);
  });

  it('leaves the tags out (the badges come first); page.tags then gives each view the tags page.resolve gives', async () => {
    const { send } = setup(true);
    const unknown = await send<Opened>('page.open', { text: TEXT, url: URL });
    const resolvedUnknown = await send<{ views: (View & { tags?: unknown; tagChoices?: unknown })[] }>('page.resolve', { url: URL, plans: unknown.plans });
    const before = await send<{ views: unknown[] }>('page.tags', { text: TEXT, url: URL });
    expect(before.views).toEqual(resolvedUnknown.views.map((v) => ({ pagePlanId: v.pagePlanId, planId: v.planId, tags: v.tags, tagChoices: v.tagChoices })));
    await send('plan.track', { url: URL, plan: unknown.plans[0] });
    const opened = await send<{ views: (View & { tags?: unknown; tagChoices?: unknown })[] }>('page.open', { text: TEXT, url: URL });
    expect(opened.views.map((v) => [v.tags, v.tagChoices])).toEqual([[undefined, undefined]]);
    const { views } = await send<{ views: { pagePlanId: string; planId: string; tags?: Record<string, unknown[]>; tagChoices?: unknown[] }[] }>('page.tags', { text: TEXT, url: URL });
    const resolved = await send<{ views: (View & { tags?: unknown; tagChoices?: unknown })[] }>('page.resolve', { url: URL, plans: unknown.plans });
    expect(views).toEqual(resolved.views.map((v) => ({ pagePlanId: v.pagePlanId, planId: v.planId, tags: v.tags, tagChoices: v.tagChoices })));
    expect(views[0]!.planId).toBe(opened.views[0]!.planId);
    expect(Object.keys(views[0]!.tags ?? {}).length).toBeGreaterThan(10);
    // Before the plan was stored, the page's own plan's tags, under the page plan's id.
    expect(resolvedUnknown.views[0]!.planId).toBe(unknown.plans[0]!.id);
    expect(resolvedUnknown.views[0]!.tags).toEqual(resolved.views[0]!.tags);
  });

  it('keeps a reply for a repeat visit until anything is written (here or by another page) or the day changes', async () => {
    const { send, db, clock } = setup();
    type Reply = Opened & { views: (View & { tracked: boolean; entries: unknown[]; score: { measures: Record<string, { status: string }> } })[]; panelCollapsed?: boolean };
    // The first call opens (creates) the database: a write, so that reply is not kept.
    const created = await send<Reply>('page.open', { text: TEXT, url: URL });
    const first = await send<Reply>('page.open', { text: TEXT, url: URL });
    expect(first).not.toBe(created);
    expect(first).toEqual(created);
    expect(await send<Reply>('page.open', { text: TEXT, url: URL })).toBe(first);
    // Another url: its own reply (corrections are kept by url).
    expect(await send<Reply>('page.open', { text: TEXT, url: `${URL}?x` })).not.toBe(first);
    await send('plan.track', { url: URL, plan: first.plans[0] });
    const tracked = await send<Reply>('page.open', { text: TEXT, url: URL });
    expect(tracked.views[0]!.tracked).toBe(true);
    expect(await send<Reply>('page.open', { text: TEXT, url: URL })).toBe(tracked);
    const measure = tracked.views[0]!.plan.measures[0]!;
    await send('entry.put', { entry: { id: 'e1', planId: tracked.views[0]!.planId, measureId: measure.id, kind: 'status', percent: 100, date: '2025-08-30', updatedAt: '2025-08-30T08:00:00.000Z' } });
    const entered = await send<Reply>('page.open', { text: TEXT, url: URL });
    expect(entered.views[0]!.entries.length).toBe(1);
    expect(entered.views[0]!.score.measures[measure.id]!.status).toBe('done');
    // Written by another extension page (its own connection to the database).
    const other = new PlanMeterDB(db.name);
    await other.settings.put({ key: 'ui:panelCollapsed', value: true });
    other.close();
    const collapsed = await send<Reply>('page.open', { text: TEXT, url: URL });
    expect(collapsed).not.toBe(entered);
    expect(collapsed.panelCollapsed).toBe(true);
    expect(await send<Reply>('page.open', { text: TEXT, url: URL })).toBe(collapsed);
    clock.now = new Date('2025-09-02T08:00:00Z');
    const nextDay = await send<Reply>('page.open', { text: TEXT, url: URL });
    expect(nextDay).not.toBe(collapsed);
    expect(nextDay.views[0]!.score).not.toEqual(collapsed.views[0]!.score); // asOf moved
  });
});
