// A snapshot exported from one browser profile re-imports into a fresh
// profile with identical scores (through the dashboard's own buttons).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages } from './pages.ts';
import { launchWithExtension, sendFromExtensionPage, startServer, type Launched, type LocalServer } from './harness.ts';
import { allSeedPlans } from './expected.ts';

const pages = allPages();
let server: LocalServer;
const browsers: Launched[] = [];

beforeAll(async () => {
  server = await startServer(pages);
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.close();
});

async function openDashboard(b: Launched, planId?: string) {
  const dash = await b.context.newPage();
  await dash.goto(`chrome-extension://${b.extensionId}/dashboard.html${planId ? `?plan=${planId}` : ''}`);
  await dash.locator('[data-pm-data]').waitFor();
  // Seeds are parsed on install: wait until the plan list is there.
  await dash.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
  return dash;
}

describe('snapshot export and import', () => {
  it('re-imports into a fresh profile with identical scores', async () => {
    const plans = (await allSeedPlans()).filter((p) => p.measures.length >= 10).slice(0, 3);
    const a = await launchWithExtension({ port: server.port });
    browsers.push(a);
    const dashA = await openDashboard(a, plans[0]!.id);
    // Entries of every kind on several plans, one edited later and one deleted.
    let n = 0;
    for (const plan of plans) {
      for (const m of plan.measures.slice(0, 8)) {
        const id = `e2e-${plan.id}-${m.id}`;
        const base = { id, planId: plan.id, measureId: m.id, date: `2025-0${(n % 8) + 1}-15`, updatedAt: new Date(Date.UTC(2025, 8, 1, 0, 0, n)).toISOString() };
        const t = m.targets.find((x) => x.value !== undefined);
        const entry = t ? { ...base, kind: 'value', targetId: t.id, value: (t.value ?? 10) * 0.4, unit: t.unit } : { ...base, kind: 'status', milestone: n % 2 ? '推进中' : '基本完成' };
        await sendFromExtensionPage(dashA, 'entry.put', { entry });
        n++;
      }
    }
    const firstId = `e2e-${plans[0]!.id}-${plans[0]!.measures[1]!.id}`;
    await sendFromExtensionPage(dashA, 'entry.delete', { id: firstId });
    const scoresA = [];
    for (const p of plans) scoresA.push((await sendFromExtensionPage<{ score: unknown }>(dashA, 'score.get', { planId: p.id })).score);

    const [download] = await Promise.all([dashA.waitForEvent('download'), dashA.locator('[data-pm-export-json]').click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'pm-snap-')), download.suggestedFilename());
    await download.saveAs(file);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { format: string; entries: unknown[] };
    expect(json.format).toBe('planmeter.snapshot');
    expect(json.entries.length).toBe(n);

    const b = await launchWithExtension({ port: server.port });
    browsers.push(b);
    expect(b.userDataDir).not.toBe(a.userDataDir);
    const dashB = await openDashboard(b, plans[0]!.id);
    const before = (await sendFromExtensionPage<{ score: { score: number } }>(dashB, 'score.get', { planId: plans[0]!.id })).score;
    expect(before.score).toBe(0);
    await dashB.locator('[data-pm-import]').setInputFiles(file);
    // The import is previewed entry by entry first; accepting all writes it.
    await dashB.locator('[data-pm-merge-preview]').waitFor();
    expect(await dashB.locator('[data-pm-preview-item]').count()).toBe(n);
    await dashB.locator('[data-pm-accept-all]').click();
    await dashB.locator('[data-pm-import-result]').waitFor();
    expect(await dashB.locator('[data-pm-import-result]').textContent()).toContain(`${n}`);
    for (const [i, p] of plans.entries()) {
      const got = (await sendFromExtensionPage<{ score: unknown }>(dashB, 'score.get', { planId: p.id })).score;
      expect(got).toEqual(scoresA[i]);
    }
    // The dashboards show the same plan score.
    await dashA.reload();
    await dashB.reload();
    const shown = async (page: typeof dashA) => page.locator('[data-pm-plan-score]').getAttribute('data-pm-plan-score');
    await dashA.locator('[data-pm-plan-score]').waitFor();
    await dashB.locator('[data-pm-plan-score]').waitFor();
    expect(await shown(dashB)).toBe(await shown(dashA));
    expect(Number(await shown(dashB))).toBeGreaterThan(0);
    expect(a.outside).toEqual([]);
    expect(b.outside).toEqual([]);
  });

  it('refuses a file that is not a snapshot, and says why, without changing anything', async () => {
    const b = browsers[1]!;
    const dash = await openDashboard(b);
    const count = async () => (await sendFromExtensionPage<{ json: string }>(dash, 'snapshot.export', {})).json.length;
    const before = await count();
    const reply = await sendFromExtensionPage<{ accepted: number; problems: { path: string }[] }>(dash, 'snapshot.import', { json: '{"format":"planmeter.snapshot","version":99}' });
    expect(reply.accepted).toBe(0);
    expect(reply.problems.map((p) => p.path)).toContain('version');
    expect(await count()).toBe(before);
  });
});
