// Business-environment indicators in the extension: the overlay card and the
// dashboard say why a measure carries a tag (the phrase), the dashboard lists
// all 18 indicators with the gaps marked and gives the composite two ways with
// the coverage — the figures the engine computes for the same plan.
import { describe, expect, it } from 'vitest';
import { allPages } from './pages.ts';
import { waitForBadges } from './harness.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { allSeedPlans, expectedOverlay } from './expected.ts';
import { businessEnvironmentReport, explainMeasure } from '../../engine/indicators/index.ts';
import { scorePlan } from '../../engine/score/index.ts';

const pages = allPages();
const planPage = pages.find((p) => p.seed.startsWith('000'))!;
const env = useExtensionBrowser(pages);

describe('indicator tags and the indicator panel', () => {
  it('the card shows each tag with the phrase that decided it', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(planPage));
    await waitForBadges(page);
    const [expected] = await expectedOverlay(planPage);
    const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
    const measure = plan.measures.find((m) => m.title === '优化用电营商环境')!;
    const tags = explainMeasure(measure);
    expect(tags.indicators).toEqual(['electricity']);
    await page.locator(`planmeter-overlay [data-pm-measure="${measure.id}"]`).click();
    const card = page.locator(`planmeter-overlay [data-pm-card="${measure.id}"]`);
    await card.waitFor();
    const why = card.locator('[data-pm-tag-why="electricity"]');
    await why.waitFor();
    expect(await why.textContent()).toContain(`“${tags.evidence.electricity![0]!.phrase}”`);
    await page.close();
  });

  it('the dashboard: 18 indicators with gaps, the composite two ways with coverage, tags with why', async () => {
    const [expected] = await expectedOverlay(planPage);
    const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard.html?plan=${plan.id}`);
    const panel = dash.locator('[data-pm-indicators]');
    await panel.waitFor();
    const report = businessEnvironmentReport([plan], [scorePlan(plan, [], { asOf: '2025-06-30' })]);
    expect(await panel.locator('[data-pm-indicator]').count()).toBe(18);
    const gaps = await panel.locator('[data-pm-indicator][data-pm-gap="true"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.pmIndicator));
    expect(gaps.sort()).toEqual([...report.uncovered.indicators].sort());
    const composite = panel.locator('[data-pm-composite]');
    expect(await composite.getAttribute('data-pm-coverage')).toBe(String(report.composite.coverage));
    expect(await composite.getAttribute('data-pm-composite-all')).toBe('0'); // nothing entered yet
    expect(await dash.locator('[data-pm-chart="radar"] canvas').count()).toBe(1);
    const measure = plan.measures.find((m) => m.title === '规范财产保全工作')!;
    const chip = dash.locator(`tr[data-pm-row="${measure.id}"] [data-pm-tag="enforcing_contracts"]`);
    await chip.waitFor();
    expect(await chip.getAttribute('data-pm-tag-why')).toMatch(/财产保全|执破融合|保全/u);
    await dash.close();
  });

  it('the user removes and adds a tag in the card: stored as corrections, kept after reload', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(planPage));
    await waitForBadges(page);
    const [expected] = await expectedOverlay(planPage);
    const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
    const measure = plan.measures.find((m) => m.title === '做好人才住房保障')!;
    expect(explainMeasure(measure).indicators).toEqual(['inclusive_innovation']);
    const card = page.locator(`planmeter-overlay [data-pm-card="${measure.id}"]`);
    await page.locator(`planmeter-overlay [data-pm-measure="${measure.id}"]`).click();
    await card.waitFor();
    await card.locator('[data-pm-tag-remove="inclusive_innovation"]').click();
    await card.locator('[data-pm-tag="inclusive_innovation"]').waitFor({ state: 'detached', timeout: 20_000 });
    await card.locator('[data-pm-tag-choice]').selectOption('labor_market');
    await card.locator('[data-pm-tag-add]').click();
    const why = card.locator('[data-pm-tag-why="labor_market"]');
    await why.waitFor({ timeout: 20_000 });
    expect(await why.textContent()).toContain('用户添加');

    await page.reload();
    await waitForBadges(page);
    await page.locator(`planmeter-overlay [data-pm-measure="${measure.id}"]`).click();
    await card.locator('[data-pm-tag-why="labor_market"]').waitFor({ timeout: 20_000 });
    expect(await card.locator('[data-pm-tag="inclusive_innovation"]').count()).toBe(0);

    await page.close();
  });
});
