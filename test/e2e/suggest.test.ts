// A results page under a government host: the popup lists its figures as
// suggestions for the tracked seed plan, a page script cannot accept one, a
// user's click records it, the plan's badge moves to the engine's score for
// that entry, and the entry shows its source in the card.
import { describe, expect, it } from 'vitest';
import { allPages, escapeHtml, type TestPage } from './pages.ts';
import { readBadges, sendFromExtensionPage, tabIdFor, waitForBadges } from './harness.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { allSeedPlans, expectedOverlay } from './expected.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';

const RESULTS_TITLE = '光明区2025年优化营商环境工作成效';
const RESULTS_LINES = [
  RESULTS_TITLE,
  '2025年，光明区坚持把优化营商环境作为“一号改革工程”，各项改革任务有序推进。',
  '2025年，光明区已发放知识产权服务包200个，知识产权保护工作站覆盖重点园区。',
  '全区新增商事主体1.2万户，政务服务事项网上可办率达到99%。',
];

function resultsPage(): TestPage {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(RESULTS_TITLE)}</title></head>
<body><div class="top">深圳市光明区人民政府</div><div class="main">${RESULTS_LINES.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}</div></body></html>`;
  return { path: '/xwzx/gzcx/2025.html', host: 'www.szgm.gov.cn', html, seed: '', layout: 'news' };
}

const pages = [...allPages(), resultsPage()];
const planPage = pages.find((p) => p.seed.startsWith('000'))!;
const results = pages.at(-1)!;
const env = useExtensionBrowser(pages);

describe('suggestions from a results page', () => {
  it('lists the suggestion in the popup and on the page, refuses a page script, records a user click with its source', async () => {
    const [expected] = await expectedOverlay(planPage);
    const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
    const measure = plan.measures.find((m) => m.targets.some((t) => t.label === '知识产权服务包'))!;
    const target = measure.targets.find((t) => t.label === '知识产权服务包')!;

    // The bundled seeds are examples: the user tracks the plan first (suggestions are for tracked plans).
    const ext = await env.browser.context.newPage();
    await ext.goto(`chrome-extension://${env.browser.extensionId}/dashboard.html`);
    await ext.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
    await sendFromExtensionPage(ext, 'plan.track', { url: env.server.url(planPage), plan });
    await ext.close();

    const page = await env.browser.context.newPage();
    const url = env.server.url(results);
    await page.goto(url);
    const mark = page.locator(`planmeter-overlay [data-pm-suggestion="${target.id}"]`);
    await mark.waitFor({ timeout: 60_000 });
    expect(await mark.textContent()).toContain(`可作为《${plan.title}》第${measure.number}项的进展: 200个 → 完成度 100%`);

    // The page's own script reaches into the open shadow root and tries to accept.
    await page.evaluate(() => {
      const root = document.querySelector('planmeter-overlay')!.shadowRoot!;
      const button = root.querySelector<HTMLButtonElement>('[data-pm-accept]')!;
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await page.waitForTimeout(1500);
    const untouched = await sendFromExtensionPage<{ score: { measures: Record<string, { completion: number | null }> } }>(await extensionPage(), 'score.get', { planId: plan.id });
    expect(untouched.score.measures[measure.id]!.completion ?? 0).toBe(0);

    // The popup lists it; a user's click records it.
    const tabId = await tabIdFor(env.browser.worker, url);
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tabId}`);
    const item = popup.locator(`[data-pm-popup-suggestion="${target.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('200个 → 完成度 100%');
    await item.locator('[data-pm-popup-accept]').click();
    await item.waitFor({ state: 'detached', timeout: 20_000 }); // recorded: no longer proposed
    await page.locator(`planmeter-overlay [data-pm-suggestion="${target.id}"]`).waitFor({ state: 'detached', timeout: 20_000 });

    // The plan's badge shows the engine's score for exactly that entry.
    const entry: ProgressEntry = { id: 'x', planId: plan.id, measureId: measure.id, kind: 'value', targetId: target.id, value: 200, unit: '个', date: '2025-12-31', updatedAt: new Date().toISOString() };
    const today = new Date();
    const asOf = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const want = scorePlan(plan, [entry], { asOf }).measures[measure.id]!;
    const planTab = await env.browser.context.newPage();
    await planTab.goto(env.server.url(planPage));
    await waitForBadges(planTab);
    await planTab.waitForFunction(
      ([id, text]) => document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector<HTMLElement>(`[data-pm-measure="${id}"]`)?.dataset.pmCompletion === text,
      [measure.id, String(Math.round(want.completion!))] as const,
      { timeout: 20_000 },
    );
    expect((await readBadges(planTab)).find((b) => b.measure === measure.id)!.status).toBe(want.status);

    // The card shows the entry with its source: the results page and the sentence quoted.
    await planTab.locator(`planmeter-overlay [data-pm-measure="${measure.id}"]`).click();
    const source = planTab.locator(`planmeter-overlay [data-pm-card="${measure.id}"] [data-pm-entry-source]`);
    await source.waitFor();
    const text = await source.textContent();
    expect(text).toContain(RESULTS_TITLE);
    expect(text).toContain('已发放知识产权服务包200个');
    expect(await source.locator('[data-pm-source-link]').getAttribute('href')).toBe(url);
    await Promise.all([page.close(), popup.close(), planTab.close()]);
  });

  it('adds nothing to a page that reports no figure for a tracked plan', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(pages.find((p) => p.layout === 'news' && p !== results)!));
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => document.querySelector('planmeter-overlay'))).toBeNull();
    await page.close();
  });

  it('sends nothing outside the machine', () => {
    expect(env.browser.outside).toEqual([]);
  });
});

let extPage: import('playwright-core').Page | null = null;
async function extensionPage() {
  if (!extPage || extPage.isClosed()) {
    extPage = await env.browser.context.newPage();
    await extPage.goto(`chrome-extension://${env.browser.extensionId}/popup.html`);
  }
  return extPage;
}
