// Messages are checked on both ends: unknown senders and malformed requests
// are refused before any handler runs, and nothing is written for them.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PlanMeterDB } from '../../lib/db.ts';
import { backgroundApi, callBackground, checkReply, checkRequest, dispatch, MessageError } from '../../lib/messages.ts';
import { createHandlers, type Engine } from '../../lib/bg-handlers.ts';
import { planRecord } from '../../lib/store.ts';
import type { Plan } from '../../engine/types.ts';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';

function samplePlan(): Plan {
  const span = { start: 0, end: 10 };
  return {
    id: 'plan_1',
    fingerprint: 'fp1',
    title: '示例方案',
    issuer: '',
    date: '2025-08-18',
    period: { start: 2025, end: 2025 },
    script: 'simplified',
    sections: [{ id: 's1', number: '一', title: '部分', measureIds: ['m1', 'm2'], subsections: [], span }],
    measures: [
      { id: 'm1', number: '1', index: 1, title: '措施一', text: '措施一 新增服务包不少于200个', units: ['区发展改革局'], unitRoles: [], targets: [{ id: 't1', label: '服务包', value: 200, unit: '个', comparator: '>=', direction: 'increase', quote: '不少于200个', span }], span, quote: '措施一' },
      { id: 'm2', number: '2', index: 2, title: '措施二', text: '措施二 推进改革', units: [], unitRoles: [], targets: [], span, quote: '措施二' },
    ],
    indicators: [],
    narrativeTargets: [],
    span,
  };
}

const engine: Engine = {
  scorePlan: (plan, entries) => ({
    planId: plan.id,
    score: entries.length ? 50 : 0,
    statusCounts: {},
    measures: Object.fromEntries(plan.measures.map((m) => [m.id, { id: m.id, completion: null, status: 'not_started' as const }])),
    sections: [],
    lagging: [],
    asOf: '2025-09-01',
  }),
  related: async () => [],
  parse: async () => ({ plans: [], outcomes: [], kind: 'other', title: '', warnings: [] }),
  exportSnapshot: async () => ({ json: '{}', filename: 'x.json' }),
  importSnapshot: async () => ({ accepted: 0, rejected: 0, plansAdded: 0, warnings: [], problems: [] }),
};

async function setup() {
  const db = new PlanMeterDB(`msg-${Math.random()}`);
  await db.plans.put(planRecord(samplePlan(), 'seed', 'x.txt', true));
  const notified: (string | undefined)[] = [];
  const handlers = createHandlers(db, engine, { notifyTabs: (id) => notified.push(id), registerSites: async () => {}, now: () => new Date('2025-09-01T08:00:00Z') });
  return { db, handlers, notified };
}

const goodEntry = { id: 'e1', planId: 'plan_1', measureId: 'm1', kind: 'value', targetId: 't1', value: 120, date: '2025-08-30', updatedAt: '2025-08-30T10:00:00.000Z' };

describe('runtime messages', () => {
  it('refuses a sender that is not this extension, and writes nothing', async () => {
    const { db, handlers } = await setup();
    const reply = await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: goodEntry } }, { id: 'another-extension' }, EXT);
    expect(reply).toMatchObject({ ok: false, code: 'forbidden' });
    const noId = await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: goodEntry } }, {}, EXT);
    expect(noId).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await db.entries.count()).toBe(0);
  });

  it('refuses unknown types and malformed payloads with the field path', async () => {
    const { db, handlers } = await setup();
    expect(await dispatch(backgroundApi, handlers, { type: 'db.dropAll', payload: {} }, { id: EXT }, EXT)).toMatchObject({ ok: false, code: 'invalid', path: 'type' });
    expect(await dispatch(backgroundApi, handlers, { type: '__proto__', payload: {} }, { id: EXT }, EXT)).toMatchObject({ ok: false, code: 'invalid' });
    const bad = await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: { ...goodEntry, value: 'lots' } } }, { id: EXT }, EXT);
    expect(bad).toMatchObject({ ok: false, code: 'invalid', path: 'entry.value' });
    const badDate = await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: { ...goodEntry, date: '2025/08/30' } } }, { id: EXT }, EXT);
    expect(badDate).toMatchObject({ ok: false, path: 'entry.date' });
    expect(await db.entries.count()).toBe(0);
  });

  it('stores a valid entry, tells the tabs, and refuses one naming no known measure', async () => {
    const { db, handlers, notified } = await setup();
    const ok = await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: goodEntry } }, { id: EXT }, EXT);
    expect(ok).toMatchObject({ ok: true, data: { entry: { id: 'e1', value: 120 } } });
    expect(notified).toEqual(['plan_1']);
    const unknown = await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: { ...goodEntry, id: 'e2', measureId: 'nope' } } }, { id: EXT }, EXT);
    expect(unknown).toMatchObject({ ok: false, code: 'unknown_measure', path: 'measureId' });
    const badTarget = await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: { ...goodEntry, id: 'e3', targetId: 'tX' } } }, { id: EXT }, EXT);
    expect(badTarget).toMatchObject({ ok: false, path: 'targetId' });
    expect((await db.entries.toArray()).map((e) => e.id)).toEqual(['e1']);
  });

  it('deletes as a tombstone that the score ignores', async () => {
    const { db, handlers } = await setup();
    await dispatch(backgroundApi, handlers, { type: 'entry.put', payload: { entry: goodEntry } }, { id: EXT }, EXT);
    const del = await dispatch(backgroundApi, handlers, { type: 'entry.delete', payload: { id: 'e1' } }, { id: EXT }, EXT);
    expect(del).toMatchObject({ ok: true });
    expect((await db.entries.get('e1'))?.deleted).toBe(true);
    const score = (await dispatch(backgroundApi, handlers, { type: 'score.get', payload: { planId: 'plan_1' } }, { id: EXT }, EXT)) as { data: { score: { score: number } } };
    expect(score.data.score.score).toBe(0);
  });

  it('resolves a page plan to the stored plan by measure overlap, not by URL or id', async () => {
    const { handlers } = await setup();
    const page = samplePlan();
    page.id = 'plan_other_id';
    page.fingerprint = 'different';
    page.measures = page.measures.map((m) => ({ ...m, id: `${m.id}_x`, text: ` ${m.text.replace(' ', '\n')} ` }));
    const reply = (await dispatch(backgroundApi, handlers, { type: 'page.resolve', payload: { url: 'http://elsewhere.example/', plans: [page] } }, { id: EXT }, EXT)) as {
      ok: true;
      data: { views: { planId: string; known: boolean; pagePlanId: string }[] };
    };
    expect(reply.ok).toBe(true);
    expect(reply.data.views[0]).toMatchObject({ planId: 'plan_1', known: true, pagePlanId: 'plan_other_id' });
    const stranger = { ...samplePlan(), id: 'p3', fingerprint: 'f3', measures: samplePlan().measures.map((m) => ({ ...m, text: `完全不同的内容${m.id}` })) };
    const r2 = (await dispatch(backgroundApi, handlers, { type: 'page.resolve', payload: { url: 'x', plans: [stranger] } }, { id: EXT }, EXT)) as { data: { views: { known: boolean; planId: string }[] } };
    expect(r2.data.views[0]).toMatchObject({ known: false, planId: 'p3' });
  });

  it('validates replies on the sending side too', async () => {
    expect(() => checkReply(backgroundApi, 'score.get', { ok: true, data: { score: { planId: 'x' } } })).toThrow(MessageError);
    expect(() => checkReply(backgroundApi, 'entry.delete', { ok: false, code: 'quota', message: 'disk full' })).toThrow(/disk full/);
    expect(() => checkReply(backgroundApi, 'entry.delete', undefined)).toThrow(/no reply/);
    // A request that does not validate never leaves the sender.
    let sent = 0;
    const runtime = { id: EXT, sendMessage: async () => (sent++, { ok: true, data: { ok: true } }) };
    await expect(callBackground(runtime, 'entry.delete', { id: '' })).rejects.toThrow(MessageError);
    expect(sent).toBe(0);
    await expect(callBackground(runtime, 'entry.delete', { id: 'e1' })).resolves.toEqual({ ok: true });
    expect(checkRequest(backgroundApi, null)).toMatchObject({ ok: false });
  });
});
