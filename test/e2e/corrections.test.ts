// Corrections in the browser: on a page the parser reads as no plan, a user
// reads it as a plan from the popup, removes a false measure, merges two, sets
// an owner and adds a target by selecting its words, and enters progress. The
// same badges and scores show after a reload, after a browser restart on the
// same profile, and after an export → import into a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { escapeHtml, type TestPage } from './pages.ts';
import { launchWithExtension, readBadges, sendFromExtensionPage, startServer, tabIdFor, waitForBadges, type Launched, type LocalServer } from './harness.ts';

const LINES = [
  '光明区召开城市更新工作会议，部署年内新开工项目不少于20个 2025-01-02',
  '区政务服务中心优化企业开办流程，开办时间压缩至1个工作日 2025-02-03',
  '本栏目发布光明区政务动态，欢迎关注。',
  '区领导检查公共服务设施建设情况，要求今年建成社区服务站12个 2025-03-04',
  '区委召开会议研究提升基层治理水平 2025-04-05',
  '区住房建设局部署老旧小区改造，此前已经完成改造8个小区 2025-05-06',
];
const TITLE = '光明区2025年重点工作清单';

/** A news page of the district (plan words in its breadcrumb, no plan in it). */
function newsListPage(): TestPage {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>工作动态</title>
<style>body{font:16px/1.9 "Noto Sans CJK SC",sans-serif;margin:0}.main{width:900px;margin:0 auto;padding:20px}p{margin:8px 0}</style></head>
<body><div class="main"><div class="crumb">当前位置:首页 &gt; 政务公开 &gt; 规划计划 &gt; 工作动态</div><h2>工作动态</h2>
${LINES.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
<p class="foot">主办单位:深圳市光明区人民政府 版权所有 网站标识码:4403110001</p></div></body></html>`;
  return { path: '/xwzx/gzdt/index.html', host: 'www.szgm.gov.cn', html, seed: '', layout: 'news' };
}

const page0 = newsListPage();
let server: LocalServer;
const browsers: Launched[] = [];
const profiles: string[] = [];

beforeAll(async () => {
  server = await startServer([page0]);
});
afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => {});
  await server?.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

const overlay = (page: Page) => page.locator('planmeter-overlay');

/** Clicks a measure's badge (a trusted click) and waits for its card. */
async function openCard(page: Page, measureId: string): Promise<void> {
  await overlay(page).locator(`[data-pm-measure="${measureId}"]`).first().click();
  await overlay(page).locator(`[data-pm-card="${measureId}"]`).waitFor();
}

/** The measure ids and titles the page's overlay shows, from the background's view of the tab. */
async function measuresOf(b: Launched, url: string): Promise<{ id: string; title: string; text: string; units: string[]; targets: { id: string; value?: number; unit: string }[] }[]> {
  const tabId = await tabIdFor(b.worker, url);
  return b.worker.evaluate(async (id: number) => {
    const reply = (await chrome.tabs.sendMessage(id, { type: 'tab.state', payload: {} })) as { data: { views: { plan: { measures: { id: string; title: string; text: string; units: string[]; targets: { id: string; value?: number; unit: string }[] }[] } }[] } };
    return reply.data.views[0]?.plan.measures ?? [];
  }, tabId);
}

/** Opens the summary panel when it starts collapsed (a narrow window), with a real click. */
async function expandPanel(page: Page): Promise<void> {
  const panel = overlay(page).locator('[data-pm-panel]');
  await panel.waitFor({ state: 'attached' });
  if ((await panel.getAttribute('data-pm-collapsed')) === 'true') await panel.locator('header button').click();
  await overlay(page).locator('[data-pm-summary]').first().waitFor();
}

async function correctionsDone(page: Page, n: number): Promise<void> {
  await overlay(page).locator(`[data-pm-corrections="${n}"]`).waitFor({ state: 'attached', timeout: 30_000 });
}

function badgeKey(badges: Awaited<ReturnType<typeof readBadges>>): string[] {
  return badges.map((b) => `${b.measure}=${b.completion}/${b.status}`).sort();
}

describe('corrections in the browser', () => {
  it('makes a non-plan page a plan, corrects it, and keeps the fix through reload, restart and export→import', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'planmeter-corr-profile-'));
    profiles.push(profile);
    let b = await launchWithExtension({ port: server.port, userDataDir: profile });
    browsers.push(b);
    const url = server.url(page0);
    const page = await b.context.newPage();
    await page.goto(url);
    const tabId = await tabIdFor(b.worker, url);
    // The parser reads no plan here: no overlay at all.
    expect(await overlay(page).count()).toBe(0);

    // Popup: read this page as a plan; the preview lists the measures; the title is editable.
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('[data-pm-noplan]').waitFor();
    await popup.locator('[data-pm-cmd="read-as-plan"]').click();
    await popup.locator('[data-pm-preview] li').first().waitFor();
    const previewed = await popup.locator('[data-pm-preview] li').allTextContents();
    expect(previewed.length).toBe(LINES.length); // the six items (the site footer is page chrome)
    await popup.locator('[data-pm-plan-title]').fill(TITLE);
    await popup.locator('[data-pm-cmd="confirm-read"]').click();

    await page.bringToFront();
    await waitForBadges(page);
    await correctionsDone(page, 1);
    await expandPanel(page);
    let measures = await measuresOf(b, url);
    expect(measures).toHaveLength(LINES.length);
    await overlay(page).locator('[data-pm-summary] h3', { hasText: TITLE }).waitFor({ state: 'attached' }); // the panel may start collapsed (issue 11)

    // Remove the false measure (the column's notice) — after a milestone was entered on it by mistake.
    const footer = measures.find((m) => m.text.startsWith('本栏目'))!;
    await openCard(page, footer.id);
    await overlay(page).locator(`[data-pm-form="${footer.id}"] [data-pm-save]`).click();
    await overlay(page).locator(`[data-pm-card="${footer.id}"] [data-pm-entry]`).waitFor();
    const strayId = await overlay(page).locator(`[data-pm-card="${footer.id}"] [data-pm-entry]`).getAttribute('data-pm-entry');
    await overlay(page).locator(`[data-pm-correct="${footer.id}"] summary`).click();
    await overlay(page).locator(`[data-pm-correct="${footer.id}"] [data-pm-cmd="remove-measure"]`).click();
    await correctionsDone(page, 2);
    measures = await measuresOf(b, url);
    expect(measures.map((m) => m.id)).not.toContain(footer.id);
    // Its entry is not lost: the dashboard lists it for reassignment.
    const planId = (await overlay(page).locator('[data-pm-summary]').first().getAttribute('data-pm-summary'))!;
    const orphans = await b.context.newPage();
    await orphans.goto(`chrome-extension://${b.extensionId}/dashboard.html?plan=${planId}`);
    await orphans.locator(`[data-pm-orphans="${planId}"] [data-pm-orphan="${strayId}"]`).waitFor({ timeout: 30_000 });
    await orphans.close();
    await page.bringToFront();

    // Merge the inspection with the next item (keyboard: focus the command and press Enter).
    const inspect = measures.find((m) => m.text.startsWith('区领导检查'))!;
    const next = measures[measures.indexOf(inspect) + 1]!;
    await openCard(page, inspect.id);
    await overlay(page).locator(`[data-pm-correct="${inspect.id}"] summary`).click();
    await overlay(page).locator(`[data-pm-correct="${inspect.id}"] [data-pm-cmd="merge-next"]`).focus();
    await page.keyboard.press('Enter');
    await correctionsDone(page, 3);
    measures = await measuresOf(b, url);
    expect(measures.map((m) => m.id)).not.toContain(next.id);
    expect(measures.find((m) => m.id === inspect.id)!.text).toContain('提升基层治理水平');

    // Owner and target on the housing item: type the owner; select the target's words in the page.
    const housing = measures.find((m) => m.text.startsWith('区住房建设局'))!;
    await openCard(page, housing.id);
    const tools = overlay(page).locator(`[data-pm-correct="${housing.id}"]`);
    await tools.locator('summary').click();
    await tools.locator('[data-pm-owners]').fill('区住房和建设局');
    await tools.locator('[data-pm-cmd="set-owners"]').click();
    await correctionsDone(page, 4);
    await page.evaluate((words: string) => {
      const p = Array.from(document.querySelectorAll('p')).find((x) => x.textContent!.includes(words))!;
      const node = p.firstChild!;
      const at = node.textContent!.indexOf(words);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    }, '完成改造8个小区');
    // The card is still open on the housing item; the selection shows in it.
    const tools2 = overlay(page).locator(`[data-pm-correct="${housing.id}"]`);
    await tools2.locator('[data-pm-selection]').filter({ hasText: '完成改造8个小区' }).waitFor();
    await tools2.locator('[data-pm-cmd="add-target"]').click();
    // Prefilled by the engine's target reader.
    await expect.poll(() => tools2.locator('[data-pm-t-value]').inputValue()).toBe('8');
    expect(await tools2.locator('[data-pm-t-unit]').inputValue()).toBe('个');
    await tools2.locator('[data-pm-cmd="save-target"]').click();
    await correctionsDone(page, 5);
    measures = await measuresOf(b, url);
    const fixed = measures.find((m) => m.id === housing.id)!;
    expect(fixed.units).toEqual(['区住房建设局']);
    expect(fixed.targets).toHaveLength(1);
    expect(fixed.targets[0]).toMatchObject({ value: 8, unit: '个' });

    // Progress: 4 of 8 on the new target.
    await openCard(page, housing.id);
    const form = overlay(page).locator(`[data-pm-form="${housing.id}"]`);
    await form.locator('[data-pm-value]').fill('4');
    await form.locator('[data-pm-save]').click();
    await overlay(page).locator(`[data-pm-measure="${housing.id}"][data-pm-completion="50"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await expandPanel(page);
    const badges = badgeKey(await readBadges(page));
    expect(badges).toHaveLength(LINES.length - 2);
    const planScore = await overlay(page).locator('[data-pm-score]').first().getAttribute('data-pm-score');
    expect(Number(planScore)).toBeGreaterThan(0);

    // After a reload: the same badges and score.
    await page.reload();
    await waitForBadges(page);
    await correctionsDone(page, 5);
    await expandPanel(page);
    await overlay(page).locator(`[data-pm-measure="${housing.id}"][data-pm-completion="50"]`).waitFor({ state: 'attached', timeout: 30_000 });
    expect(badgeKey(await readBadges(page))).toEqual(badges);
    expect(await overlay(page).locator('[data-pm-score]').first().getAttribute('data-pm-score')).toBe(planScore);

    // Export the snapshot before closing (it carries the corrections).
    const dash = await b.context.newPage();
    await dash.goto(`chrome-extension://${b.extensionId}/dashboard.html`);
    const exported = await sendFromExtensionPage<{ json: string }>(dash, 'snapshot.export', {});
    const snapshot = JSON.parse(exported.json) as { corrections?: { correction: { op: string } }[]; entries: unknown[] };
    expect(snapshot.corrections?.map((c) => c.correction.op)).toEqual(expect.arrayContaining(['read-as-plan', 'remove-measure', 'merge-measures', 'set-owners', 'add-target']));

    // After a browser restart on the same profile.
    await b.close({ keepProfile: true });
    b = await launchWithExtension({ port: server.port, userDataDir: profile });
    browsers.push(b);
    const again = await b.context.newPage();
    await again.goto(url);
    await waitForBadges(again);
    await again.locator(`planmeter-overlay [data-pm-measure="${housing.id}"][data-pm-completion="50"]`).waitFor({ state: 'attached', timeout: 60_000 });
    await expandPanel(again);
    expect(badgeKey(await readBadges(again))).toEqual(badges);
    expect(await overlay(again).locator('[data-pm-score]').first().getAttribute('data-pm-score')).toBe(planScore);

    // Export → import into a fresh profile: the corrections come in with the file; the page is
    // read as the plan on its first visit, and the entries (refused while the plan was unknown)
    // import on the second try.
    const fresh = await launchWithExtension({ port: server.port });
    browsers.push(fresh);
    const dashF = await fresh.context.newPage();
    await dashF.goto(`chrome-extension://${fresh.extensionId}/dashboard.html`);
    const first = await sendFromExtensionPage<{ accepted: number; rejected: number }>(dashF, 'snapshot.import', { json: exported.json });
    expect(first.rejected).toBeGreaterThan(0);
    const visit = await fresh.context.newPage();
    await visit.goto(url);
    await waitForBadges(visit);
    await correctionsDone(visit, 5);
    const second = await sendFromExtensionPage<{ accepted: number; rejected: number }>(dashF, 'snapshot.import', { json: exported.json });
    expect(second.rejected).toBe(0);
    await visit.locator(`planmeter-overlay [data-pm-measure="${housing.id}"][data-pm-completion="50"]`).waitFor({ state: 'attached', timeout: 60_000 });
    await expandPanel(visit);
    expect(badgeKey(await readBadges(visit))).toEqual(badges);
    expect(await overlay(visit).locator('[data-pm-score]').first().getAttribute('data-pm-score')).toBe(planScore);
    // The entry on the removed measure came along too, listed for reassignment.
    await dashF.goto(`chrome-extension://${fresh.extensionId}/dashboard.html?plan=${planId}`);
    await dashF.locator(`[data-pm-orphans="${planId}"] [data-pm-orphan="${strayId}"]`).waitFor({ timeout: 30_000 });
    expect(b.outside).toEqual([]);
    expect(fresh.outside).toEqual([]);
  });

  it('every command works from the keyboard: read as a plan, split at a selection, edit, undo', async () => {
    const b = await launchWithExtension({ port: server.port });
    browsers.push(b);
    const url = server.url(page0);
    const page = await b.context.newPage();
    await page.goto(url);
    const tabId = await tabIdFor(b.worker, url);
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
    await popup.locator('[data-pm-cmd="read-as-plan"]').focus();
    await popup.keyboard.press('Enter');
    await popup.locator('[data-pm-plan-title]').focus();
    await popup.keyboard.press('Control+A');
    await popup.keyboard.type(TITLE);
    await popup.locator('[data-pm-cmd="confirm-read"]').focus();
    await popup.keyboard.press('Enter');
    await page.bringToFront();
    await waitForBadges(page);
    await correctionsDone(page, 1);
    const first = (await measuresOf(b, url))[0]!;

    // Open the card from its badge with the keyboard; select the words to split at; run the command.
    await overlay(page).locator(`[data-pm-measure="${first.id}"]`).focus();
    await page.keyboard.press('Enter');
    const tools = overlay(page).locator(`[data-pm-correct="${first.id}"]`);
    await tools.locator('summary').focus();
    await page.keyboard.press('Enter');
    await page.evaluate((words: string) => {
      const p = Array.from(document.querySelectorAll('p')).find((x) => x.textContent!.includes(words))!;
      const node = p.firstChild!;
      const at = node.textContent!.indexOf(words);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    }, '部署年内');
    await tools.locator('[data-pm-selection]').filter({ hasText: '部署年内' }).waitFor({ state: 'attached' });
    await tools.locator('[data-pm-cmd="split-measure"]').focus();
    await page.keyboard.press('Enter');
    await correctionsDone(page, 2);
    let measures = await measuresOf(b, url);
    expect(measures).toHaveLength(LINES.length + 1);
    expect(measures[1]!.text).toMatch(/^部署年内/u);

    // Words outside the measure: nothing changes, and the card says why in the user's language.
    await page.evaluate((words: string) => {
      const p = Array.from(document.querySelectorAll('p')).find((x) => x.textContent!.includes(words))!;
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, words.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    }, '区委召开会议');
    await tools.locator('[data-pm-selection]').filter({ hasText: '区委召开会议' }).waitFor({ state: 'attached' });
    await tools.locator('[data-pm-cmd="split-measure"]').focus();
    await page.keyboard.press('Enter');
    await tools.locator('[data-pm-correct-message]').filter({ hasText: '不在该措施正文中' }).waitFor({ state: 'attached' });
    expect(await measuresOf(b, url)).toHaveLength(LINES.length + 1);

    // Edit the first part's number and short title from the keyboard.
    await tools.locator('[data-pm-m-number]').focus();
    await page.keyboard.type('1');
    await tools.locator('[data-pm-m-title]').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('城市更新工作会议');
    await tools.locator('[data-pm-cmd="edit-measure"]').focus();
    await page.keyboard.press('Enter');
    await correctionsDone(page, 3);
    measures = await measuresOf(b, url);
    expect(measures[0]).toMatchObject({ id: first.id, title: '城市更新工作会议' });

    // Undo from the keyboard takes back the edit only; a page script's click on undo does nothing.
    await page.evaluate(() => (document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector('[data-pm-cmd="undo-correction"]') as HTMLButtonElement).click());
    await page.waitForTimeout(500);
    await correctionsDone(page, 3);
    await overlay(page).locator('[data-pm-cmd="undo-correction"]').focus();
    await page.keyboard.press('Enter');
    await correctionsDone(page, 2);
    measures = await measuresOf(b, url);
    expect(measures[0]!.title).not.toBe('城市更新工作会议');
    expect(measures).toHaveLength(LINES.length + 1);
    expect(b.outside).toEqual([]);
  });
});
