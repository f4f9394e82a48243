// The overlay on government-like pages in real Chromium: one badge per
// measure with the stored plan's ids, anchored beside the measure's text;
// nothing at all on a page that is not a plan; no request leaves for any host
// but the local env.server.
import { describe, expect, it } from 'vitest';
import { allPages, layoutTablePage, longPlanPage, type TestPage } from './pages.ts';
import { launchWithExtension, readBadges, startServer, tabIdFor, waitForBadges, waitForPlacedBadges } from './harness.ts';
import { useExtensionBrowser } from './use-browser.ts';
import { expectedOverlay } from './expected.ts';

const pages = [...allPages(), layoutTablePage()];
const env = useExtensionBrowser(pages);

// Every seed layout, and a seed set in gov.cn-style layout tables beside a metadata table.
const planPages = pages.filter((p) => p.layout !== 'news');

describe.each(planPages.map((p) => [`${p.layout} page from ${p.seed}`, p] as [string, TestPage]))('%s', (_name, testPage) => {
  it('puts exactly one badge on every measure, with the stored plan ids, beside its text', async () => {
    const expected = await expectedOverlay(testPage);
    expect(expected.length).toBeGreaterThan(0);
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(testPage));
    const wanted = expected.flatMap((e) => e.measureIds);
    await waitForBadges(page);
    await waitForPlacedBadges(page, wanted.length);
    const badges = await readBadges(page);
    expect(badges.length).toBe(wanted.length);
    expect(new Set(badges.map((b) => b.measure)).size).toBe(badges.length);
    expect(badges.map((b) => b.measure).sort()).toEqual([...wanted].sort());
    expect(new Set(badges.map((b) => b.plan))).toEqual(new Set(expected.map((e) => e.planId)));
    // Every badge found its measure's text and sits in the page, with a status word (not colour alone).
    expect(badges.filter((b) => b.anchored !== 'true').map((b) => b.measure)).toEqual([]);
    expect(badges.every((b) => b.visible)).toBe(true);
    expect(badges.every((b) => /未开始|逾期未启动|进展正常|有风险|滞后|已完成|已逾期/u.test(b.text))).toBe(true);
    expect(badges.every((b) => b.completion === '' || (Number(b.completion) >= 0 && Number(b.completion) <= 100))).toBe(true);

    // Anchoring: each badge is level with the first line of its measure's text.
    const offsets = await page.evaluate(() => {
      const root = document.querySelector('planmeter-overlay')!.shadowRoot!;
      const out: number[] = [];
      for (const b of Array.from(root.querySelectorAll<HTMLElement>('.pm-layer [data-pm-measure]')).slice(0, 12)) {
        b.scrollIntoView({ block: 'center' });
        const r = b.getBoundingClientRect();
        // The page element under the point right of the badge, on the badge's line.
        const el = document.elementFromPoint(r.right + 20, r.top + r.height / 2);
        out.push(el && el.tagName !== 'PLANMETER-OVERLAY' && (el.textContent ?? '').trim().length > 0 ? 1 : 0);
      }
      return out;
    });
    expect(offsets.filter((x) => x === 1).length).toBeGreaterThanOrEqual(Math.ceil(offsets.length * 0.8));
    expect(await page.locator('planmeter-overlay').count()).toBe(1);
    await page.close();
  });
});

describe('a page that is not a plan', () => {
  it('gets no overlay element at all, though the content script ran', async () => {
    const news = pages.find((p) => p.layout === 'news')!;
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url(news));
    // The content script answers (so it ran and decided), and it added nothing.
    let state: { views: unknown[] } | null = null;
    for (let i = 0; i < 40 && !state; i++) {
      try {
        const tabId = await tabIdFor(env.browser.worker, env.server.url(news));
        state = await env.browser.worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'tab.state', payload: {} }).then((r: { data: { views: unknown[] } }) => r.data), tabId);
      } catch {
        await page.waitForTimeout(250);
      }
    }
    expect(state?.views).toEqual([]);
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => document.querySelectorAll('planmeter-overlay').length)).toBe(0);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await page.close();
  });
});

describe('privacy', () => {
  it('sends no request to any host but the local server', () => {
    expect(env.browser.outside).toEqual([]);
    expect(env.server.requests.length).toBeGreaterThan(0);
    expect(env.server.requests.every((r) => /\.gov\.(cn|hk|mo|tw):\d+ /u.test(r))).toBe(true);
  });
  it('logs no console errors', () => {
    expect(env.browser.consoleErrors).toEqual([]);
  });
});

describe('a long plan page', () => {
  it('is parsed by the background and still gets one badge per measure', async () => {
    const long = longPlanPage(3000);
    const longServer = await startServer([long]);
    const b = await launchWithExtension({ port: longServer.port });
    try {
      const expected = await expectedOverlay(long);
      const wanted = expected.flatMap((e) => e.measureIds);
      expect(wanted.length).toBeGreaterThan(100);
      const page = await b.context.newPage();
      await page.goto(longServer.url(long));
      await waitForBadges(page, 120_000);
      // Badges of a long plan are added a few hundred per frame.
      await waitForPlacedBadges(page, wanted.length);
      const badges = await readBadges(page);
      expect(badges.map((x) => x.measure).sort()).toEqual([...wanted].sort());
      expect(badges.filter((x) => x.anchored !== 'true')).toEqual([]);
      expect(b.outside).toEqual([]);
    } finally {
      await b.close();
      await longServer.close();
    }
  });
});
