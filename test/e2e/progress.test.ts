// Progress entered in the popup shows on the page's badge and, after a reload,
// in the dashboard, with the score the engine computes for that entry; an
// entry made in the overlay's card shows on its badge too.
import { describe, expect, it } from 'vitest';
import { allPages } from './pages.ts';
import { localDay, readBadges, tabIdFor, waitForBadges } from './harness.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { chooseOption } from './user-input.ts';
import { allSeedPlans, expectedOverlay } from './expected.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';

const pages = allPages();
const planPage = pages.find((p) => p.seed.startsWith('000'))!;
const env = useExtensionBrowser(pages);

type SeedMeasure = Awaited<ReturnType<typeof allSeedPlans>>[number]['measures'][number];

/** Opens the plan page in a new tab and the card of the first measure `pick` chooses; counts its entries. */
async function openCardOf(pick: (measures: readonly SeedMeasure[]) => SeedMeasure | undefined) {
  const page = await env.browser.context.newPage();
  await page.goto(env.server.url(planPage));
  await waitForBadges(page);
  const [expected] = await expectedOverlay(planPage);
  const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
  const measure = pick(plan.measures)!;
  await page.locator(`planmeter-overlay [data-pm-measure="${measure.id}"]`).click();
  const card = page.locator(`planmeter-overlay [data-pm-card="${measure.id}"]`);
  await card.waitFor();
  const entriesBefore = await card.locator('[data-pm-entry]').count();
  return { page, measure, card, entriesBefore };
}

/** The first measure whose first target has a number. */
const firstWithNumber = (measures: readonly SeedMeasure[]) => measures.find((m) => m.targets.length > 0 && m.targets[0]!.value !== undefined);

describe('progress entry', () => {
  it('a number entered in the popup shows on the page badge and in the dashboard after reload', async () => {
    const [expected] = await expectedOverlay(planPage);
    const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
    const measure = plan.measures.find((m) => m.targets.some((t) => t.value !== undefined && t.value > 1 && t.direction === 'increase'))!;
    const target = measure.targets.find((t) => t.value !== undefined && t.value > 1 && t.direction === 'increase')!;
    const value = Math.round((target.value! * 0.5 + (target.baseline ?? 0) * 0.5) * 10) / 10;

    const page = await env.browser.context.newPage();
    const url = env.server.url(planPage);
    await page.goto(url);
    await waitForBadges(page);
    const before = (await readBadges(page)).find((b) => b.measure === measure.id)!;
    expect(before.completion).toBe('');

    const tabId = await tabIdFor(env.browser.worker, url);
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/popup.html?tab=${tabId}&measure=${measure.id}`);
    const form = popup.locator(`[data-pm-form="${measure.id}"]`);
    await form.waitFor();
    await chooseOption(form.locator('[data-pm-target-select]'), target.id);
    await form.locator('[data-pm-value]').fill(String(value));
    await form.locator('[data-pm-save]').click();
    await form.locator('.pm-ok').waitFor();

    // The engine's own score for that one entry, as of today.
    const entry: ProgressEntry = { id: 'x', planId: plan.id, measureId: measure.id, kind: 'value', targetId: target.id, value, unit: target.unit, date: localDay(), updatedAt: new Date().toISOString() };
    const want = scorePlan(plan, [entry], { asOf: localDay() }).measures[measure.id]!;
    expect(want.completion).not.toBeNull();
    const wantText = String(Math.round(want.completion!));

    await page.bringToFront();
    await page.waitForFunction(
      ([id, text]) => document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector<HTMLElement>(`[data-pm-measure="${id}"]`)?.dataset.pmCompletion === text,
      [measure.id, wantText] as const,
      { timeout: 20_000 },
    );
    const after = (await readBadges(page)).find((b) => b.measure === measure.id)!;
    expect(after.status).toBe(want.status);

    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard.html?plan=${plan.id}`);
    await dash.reload();
    const row = dash.locator(`tr[data-pm-row="${measure.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-pm-completion')).toBe(wantText);
    expect(await row.getAttribute('data-pm-status')).toBe(want.status);
    // The page also survives a reload with the number (stored in the extension, not the page).
    await page.reload();
    await waitForBadges(page);
    await page.waitForFunction(
      ([id, text]) => document.querySelector('planmeter-overlay')?.shadowRoot?.querySelector<HTMLElement>(`[data-pm-measure="${id}"]`)?.dataset.pmCompletion === text,
      [measure.id, wantText] as const,
      { timeout: 20_000 },
    );
    await Promise.all([popup.close(), dash.close(), page.close()]);
  });

  it('a milestone entered in the badge card updates that badge', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(planPage));
    await waitForBadges(page);
    const [expected] = await expectedOverlay(planPage);
    const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
    const measure = plan.measures.find((m) => m.targets.length === 0)!;
    const badge = page.locator(`planmeter-overlay [data-pm-measure="${measure.id}"]`);
    await badge.click();
    const card = page.locator(`planmeter-overlay [data-pm-card="${measure.id}"]`);
    await card.waitFor();
    // The card shows the measure's own text, units and the entry form.
    expect(await card.textContent()).toContain(measure.title);
    await chooseOption(card.locator('[data-pm-milestone]'), '基本完成');
    await card.locator('[data-pm-save]').click();
    await page.waitForFunction((id) => document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector<HTMLElement>(`[data-pm-measure="${id}"]`)?.dataset.pmCompletion === '90', measure.id, { timeout: 20_000 });
    expect(await card.locator('[data-pm-entry]').count()).toBe(1);
    await page.close();
  });

  it('sends nothing outside the machine', () => {
    expect(env.browser.outside).toEqual([]);
  });
});

describe('the overlay against page scripts and settings', () => {
  it('ignores a form submitted by the page’s own script (only real user actions write)', async () => {
    const { page, measure, card, entriesBefore } = await openCardOf((measures) => [...measures].reverse().find((m) => m.targets.length > 0));
    // The page's own script (main world) reaches into the open shadow root and submits.
    await page.evaluate((id) => {
      const root = document.querySelector('planmeter-overlay')!.shadowRoot!;
      const form = root.querySelector<HTMLFormElement>(`[data-pm-form="${id}"]`)!;
      const input = form.querySelector<HTMLInputElement>('[data-pm-value]')!;
      input.value = '999999';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, measure.id);
    await page.evaluate((id) => {
      const root = document.querySelector('planmeter-overlay')!.shadowRoot!;
      const form = root.querySelector<HTMLFormElement>(`[data-pm-form="${id}"]`)!;
      form.requestSubmit();
      root.querySelector<HTMLElement>('[data-pm-save]')!.click();
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    }, measure.id);
    // No fixed sleep: a real user's save goes through the same form and the
    // same message channel after the forged attempts, so once its entry is
    // shown, any write those attempts made would be shown too.
    await card.locator('[data-pm-value]').fill('1');
    await card.locator('[data-pm-save]').click();
    await card.locator('[data-pm-entry]').nth(entriesBefore).waitFor();
    const texts = await card.locator('[data-pm-entry]').allTextContents();
    expect(texts).toHaveLength(entriesBefore + 1);
    expect(texts.join('\n')).not.toContain('999999');
    await page.close();
  });

  it('a page script that swaps value, date and note between the user\'s typing and click writes nothing it chose', async () => {
    const { page, measure, card, entriesBefore } = await openCardOf(firstWithNumber);
    await card.locator('[data-pm-value]').fill('150');
    await card.locator('[data-pm-note]').fill('checked');
    // The preview shows exactly what Save will write.
    await expect.poll(() => card.locator('[data-pm-preview]').textContent()).toContain('150');
    expect(await card.locator('[data-pm-preview]').textContent()).toContain(localDay());
    // The page's own script swaps the fields: with events, and without any.
    await page.evaluate((id) => {
      const root = document.querySelector('planmeter-overlay')!.shadowRoot!;
      const form = root.querySelector<HTMLFormElement>(`[data-pm-form="${id}"]`)!;
      const set = (sel: string, v: string, events: boolean) => {
        const el = form.querySelector<HTMLInputElement>(sel)!;
        el.value = v;
        if (events) for (const type of ['input', 'change']) el.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
      };
      set('[data-pm-value]', '99999', true);
      set('[data-pm-date]', '2999-12-31', true);
      set('[data-pm-note]', '=HYPERLINK("http://evil.example","x")', false);
    }, measure.id);
    // The preview still shows what the user typed, not what the page set.
    expect(await card.locator('[data-pm-preview]').textContent()).toContain('150');
    expect(await card.locator('[data-pm-preview]').textContent()).not.toContain('99999');
    // The user's real click: refused, and the fields are put back.
    await card.locator('[data-pm-save]').click();
    await card.locator('.pm-error').waitFor();
    expect(await card.locator('[data-pm-value]').inputValue()).toBe('150');
    expect(await card.locator('[data-pm-date]').inputValue()).toBe(localDay());
    expect(await card.locator('[data-pm-note]').inputValue()).toBe('checked');
    // Saving again writes exactly what the user typed.
    await card.locator('[data-pm-save]').click();
    await card.locator('[data-pm-entry]').nth(entriesBefore).waitFor();
    const texts = await card.locator('[data-pm-entry]').allTextContents();
    expect(texts).toHaveLength(entriesBefore + 1);
    expect(texts.join('\n')).toContain('150');
    expect(texts.join('\n')).toContain('checked');
    expect(texts.join('\n')).not.toMatch(/99999|2999|HYPERLINK/u);
    await page.close();
  });

  it('refuses a date after tomorrow that the user typed, saying why in the card, and writes nothing', async () => {
    const { page, measure, card, entriesBefore } = await openCardOf(firstWithNumber);
    await card.locator('[data-pm-value]').fill('150');
    // The field's max (tomorrow) is only the browser's hint, and a page can take it
    // away; the card's own check must hold without it.
    const date = card.locator('[data-pm-date]');
    expect(await date.getAttribute('max')).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    await date.evaluate((el) => el.removeAttribute('max'));
    // The user's own keys: ArrowUp on the date field's year (found whatever the
    // locale's order of year, month and day) makes it next year.
    const nextYear = `${Number(localDay().slice(0, 4)) + 1}${localDay().slice(4)}`;
    await date.focus();
    for (let part = 0; part < 3 && (await date.inputValue()) !== nextYear; part++) {
      await page.keyboard.press('ArrowUp');
      if ((await date.inputValue()) === nextYear) break;
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
    }
    expect(await date.inputValue()).toBe(nextYear);
    await expect.poll(() => card.locator('[data-pm-preview]').textContent()).toContain(nextYear);
    await card.locator('[data-pm-save]').click();
    await expect.poll(() => card.locator('.pm-error').textContent()).toBe(`${nextYear} 是未来的日期：只能填报已到日期的进度。`);
    // The card says why before any write starts (the check returns ahead of the save), so the list is final here.
    expect(await card.locator('[data-pm-entry]').count()).toBe(entriesBefore);
    await page.close();
  });

  it('switches the overlay, popup and dashboard to English from the dashboard setting', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(planPage));
    await waitForBadges(page);
    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard.html`);
    await dash.locator('[data-pm-settings]').waitFor();
    await dash.locator('header select').selectOption('en');
    await dash.getByText('PlanMeter · Dashboard').waitFor();
    await page.waitForFunction(() => {
      const b = document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector('[data-pm-measure]');
      return /Not started|On track|At risk|Off track|Done|Overdue/u.test(b?.textContent ?? '');
    }, undefined, { timeout: 20_000 });
    await dash.locator('header select').selectOption('zh-CN');
    await dash.getByText('方案进度计 · 仪表盘').waitFor();
    await page.waitForFunction(() => /未开始|进展正常|有风险|滞后|已完成|已逾期/u.test(document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector('[data-pm-measure]')?.textContent ?? ''), undefined, { timeout: 20_000 });
    await Promise.all([page.close(), dash.close()]);
  });
});
