// Reminders in the browser: the toolbar badge shows the engine's count of the
// tracked plans' measures and targets due within 14 days or overdue (today),
// the dashboard's 到期/逾期 view lists the same items, and a deadline set in
// the card moves both.
import { describe, expect, it } from 'vitest';
import { allPages } from './pages.ts';
import { localDay, sendFromExtensionPage, waitForBadges } from './harness.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { allSeedPlans, expectedOverlay } from './expected.ts';
import { dueItems } from '../../engine/remind/index.ts';

const pages = allPages();
const planPage = pages.find((p) => p.seed.startsWith('000'))!;
const env = useExtensionBrowser(pages);

async function badgeText(): Promise<string> {
  return env.browser.worker.evaluate(() => chrome.action.getBadgeText({}));
}

describe('reminders', () => {
  it('the toolbar badge and the 到期/逾期 view show the engine’s count; a deadline set in the card moves both', async () => {
    const [expected] = await expectedOverlay(planPage);
    const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard.html`);
    await dash.locator('[data-pm-due]').waitFor();
    // Bundled seeds are examples: nothing is due until the user tracks a plan.
    await dash.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
    expect(await badgeText()).toBe('');
    await sendFromExtensionPage(dash, 'plan.track', { url: env.server.url(planPage), plan });
    const plans = [plan];
    const want = dueItems(plans, [], { asOf: localDay(), withinDays: 14 });
    expect(want.length).toBeGreaterThan(0);
    await dash.reload();
    await dash.waitForFunction((n) => document.querySelectorAll('[data-pm-due-item]').length === n, want.length, { timeout: 20_000 });
    await expect.poll(badgeText, { timeout: 20_000 }).toBe(String(want.length));

    // Set a listed measure's deadline far ahead in its card: it leaves the list.
    const measure = plan.measures.find((m) => want.some((i) => i.measureId === m.id && !i.targetId))!;
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(planPage));
    await waitForBadges(page);
    await page.locator(`planmeter-overlay [data-pm-measure="${measure.id}"]`).click();
    const form = page.locator(`planmeter-overlay [data-pm-deadline-form="${measure.id}"]`);
    await form.waitFor();
    const far = `${new Date().getFullYear() + 1}-12-31`;
    // A page script setting the date and clicking changes nothing.
    await page.evaluate(([id, date]) => {
      const root = document.querySelector('planmeter-overlay')!.shadowRoot!;
      const f = root.querySelector(`[data-pm-deadline-form="${id}"]`)!;
      const input = f.querySelector<HTMLInputElement>('[data-pm-deadline]')!;
      input.value = date;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      f.querySelector<HTMLButtonElement>('[data-pm-deadline-save]')!.click();
    }, [measure.id, far] as const);
    await page.waitForTimeout(1000);
    expect(await badgeText()).toBe(String(want.length));
    await form.locator('[data-pm-deadline]').fill(far);
    await form.locator('[data-pm-deadline-save]').click();
    await form.locator('.pm-ok').waitFor();
    const after = dueItems(plans, [], { asOf: localDay(), withinDays: 14, deadlines: { [plan.id]: { [measure.id]: far } } });
    expect(after.length).toBe(want.length - 1);
    await expect.poll(badgeText, { timeout: 20_000 }).toBe(String(after.length));
    await dash.reload();
    await dash.waitForFunction((n) => document.querySelectorAll('[data-pm-due-item]').length === n, after.length, { timeout: 20_000 });
    await Promise.all([dash.close(), page.close()]);
  });
});
