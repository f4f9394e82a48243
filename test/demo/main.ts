// `npm start`: after the Chrome and Firefox packages are built, shows
// PlanMeter working on a local copy of a seed plan page.
// - With a display: Chromium opens with the extension on the page; close the
//   browser to end.
// - Without one: runs headless and saves screenshots of the overlay, the popup
//   and the dashboard to out/screenshots/, printing where they are.
// Pages come from a local server on 127.0.0.1 under government host names
// (--host-resolver-rules); any other request is blocked and reported.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { allPages } from '../e2e/pages.ts';
import { launchWithExtension, sendFromExtensionPage, startServer, tabIdFor, waitForBadges, waitForPlacedBadges, type Launched } from '../e2e/harness.ts';
import { allSeedPlans, expectedOverlay } from '../e2e/expected.ts';
import type { Plan } from '../../engine/types.ts';

const OUT = resolve(import.meta.dirname, '../../out/screenshots');

function day(offset: number): string {
  const d = new Date(Date.now() - offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A few weeks of plausible progress on the first measures of a plan (deterministic). */
async function addDemoEntries(ext: Page, plan: Plan): Promise<number> {
  let n = 0;
  const shares = [1.05, 0.8, 0.35, 0.6, 0.15, 0.95, 0.5, 0.25];
  for (const [i, m] of plan.measures.slice(0, 30).entries()) {
    if (i % 4 === 3) continue; // some measures stay without entries
    const t = m.targets.find((x) => x.value !== undefined);
    const share = shares[i % shares.length]!;
    const base = { id: `demo-${plan.id}-${m.id}`, planId: plan.id, measureId: m.id, date: day(30 - i), updatedAt: new Date(Date.now() - (30 - i) * 86_400_000).toISOString(), note: '示例数据' };
    const entry = t
      ? { ...base, kind: 'value', targetId: t.id, value: Math.round((t.direction === 'decrease' ? (t.baseline ?? t.value! * 2) - ((t.baseline ?? t.value! * 2) - t.value!) * share : t.value! * share) * 10) / 10, unit: t.unit }
      : { ...base, kind: 'status', milestone: (['推进中', '基本完成', '已完成', '推进中', '未启动'] as const)[i % 5] };
    await sendFromExtensionPage(ext, 'entry.put', { entry });
    n++;
  }
  return n;
}

async function main() {
  const pages = allPages();
  const server = await startServer(pages);
  const planPage = pages[0]!;
  const headed = !!process.env.DISPLAY && process.env.PLANMETER_HEADLESS !== '1';
  const browser: Launched = await launchWithExtension({ port: server.port, headless: !headed, viewport: { width: 1366, height: 900 } });
  const url = server.url(planPage);
  console.log(`PlanMeter demo: local server on 127.0.0.1:${server.port}; ${planPage.host} resolves to it.`);

  // Some example progress, entered through the extension's own messages.
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/dashboard.html`);
  await ext.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
  const [expected] = await expectedOverlay(planPage);
  const plan = (await allSeedPlans()).find((p) => p.id === expected!.planId)!;
  const added = await addDemoEntries(ext, plan);
  console.log(`Added ${added} example progress entries to “${plan.title}”.`);

  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForBadges(page);
  await waitForPlacedBadges(page, expected!.measureIds.length);
  console.log(`Overlay: ${expected!.measureIds.length} badges on ${url}`);

  if (headed) {
    await ext.goto(`chrome-extension://${browser.extensionId}/dashboard.html?plan=${plan.id}`);
    await page.bringToFront();
    console.log('Chromium is open with PlanMeter loaded. Click a badge, or the toolbar icon for the popup. Close the browser to finish.');
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    await server.close();
    return;
  }

  mkdirSync(OUT, { recursive: true });
  const shots: string[] = [];
  const shot = async (p: Page, name: string, fullPage = false) => {
    const path = resolve(OUT, name);
    await p.screenshot({ path, fullPage });
    shots.push(path);
  };

  // 1. The overlay: badges beside the measures and the summary panel.
  await page.evaluate(() => {
    const first = document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector<HTMLElement>('.pm-layer [data-pm-measure]')!;
    window.scrollTo(0, Math.max(0, first.getBoundingClientRect().top + window.scrollY - 200));
  });
  await page.waitForTimeout(300);
  await shot(page, 'overlay.png');
  // 2. A badge's card, with the target quote highlighted in the page.
  const withTarget = plan.measures.find((m, i) => i < 30 && i % 4 !== 3 && m.targets.length > 0) ?? plan.measures[0]!;
  await page.locator(`planmeter-overlay [data-pm-measure="${withTarget.id}"]`).click();
  await page.locator(`planmeter-overlay [data-pm-card="${withTarget.id}"]`).waitFor();
  await page.waitForTimeout(800);
  await shot(page, 'overlay-card.png');

  // 3. The popup, aimed at the plan page's tab.
  const tabId = await tabIdFor(browser.worker, url);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('[data-pm-page-plan]').waitFor();
  await popup.waitForTimeout(300);
  await shot(popup, 'popup.png', true);

  // 4. The dashboard for the plan.
  const dash = await browser.context.newPage();
  await dash.setViewportSize({ width: 1400, height: 1000 });
  await dash.goto(`chrome-extension://${browser.extensionId}/dashboard.html?plan=${plan.id}`);
  await dash.locator('[data-pm-table]').waitFor();
  await dash.waitForTimeout(800);
  await shot(dash, 'dashboard.png');
  await shot(dash, 'dashboard-full.png', true);

  // 5. The traditional-script page (simplified for matching, shown as written).
  const trad = pages.find((p) => p.seed.startsWith('001'));
  if (trad) {
    const tp = await browser.context.newPage();
    await tp.goto(server.url(trad));
    await waitForBadges(tp);
    const [tradExpected] = await expectedOverlay(trad);
    await waitForPlacedBadges(tp, tradExpected?.measureIds.length ?? 1);
    await tp.evaluate(() => {
      const first = document.querySelector('planmeter-overlay')!.shadowRoot!.querySelector<HTMLElement>('.pm-layer [data-pm-measure]')!;
      window.scrollTo(0, Math.max(0, first.getBoundingClientRect().top + window.scrollY - 200));
    });
    await tp.waitForTimeout(300);
    await shot(tp, 'overlay-traditional.png');
  }

  const outside = [...browser.outside];
  await browser.close();
  await server.close();
  console.log('\nScreenshots:');
  for (const s of shots) console.log(`  ${s}`);
  console.log(outside.length ? `\nBlocked ${outside.length} request(s) to other hosts:\n  ${outside.join('\n  ')}` : '\nNo request left the machine (every non-local request would have been blocked and listed here).');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
