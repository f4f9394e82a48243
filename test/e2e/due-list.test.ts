// The 到期/逾期 view with more due items than it shows at first: the most
// urgent DUE_LIST_FIRST_ROWS rows, a note of how many there are, and a button
// that shows them all (a user with thousands of due items had the plan pushed
// far down the dashboard).
import { describe, expect, it } from 'vitest';
import { allPages } from './pages.ts';
import { localDay, sendFromExtensionPage } from './harness.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { allSeedPlans } from './expected.ts';
import { dueItems } from '../../engine/remind/index.ts';
import { DUE_LIST_FIRST_ROWS } from '../../components/DueView.tsx';

const pages = allPages();
const planPage = pages.find((p) => p.seed.startsWith('000'))!;
const env = useExtensionBrowser(pages);

const dueRows = () => document.querySelectorAll('[data-pm-due-item]').length;

describe('the due list', () => {
  it('shows the most urgent rows first and all of them on request', async () => {
    const plans = await allSeedPlans();
    const want = dueItems(plans, [], { asOf: localDay(), withinDays: 14 });
    // Every seed plan tracked: more due items than the first view shows.
    expect(want.length).toBeGreaterThan(DUE_LIST_FIRST_ROWS);
    const dash = await env.browser.context.newPage();
    await dash.goto(`chrome-extension://${env.browser.extensionId}/dashboard.html`);
    await dash.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
    for (const [i, plan] of plans.entries()) await sendFromExtensionPage(dash, 'plan.track', { url: `${env.server.url(planPage)}?plan=${i}`, plan });
    await dash.reload();
    await dash.waitForFunction((n) => document.querySelectorAll('[data-pm-due-item]').length === n, DUE_LIST_FIRST_ROWS, { timeout: 30_000 });
    const rowsNow = () => dash.$$eval('[data-pm-due-item]', (rows) => rows.map((r) => `${r.getAttribute('data-pm-due-state')}|${r.getAttribute('data-pm-due-item')}`));
    const first = await rowsNow();
    const more = dash.locator('[data-pm-due-all]');
    expect(await more.textContent()).toContain(String(want.length));
    await more.click();
    await dash.waitForFunction((n) => document.querySelectorAll('[data-pm-due-item]').length === n, want.length, { timeout: 30_000 });
    expect(await dash.evaluate(dueRows)).toBe(want.length);
    expect(await more.count()).toBe(0);
    // The first rows were the head of the whole list (overdue first), and the whole list is the engine's.
    const all = await rowsNow();
    expect(all.slice(0, DUE_LIST_FIRST_ROWS)).toEqual(first);
    const states = all.map((r) => r.split('|')[0]);
    expect(states.indexOf('due') === -1 || states.lastIndexOf('overdue') < states.indexOf('due')).toBe(true);
    expect(all.map((r) => r.split('|')[1]).sort()).toEqual(want.map((i) => i.measureId).sort());
    await dash.close();
  });
});
