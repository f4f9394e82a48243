// The dashboard's measure table filters: by owner and by section, each showing
// exactly the measures the parsed plan says, and "全部" bringing all back.
import { describe, expect, it } from 'vitest';
import { allPages } from './pages.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { chooseOption } from './user-input.ts';
import { allSeedPlans } from './expected.ts';

const pages = allPages();
const env = useExtensionBrowser(pages);

describe('dashboard filters', () => {
  it('an owner or a section shows exactly its measures, and 全部 shows them all again', async () => {
    const plans = await allSeedPlans();
    // A seed example with several sections and owners shared by some measures but not all.
    const plan = plans.find((p) => p.sections.length > 1 && p.measures.some((m) => m.units.length > 0))!;
    const owner = plan.measures.flatMap((m) => m.units).find((u) => {
      const n = plan.measures.filter((m) => m.units.includes(u)).length;
      return n > 0 && n < plan.measures.length;
    })!;
    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard.html?plan=${encodeURIComponent(plan.id)}`);
    const rows = dash.locator('[data-pm-row]');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(plan.measures.length);
    const [sectionFilter, ownerFilter] = [dash.locator('.filters select').nth(0), dash.locator('.filters select').nth(1)];

    await chooseOption(ownerFilter, owner);
    const ownersMeasures = plan.measures.filter((m) => m.units.includes(owner)).map((m) => m.id);
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-pm-row')))).toEqual(ownersMeasures);

    await chooseOption(ownerFilter, '');
    await expect.poll(() => rows.count()).toBe(plan.measures.length);

    const title = (await sectionFilter.locator('option').nth(1).getAttribute('value'))!;
    await chooseOption(sectionFilter, title);
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]!.textContent));
    expect(shown.length).toBeLessThan(plan.measures.length);
    expect(new Set(shown)).toEqual(new Set([title]));
    await dash.close();
  }, 120_000);
});
