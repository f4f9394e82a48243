// The content script does not outlive its context (issue 9, item 4): its
// listeners, observer, timers and `<planmeter-overlay>` belong to WXT's `ctx`.
// - A reload of the extension while a plan page is open: the old script, its
//   runtime gone, removes its overlay and reacts to nothing on the page after.
// - A second copy of the content script on the page (what an update's
//   re-injection runs): exactly one overlay, the new one; the old copy's
//   observer and handlers no longer draw anything.
// A stale copy is caught by what it would do: redraw badges into its own
// mount on a resize or a DOM change. Both tests fail on a build whose content
// script ignores ctx (checked against the previous build by hand).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages } from './pages.ts';
import { EXTENSION_DIR, launchWithExtension, startServer, waitForPlacedBadges, type LocalServer } from './harness.ts';
import { expectedOverlay } from './expected.ts';

// The smallest seed plan page: quick to read, a few dozen badges.
const planPage = allPages()
  .filter((p) => p.seed && p.layout !== 'news')
  .sort((a, b) => a.html.length - b.html.length)[0]!;

let server: LocalServer;
let want = 0;
beforeAll(async () => {
  server = await startServer([planPage]);
  want = (await expectedOverlay(planPage)).reduce((n, e) => n + e.measureIds.length, 0);
});
afterAll(async () => {
  await server?.close();
});

/** Keeps (in the page) the overlay shown now and the element its badges are rendered into. */
async function rememberOverlay(page: Page): Promise<void> {
  await page.evaluate(() => {
    const host = document.querySelector('planmeter-overlay')!;
    const badge = host.shadowRoot!.querySelector('[data-pm-measure]')!;
    // The Preact mount: the badge's ancestor that is a direct child of the shadow root.
    let mount: Element = badge;
    while (mount.parentElement) mount = mount.parentElement;
    Object.assign(window, { __pmOldHost: host, __pmOldMount: mount });
  });
}

/** What a stale copy would react to: a resize and a change of the page's text. */
async function disturb(page: Page): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width - 200, height: size.height - 100 });
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = '新增一段文字，页面改变了。';
    document.body.append(p);
    document.body.querySelector('p')?.remove();
  });
  // The observer waits 300 ms, then reads the page again when idle; the relayout comes on the next frame.
  await page.waitForTimeout(2500);
}

interface OverlayState {
  hosts: number;
  oldConnected: boolean;
  oldMountBadges: number;
  current: 'old' | 'new' | 'none';
}

async function overlayState(page: Page): Promise<OverlayState> {
  return page.evaluate(() => {
    const w = window as unknown as { __pmOldHost: Element; __pmOldMount: Element };
    const host = document.querySelector('planmeter-overlay');
    return {
      hosts: document.querySelectorAll('planmeter-overlay').length,
      oldConnected: w.__pmOldHost.isConnected,
      oldMountBadges: w.__pmOldMount.querySelectorAll('[data-pm-measure]').length,
      current: (host === null ? 'none' : host === w.__pmOldHost ? 'old' : 'new') as 'old' | 'new' | 'none',
    };
  });
}

describe('the content script and its context', () => {
  it('an extension reload while a plan page is open leaves nothing of the old script on the page, and nothing that reacts', async () => {
    const browser = await launchWithExtension({ port: server.port });
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url(planPage));
      await waitForPlacedBadges(page, want);
      await rememberOverlay(page);
      expect((await overlayState(page)).oldMountBadges).toBe(want);

      // The service worker reloads the extension: the script on the page loses its runtime.
      await browser.worker.evaluate('setTimeout(() => chrome.runtime.reload(), 0)');
      await page.waitForTimeout(1000);
      await disturb(page);
      // The old script noticed (its observer checks the context) and took its overlay away;
      // the resize and the DOM change drew nothing into its mount after that.
      expect(await overlayState(page)).toEqual({ hosts: 0, oldConnected: false, oldMountBadges: 0, current: 'none' });
      await disturb(page);
      expect((await overlayState(page)).oldMountBadges).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('a second copy of the content script (an update re-injecting it) leaves exactly one overlay, and the old copy draws nothing more', async () => {
    // Test-only copy of the build with host access, so the service worker may run the
    // content script again in the tab (the released manifest asks for no host permission).
    const dir = mkdtempSync(join(tmpdir(), 'planmeter-ext-hosts-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { host_permissions?: string[]; content_scripts: { matches: string[] }[] };
    manifest.host_permissions = manifest.content_scripts.flatMap((c) => c.matches);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const browser = await launchWithExtension({ port: server.port, extensionDir: dir });
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url(planPage));
      await waitForPlacedBadges(page, want);
      await rememberOverlay(page);

      const injected = (await browser.worker.evaluate(`(async () => {
        const tabs = await chrome.tabs.query({ url: '*://*.gov.cn/*' });
        for (const tab of tabs) await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/content.js'] });
        return tabs.length;
      })()`)) as number;
      expect(injected).toBe(1);

      // The new copy's overlay, with every badge placed, and no other.
      await page.waitForFunction(
        (n) => {
          const hosts = document.querySelectorAll('planmeter-overlay');
          const host = hosts[0];
          if (hosts.length !== 1 || host === (window as unknown as { __pmOldHost: Element }).__pmOldHost) return false;
          const badges = Array.from(host!.shadowRoot?.querySelectorAll<HTMLElement>('.pm-layer [data-pm-measure]') ?? []);
          return badges.length >= n && badges.every((b) => b.style.visibility === 'visible');
        },
        want,
        { timeout: 60_000 },
      );
      expect(await overlayState(page)).toEqual({ hosts: 1, oldConnected: false, oldMountBadges: 0, current: 'new' });
      await disturb(page);
      // The old copy's resize listener and observer are gone: nothing redrawn into its mount.
      expect(await overlayState(page)).toEqual({ hosts: 1, oldConnected: false, oldMountBadges: 0, current: 'new' });
      const badges = await page.evaluate(() => document.querySelector('planmeter-overlay')!.shadowRoot!.querySelectorAll('[data-pm-measure]').length);
      expect(badges).toBe(want);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
