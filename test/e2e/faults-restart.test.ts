// Restarts and concurrency in real Chromium: the MV3 service worker is killed
// in the middle of a burst of writes and comes back; the popup, the dashboard
// and the page overlay edit the same measure at once; the browser is closed
// and reopened on the same profile. No entry acknowledged to the user is lost,
// none is duplicated or half-written, and every view shows the same numbers.
import { chooseOption } from './user-input.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, localDay, startServer, type Launched, type LocalServer } from './harness.ts';
import { planPage } from './pages.ts';
import { EXT_DIR, extensionDbDigest, readStore, sendRaw, waitForSeeds } from './hostile-pages.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { Plan } from '../../engine/types.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';

const page000 = planPage('000_5c7a958c132072e2.txt', 'paragraphs', '/gkmlpt/content/faults/post_000.html');
let server: LocalServer;
let browser: Launched;
let ext: Page;
let plan: Plan;

export const FAULT_CASES: string[] = [];
function fault(name: string, fn: () => Promise<void>, timeout = 240_000) {
  FAULT_CASES.push(name);
  it(name, fn, timeout);
}

function statusEntry(id: string, measureId: string, percent: number, updatedAt = new Date().toISOString()): ProgressEntry {
  return { id, planId: plan.id, measureId, kind: 'status', percent, date: localDay(), updatedAt };
}

async function openExtensionPage(b: Launched, path = 'popup.html'): Promise<Page> {
  const p = await b.context.newPage();
  await p.goto(`chrome-extension://${b.extensionId}/${path}`);
  return p;
}

async function storedPlan(extPage: Page): Promise<Plan> {
  const plans = await readStore<{ source: string; plan: Plan }>(extPage, 'plans');
  const record = plans.find((r) => r.source === '000_5c7a958c132072e2.txt');
  if (!record) throw new Error('seed plan 000 is not stored');
  return record.plan;
}

/** Stops every service worker of the browser (what Chrome does to an idle MV3 worker after 30 s), via CDP. */
async function killServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

async function entriesOf(extPage: Page): Promise<ProgressEntry[]> {
  return readStore<ProgressEntry>(extPage, 'entries');
}

beforeAll(async () => {
  server = await startServer([page000]);
  browser = await launchWithExtension({ port: server.port, extensionDir: EXT_DIR });
  ext = await openExtensionPage(browser);
  await waitForSeeds(ext);
  plan = await storedPlan(ext);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the service worker is killed mid-write', () => {
  fault('a burst of 1,000 writes with the worker stopped in the middle: every acknowledged entry stored whole, none twice; retries complete the rest', async () => {
    const measures = plan.measures.filter((m) => m.targets.length === 0).slice(0, 12);
    const burst = Array.from({ length: 1000 }, (_, i) => statusEntry(`burst-${i}`, measures[i % measures.length]!.id, (i * 7) % 101));
    const before = await entriesOf(ext);
    const watcher = await openExtensionPage(browser);
    let workerClosed = false;
    browser.worker.on('close', () => (workerClosed = true));
    // Fire the burst from an extension page (as the dashboard's inline entry would), and kill the worker while it runs.
    const sending = ext.evaluate(async (entries) => {
      const results = await Promise.all(
        entries.map((entry) =>
          chrome.runtime
            .sendMessage({ type: 'entry.put', payload: { entry } })
            .then((r: { ok?: boolean; code?: string } | undefined) => ({ id: entry.id, ok: r?.ok === true, code: r?.code ?? (r ? '' : 'no reply') }))
            .catch((e: unknown) => ({ id: entry.id, ok: false, code: String(e).slice(0, 80) })),
        ),
      );
      return results;
    }, burst);
    // Kill it once some of the burst is stored: writes are then both done and in flight.
    for (let i = 0; i < 2000 && (await entriesOf(watcher)).filter((e) => e.id.startsWith('burst-')).length < 10; i++) await new Promise((r) => setTimeout(r, 5));
    await killServiceWorker(ext);
    const results = await sending;
    await watcher.close();
    const acked = results.filter((r) => r.ok).map((r) => r.id);
    const failed = results.filter((r) => !r.ok).map((r) => r.id);
    const storedAtKill = (await entriesOf(ext)).filter((e) => e.id.startsWith('burst-')).length;
    console.log(`burst: ${acked.length} acknowledged, ${failed.length} failed in the kill (${[...new Set(results.filter((r) => !r.ok).map((r) => r.code))].join('; ')}), ${storedAtKill} stored, worker close event: ${workerClosed}`);
    // The kill really interrupted the burst: some writes failed in transport, some were already stored.
    expect(failed.length).toBeGreaterThan(0);
    expect(storedAtKill).toBeGreaterThan(0);

    // After the restart (the next message wakes a fresh worker): acknowledged entries are all there, exactly as sent.
    const stored = new Map((await entriesOf(ext)).map((e) => [e.id, e]));
    for (const id of acked) expect(stored.get(id)).toEqual(burst.find((e) => e.id === id));
    // Whatever was stored of the failed ones is whole (a write is one transaction), never a fragment.
    for (const id of failed) if (stored.has(id)) expect(stored.get(id)).toEqual(burst.find((e) => e.id === id));

    // The user retries what failed; then every entry is there once.
    for (const id of failed) {
      const reply = await sendRaw(ext, 'entry.put', { entry: burst.find((e) => e.id === id) });
      expect(reply.ok, `retry of ${id}: ${reply.code} ${reply.message}`).toBe(true);
    }
    const after = await entriesOf(ext);
    const ids = after.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(after.length).toBe(before.length + burst.length);
    for (const e of burst) expect(after.find((x) => x.id === e.id)).toEqual(e);
    // The restarted worker scores what is stored.
    const reply = await sendRaw(ext, 'score.get', { planId: plan.id });
    expect(reply.ok).toBe(true);
    const want = scorePlan(plan, after, { asOf: localDay() });
    expect((reply.data as { score: { score: number } }).score.score).toBe(want.score);
  });

  fault('the worker stopped three times between writes (as after 30 s idle): each write lands once, reads agree after every restart', async () => {
    const m = plan.measures.filter((x) => x.targets.length === 0)[13]!;
    for (let round = 0; round < 3; round++) {
      await killServiceWorker(ext);
      const entry = statusEntry(`idle-${round}`, m.id, 20 * (round + 1));
      const reply = await sendRaw(ext, 'entry.put', { entry });
      expect(reply.ok, `${reply.code} ${reply.message}`).toBe(true);
      await killServiceWorker(ext);
      const score = await sendRaw(ext, 'score.get', { planId: plan.id });
      expect(score.ok).toBe(true);
      const measureScore = (score.data as { score: { measures: Record<string, { completion: number | null }> } }).score.measures[m.id]!;
      expect(measureScore.completion).toBe(20 * (round + 1));
    }
    const mine = (await entriesOf(ext)).filter((e) => e.id.startsWith('idle-'));
    expect(mine.map((e) => e.id).sort()).toEqual(['idle-0', 'idle-1', 'idle-2']);
  });
});

describe('popup, dashboard and overlay edit the same measure at once', () => {
  fault('all writes land once; the overlay badge, the dashboard row and the popup agree with the engine', async () => {
    const m = plan.measures.filter((x) => x.targets.length === 0)[20]!;
    const page = await browser.context.newPage();
    await page.goto(server.url(page000));
    const badge = page.locator(`planmeter-overlay [data-pm-measure="${m.id}"]`);
    await badge.waitFor({ state: 'attached', timeout: 60_000 });
    const dash = await openExtensionPage(browser, `dashboard.html?plan=${plan.id}`);
    const row = dash.locator(`tr[data-pm-row="${m.id}"]`);
    await row.waitFor({ timeout: 60_000 });
    const popup = await openExtensionPage(browser, 'popup.html');
    await badge.click();
    const card = page.locator(`planmeter-overlay [data-pm-card="${m.id}"]`);
    await card.waitFor();
    await chooseOption(card.locator('[data-pm-milestone]'), '基本完成');
    const t0 = Date.now();
    // The same entry id edited in two views at once (the later edit must win), plus one new entry per view.
    const shared = (n: number, percent: number) => ({ ...statusEntry('shared-edit', m.id, percent, new Date(t0 + n).toISOString()) });
    await Promise.all([
      sendRaw(popup, 'entry.put', { entry: statusEntry('from-popup', m.id, 30, new Date(t0 + 1).toISOString()) }),
      sendRaw(dash, 'entry.put', { entry: statusEntry('from-dashboard', m.id, 60, new Date(t0 + 2).toISOString()) }),
      sendRaw(popup, 'entry.put', { entry: shared(5, 10) }),
      sendRaw(dash, 'entry.put', { entry: shared(3, 15) }),
      card.locator('[data-pm-save]').click(),
    ]);
    // The overlay's own entry arrives.
    await card.locator('[data-pm-entry]').nth(3).waitFor({ timeout: 20_000 });
    const entries = (await entriesOf(ext)).filter((e) => e.measureId === m.id && e.planId === plan.id);
    expect(entries.map((e) => e.id).filter((id) => id === 'shared-edit')).toHaveLength(1);
    // Of the two edits of one entry, the later edit (updatedAt) is kept, whichever message arrived last.
    expect(entries.find((e) => e.id === 'shared-edit')).toMatchObject({ percent: 10, updatedAt: new Date(t0 + 5).toISOString() });
    expect(entries.length).toBe(4);
    expect(new Set(entries.map((e) => e.id)).size).toBe(4);
    const all = await entriesOf(ext);
    const want = scorePlan(plan, all, { asOf: localDay() });
    const wantText = String(Math.round(want.measures[m.id]!.completion!));
    // Every view shows the same number, live (no reload).
    await page.waitForFunction(
      ([id, text]) => document.querySelector('planmeter-overlay')?.shadowRoot?.querySelector<HTMLElement>(`[data-pm-measure="${id}"]`)?.dataset.pmCompletion === text,
      [m.id, wantText] as const,
      { timeout: 20_000 },
    );
    await dash.waitForFunction(([id, text]) => document.querySelector<HTMLElement>(`tr[data-pm-row="${id}"]`)?.dataset.pmCompletion === text, [m.id, wantText] as const, { timeout: 20_000 });
    const reply = await sendRaw(popup, 'score.get', { planId: plan.id });
    expect((reply.data as { score: { score: number; measures: Record<string, { completion: number }> } }).score.measures[m.id]!.completion).toBe(want.measures[m.id]!.completion);
    const planScore = await dash.locator('[data-pm-plan-score]').first().getAttribute('data-pm-plan-score');
    expect(Number(planScore)).toBe(want.score);
    await Promise.all([page.close(), dash.close(), popup.close()]);
  });
});

describe('the browser is closed and reopened on the same profile', () => {
  fault('every table is byte-identical after the restart and the page shows the same numbers', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'planmeter-h5-profile-'));
    try {
      let b = await launchWithExtension({ port: server.port, extensionDir: EXT_DIR, userDataDir: profile });
      let e = await openExtensionPage(b);
      await waitForSeeds(e);
      const p = await storedPlan(e);
      const measures = p.measures.filter((x) => x.targets.length === 0);
      for (let i = 0; i < 10; i++) {
        const reply = await sendRaw(e, 'entry.put', { entry: { id: `persist-${i}`, planId: p.id, measureId: measures[i]!.id, kind: 'status', percent: 10 * i, date: localDay(), updatedAt: new Date().toISOString() } });
        expect(reply.ok).toBe(true);
      }
      const page = await b.context.newPage();
      await page.goto(server.url(page000));
      await page.locator(`planmeter-overlay [data-pm-measure="${measures[9]!.id}"][data-pm-completion="90"]`).waitFor({ state: 'attached', timeout: 60_000 });
      const badgesBefore = await page.locator('planmeter-overlay [data-pm-measure]').evaluateAll((els) => els.map((x) => `${x.getAttribute('data-pm-measure')}=${x.getAttribute('data-pm-completion')}`));
      const before = await extensionDbDigest(e);
      await b.close({ keepProfile: true });

      b = await launchWithExtension({ port: server.port, extensionDir: EXT_DIR, userDataDir: profile });
      e = await openExtensionPage(b);
      const after = await extensionDbDigest(e);
      expect(after.counts).toEqual(before.counts);
      expect(after.digest).toBe(before.digest);
      const again = await b.context.newPage();
      await again.goto(server.url(page000));
      await again.locator(`planmeter-overlay [data-pm-measure="${measures[9]!.id}"][data-pm-completion="90"]`).waitFor({ state: 'attached', timeout: 60_000 });
      const badgesAfter = await again.locator('planmeter-overlay [data-pm-measure]').evaluateAll((els) => els.map((x) => `${x.getAttribute('data-pm-measure')}=${x.getAttribute('data-pm-completion')}`));
      expect(badgesAfter).toEqual(badgesBefore);
      // Opening the page wrote nothing.
      expect((await extensionDbDigest(e)).digest).toBe(before.digest);
      await b.close({ keepProfile: true });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('storage pressure', () => {
  fault('persistent storage is asked for (navigator.storage.persist) and unlimitedStorage is declared', async () => {
    const dash = await openExtensionPage(browser, 'dashboard.html');
    await dash.locator('[data-pm-dashboard]').waitFor({ timeout: 30_000 });
    // Count the dashboard's own persist() request: wrap it, reload, and see it called (or already granted).
    await dash.addInitScript(() => {
      const storage = navigator.storage as StorageManager & { __pmCalls?: number };
      const original = storage.persist.bind(storage);
      storage.__pmCalls = 0;
      storage.persist = () => {
        storage.__pmCalls! += 1;
        return original();
      };
    });
    await dash.reload();
    await dash.locator('[data-pm-dashboard]').waitFor({ timeout: 30_000 });
    await dash.waitForTimeout(500);
    const state = await dash.evaluate(async () => ({
      persisted: await navigator.storage.persisted(),
      calls: (navigator.storage as StorageManager & { __pmCalls?: number }).__pmCalls ?? 0,
      quota: (await navigator.storage.estimate()).quota ?? 0,
    }));
    console.log(`storage: persisted ${state.persisted}, persist() calls on load ${state.calls}, quota ${state.quota}`);
    // The dashboard asks on load unless the grant is already in place. (Headless Chromium may
    // decline; unlimitedStorage then keeps the extension's data out of eviction.)
    expect(state.calls >= 1 || state.persisted).toBe(true);
    const manifest = await dash.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.permissions).toContain('unlimitedStorage');
    await dash.close();
  });
});
