// The background's corrections, against a real (fake-indexeddb) database and
// the real parser: a page read as a plan is stored and tracked, every later
// parse of the page applies its corrections, undo takes back only the last
// one (as a tombstone), a malformed operation is refused naming the operation
// and field with nothing stored, and a corrected stored plan stays in step.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PlanMeterDB } from '../../lib/db.ts';
import { backgroundApi, dispatch } from '../../lib/messages.ts';
import { createHandlers, type Engine } from '../../lib/bg-handlers.ts';
import { parsePage } from '../../engine/parse/index.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { Plan } from '../../engine/types.ts';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const URL = 'https://www.szgm.gov.cn/xwzx/gzdt/index.html';
const TEXT = `工作动态

光明区召开城市更新工作会议，部署年内新开工项目不少于20个 2025-01-02
区政务服务中心优化企业开办流程，开办时间压缩至1个工作日 2025-02-03
本栏目发布光明区政务动态，欢迎关注。
区委召开会议研究提升基层治理水平 2025-04-05
`;

const engine: Engine = {
  scorePlan: (plan, entries, options) => scorePlan(plan, entries, options as never) as never,
  related: async () => [],
  parse: (text) => parsePage(text),
  exportSnapshot: async () => ({ json: '{}', filename: 'x.json' }),
  importSnapshot: async () => ({ accepted: 0, rejected: 0, plansAdded: 0, warnings: [], problems: [] }),
};

async function setup() {
  const db = new PlanMeterDB(`corr-${Math.random()}`);
  let clock = Date.parse('2025-09-01T08:00:00Z');
  const handlers = createHandlers(db, engine, { notifyTabs: () => {}, registerSites: async () => {}, now: () => new Date((clock += 1000)) });
  const send = async <T,>(type: string, payload: unknown): Promise<T> => {
    const reply = (await dispatch(backgroundApi, handlers, { type, payload }, { id: EXT }, EXT)) as { ok: boolean; data?: T; message?: string; path?: string };
    if (!reply.ok) throw Object.assign(new Error(reply.message), { path: reply.path });
    return reply.data as T;
  };
  return { db, send };
}

type Corrected = { plans: Plan[]; corrections: { count: number; unresolved: number; ops: string[] }; outcomes: { status: string }[] };

describe('corrections in the background', () => {
  it('reads a page as a plan, tracks it, applies the corrections on every parse, and undoes only the last', async () => {
    const { db, send } = await setup();
    expect((await send<{ plans: Plan[] }>('page.parse', { text: TEXT, url: URL })).plans).toEqual([]);
    expect((await send<{ count: number }>('page.hasCorrections', { url: URL })).count).toBe(0);

    const preview = await send<{ plan: Plan | null }>('page.preview', { text: TEXT, title: '光明区重点工作' });
    expect(preview.plan?.measures).toHaveLength(4);
    expect(await db.corrections.count()).toBe(0); // a preview stores nothing

    const read = await send<Corrected>('corrections.add', { text: TEXT, url: `${URL}#top`, corrections: [{ op: 'read-as-plan', title: '光明区重点工作' }] });
    const plan = read.plans[0]!;
    expect(plan.title).toBe('光明区重点工作');
    expect(read.corrections).toEqual({ count: 1, unresolved: 0, ops: ['read-as-plan'] });
    expect((await db.plans.get(plan.id))?.tracked).toBe(1);
    expect((await send<{ count: number }>('page.hasCorrections', { url: URL })).count).toBe(1);

    const noise = plan.measures.find((m) => m.text.startsWith('本栏目'))!;
    const removed = await send<Corrected>('corrections.add', { text: TEXT, url: URL, corrections: [{ op: 'remove-measure', measure: noise.id, measureQuote: noise.quote }] });
    expect(removed.plans[0]!.measures).toHaveLength(3);
    // The stored plan is the corrected one (scores and the dashboard read it).
    expect((await db.plans.get(plan.id))!.plan.measures.map((m) => m.id)).not.toContain(noise.id);
    const parsed = await send<{ plans: Plan[]; corrections: { count: number } }>('page.parse', { text: TEXT, url: URL });
    expect(parsed.plans[0]!.measures).toHaveLength(3);
    expect(parsed.corrections.count).toBe(2);

    // A correction that no longer fits is kept and counted as not applied.
    const gone = await send<Corrected>('corrections.add', { text: TEXT, url: URL, corrections: [{ op: 'set-owners', measure: 'm_gone', owners: ['区财政局'] }] });
    expect(gone.outcomes[0]!.status).toBe('unresolved');
    expect(gone.corrections).toMatchObject({ count: 2, unresolved: 1 });

    // Undo takes back the last (a tombstone), then the one before.
    await send<Corrected>('corrections.undo', { text: TEXT, url: URL });
    const back = await send<Corrected>('corrections.undo', { text: TEXT, url: URL });
    expect(back.plans[0]!.measures).toHaveLength(4);
    expect(back.corrections.ops).toEqual(['read-as-plan']);
    expect((await db.plans.get(plan.id))!.plan.measures).toHaveLength(4);
    expect(await db.corrections.count()).toBe(3);
    expect((await db.corrections.toArray()).filter((r) => r.deleted).length).toBe(2);
  });

  it('refuses a malformed operation naming the operation and field, and stores nothing', async () => {
    const { db, send } = await setup();
    await expect(send('corrections.add', { text: TEXT, url: URL, corrections: [{ op: 'read-as-plan', title: 'x' }, { op: 'set-owners', measure: 'm1', owners: [3] }] })).rejects.toMatchObject({
      path: 'corrections[1] (set-owners).owners.0',
    });
    await expect(send('corrections.add', { text: TEXT, url: URL, corrections: [{ op: 'explode' }] })).rejects.toThrow(/corrections\[0\]/u);
    expect(await db.corrections.count()).toBe(0);
    expect(await db.plans.count()).toBe(0);
  });

  it('reads the target words a user selected with the engine\'s reader', async () => {
    const { send } = await setup();
    expect((await send<{ fields: unknown }>('target.read', { quote: '不少于200个' })).fields).toMatchObject({ value: 200, unit: '个', comparator: '>=' });
    expect((await send<{ fields: unknown }>('target.read', { quote: '欢迎关注' })).fields).toBeNull();
  });
});
