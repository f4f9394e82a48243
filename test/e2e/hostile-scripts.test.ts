// Hostile pages in real Chromium with the extension loaded: the page's own
// scripts redefine globals before our content script runs and then attack the
// overlay (read its shadow root, forge messages and events, click, type and
// submit); plan text carries markup and script. The extension's IndexedDB —
// read from the extension's own page — is byte-for-byte the same afterwards,
// no markup becomes an element, and nothing the page planted ever runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, readBadges, startServer, waitForBadges, type Launched, type LocalServer } from './harness.ts';
import { EXT_DIR, extensionDbDigest, waitForSeeds, hostileKnownPlanPage, hostileScriptPage, markupPage, MARKUP } from './hostile-pages.ts';

const scriptPage = hostileScriptPage();
const knownPage = hostileKnownPlanPage();
const markup = markupPage();
let server: LocalServer;
let browser: Launched;
let extPage: Page;
const pageErrors: string[] = [];

export const HOSTILE_SCRIPT_CASES: string[] = [];
function hostile(name: string, fn: () => Promise<void>) {
  HOSTILE_SCRIPT_CASES.push(name);
  it(name, fn);
}

beforeAll(async () => {
  server = await startServer([scriptPage, knownPage, markup]);
  browser = await launchWithExtension({ port: server.port, extensionDir: EXT_DIR });
  browser.context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`)));
  extPage = await browser.context.newPage();
  await extPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  // First run: the bundled seed plans are parsed into the database; wait until they are there.
  await waitForSeeds(extPage);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Console errors that come from PlanMeter (content script, worker, extension pages), not from the hostile page's own broken scripts. */
function extensionErrors(): string[] {
  return [...browser.consoleErrors, ...pageErrors].filter((e) => /planmeter|chrome-extension:/iu.test(e) && !/page-redefined/u.test(e));
}

// On the attack pages Array.prototype, JSON and friends are redefined in the
// page's world, which breaks Playwright's own page.evaluate there; everything
// below reads those pages through locators (Playwright's isolated world) and
// the attributes the attack script writes.
async function attackDone(page: Page): Promise<number> {
  await page.locator('html[data-pm-attack="done"]').waitFor({ state: 'attached', timeout: 60_000 });
  return Number(await page.locator('html').getAttribute('data-pm-attempts'));
}

const BADGES = 'planmeter-overlay [data-pm-measure]';

async function badgeCount(page: Page): Promise<number> {
  await page.locator(BADGES).first().waitFor({ state: 'attached', timeout: 60_000 });
  return page.locator(BADGES).count();
}

async function badgeAttributes(page: Page): Promise<{ measure: string; completion: string }[]> {
  const out: { measure: string; completion: string }[] = [];
  for (const b of await page.locator(BADGES).all()) out.push({ measure: (await b.getAttribute('data-pm-measure')) ?? '', completion: (await b.getAttribute('data-pm-completion')) ?? '' });
  return out;
}

describe('a page whose scripts redefine globals and attack the overlay', () => {
  hostile('an unknown plan: the overlay still works, "track" and every button clicked by the page do nothing, storage unchanged', async () => {
    const before = await extensionDbDigest(extPage);
    const page = await browser.context.newPage();
    await page.goto(server.url(scriptPage));
    // Our content script runs in an isolated world: the page's redefined
    // Array.prototype.map, JSON, requestIdleCallback and MutationObserver do not reach it.
    await page.waitForTimeout(3000); // the overlay settles (all eight measures)
    expect(await badgeCount(page)).toBe(8);
    const attempts = await attackDone(page);
    // The attack really ran: it saw the open shadow root each round and clicked in it.
    expect(attempts).toBeGreaterThanOrEqual(8);
    await page.waitForTimeout(1500);
    const after = await extensionDbDigest(extPage);
    expect(after.counts).toEqual(before.counts);
    expect(after.digest).toBe(before.digest);
    // The page's own world never had a way to the extension.
    expect(await page.locator('html').getAttribute('data-pm-chrome-runtime')).toBe('undefined');
    // Nothing of ours in the page's own storage: no IndexedDB database, no localStorage/sessionStorage keys, no cookies.
    expect(await page.locator('html').getAttribute('data-pm-page-dbs')).toBe('');
    expect(await page.locator('html').getAttribute('data-pm-page-storage')).toBe('|');
    // The overlay is still there and whole after the attack.
    expect(await badgeCount(page)).toBe(8);
    expect(extensionErrors()).toEqual([]);
    await page.close();
  });

  hostile('a known, tracked plan: with a card opened by a real click, the page fills and submits its form and nothing is written', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url(knownPage));
    await badgeCount(page);
    const before = await extensionDbDigest(extPage);
    const withForm = (await badgeAttributes(page))[5]!;
    await page.locator(`planmeter-overlay [data-pm-measure="${withForm.measure}"]`).click();
    await page.locator(`planmeter-overlay [data-pm-card="${withForm.measure}"]`).waitFor();
    await attackDone(page);
    await page.waitForTimeout(1500);
    const after = await extensionDbDigest(extPage);
    expect(after.counts).toEqual(before.counts);
    expect(after.digest).toBe(before.digest);
    // The badges show the same numbers as before the attack.
    const again = (await badgeAttributes(page)).find((b) => b.measure === withForm.measure)!;
    expect(again.completion).toBe(withForm.completion);
    expect(extensionErrors()).toEqual([]);
    await page.close();
  });
});

describe('markup and script in plan text are shown as text', () => {
  hostile('<img onerror>, </style>, <script>, <svg onload>, javascript: links: no element injected, nothing runs, the text is visible', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url(markup));
    await waitForBadges(page);
    const imagesInPage = await page.evaluate(() => document.images.length);
    const badges = await readBadges(page);
    expect(badges.length).toBe(6);
    // Open the cards of the measures that carry markup (real clicks), so their titles and targets render.
    let seen = '';
    for (const b of badges.slice(0, 4)) {
      await page.locator(`planmeter-overlay [data-pm-measure="${b.measure}"]`).click();
      await page.locator(`planmeter-overlay [data-pm-card="${b.measure}"]`).waitFor();
      const shown = await page.evaluate(() => {
        const root = document.querySelector('planmeter-overlay')!.shadowRoot!;
        const text = Array.from(root.querySelectorAll('.pm-card, [data-pm-panel], [data-pm-measure]'), (el) => (el as HTMLElement).innerText ?? '').join('\n');
        return {
          text,
          injected: root.querySelectorAll('img, script, svg, iframe, object, embed, a[href^="javascript:" i], [onerror], [onload]').length,
          styles: root.querySelectorAll('style').length,
        };
      });
      expect(shown.injected).toBe(0);
      expect(shown.styles).toBe(1);
      seen += shown.text;
    }
    // The markup is on screen as text, character for character.
    expect(seen).toContain('<script>window.__pmPwned=2');
    expect(seen).toContain('<svg onload="window.__pmPwned=3">');
    expect(seen).toContain('<img src=x onerror="window._'); // titles are shortened; the tag is still text
    expect(seen).toContain('</style><style>');
    expect(seen).toContain('点此</a>平台');
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { __pmPwned: number }).__pmPwned)).toBe(0);
    expect(await page.evaluate(() => document.images.length)).toBe(imagesInPage);
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(1);
    // The page itself is still displayed (the </style><style> text restyled nothing).
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
    expect(await page.locator('planmeter-overlay').evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
    expect(extensionErrors()).toEqual([]);
    await page.close();
  });
});
