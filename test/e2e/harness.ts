// Shared launch code for the browser tests and the demo: a local HTTP server
// for the generated pages, and Debian's Chromium with the built extension.
// Government host names resolve to 127.0.0.1 (--host-resolver-rules), so the
// real `*.gov.cn` match patterns apply and nothing leaves the machine; every
// other host is unresolvable, and any request to it is recorded and aborted.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { TestPage } from './pages.ts';

export const CHROMIUM = process.env.PLANMETER_CHROMIUM ?? '/usr/bin/chromium';
export const EXTENSION_DIR = process.env.PLANMETER_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../.output/chrome-mv3');

export interface LocalServer {
  port: number;
  /** Every request the server saw: "host path". */
  requests: string[];
  url(page: TestPage): string;
  close(): Promise<void>;
}

export async function startServer(pages: TestPage[]): Promise<LocalServer> {
  const byPath = new Map(pages.map((p) => [p.path, p]));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(`${req.headers.host ?? ''} ${path}`);
    const page = byPath.get(path);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page.html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    requests,
    url: (p) => `http://${p.host}:${port}${p.path}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  /** Requests to any host other than the local server (aborted). */
  outside: string[];
  /** Console errors from pages and extension pages. */
  consoleErrors: string[];
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  port: number;
  userDataDir?: string;
  headless?: boolean;
  extensionDir?: string;
  viewport?: { width: number; height: number };
}

/** Hosts the tests may reach: the local server under any *.gov.* name, and the extension itself. */
function isLocal(url: string, port: number): boolean {
  const u = new URL(url);
  if (u.protocol === 'chrome-extension:' || u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  if (u.hostname === '127.0.0.1' || /\.gov\.(cn|hk|mo|tw)$/u.test(u.hostname)) return u.port === String(port);
  return false;
}

/** Chromium's flags for the built extension, with government host names mapped to the local server. */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
    // Government hosts → the local server; every other name fails to resolve.
    '--host-resolver-rules=MAP *.gov.cn 127.0.0.1, MAP *.gov.hk 127.0.0.1, MAP *.gov.mo 127.0.0.1, MAP *.gov.tw 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ];
}

export async function launchWithExtension(options: LaunchOptions): Promise<Launched> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`no built extension in ${extensionDir}: run "npx wxt build -b chrome" first`);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'planmeter-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1366, height: 900 },
    locale: 'zh-CN',
    args: chromiumArgs(extensionDir),
  });
  const outside: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url, options.port)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    if (!isLocal(req.url(), options.port) && !outside.includes(req.url())) outside.push(req.url());
  });
  const watch = (page: Page) =>
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    outside,
    consoleErrors,
    async close(closeOptions) {
      await context.close();
      if (!closeOptions?.keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the overlay has placed its badges (or the timeout passes). */
export async function waitForBadges(page: Page, timeout = 60_000): Promise<number> {
  await page.waitForFunction(() => (document.querySelector('planmeter-overlay')?.shadowRoot?.querySelectorAll('[data-pm-measure]').length ?? 0) > 0, undefined, { timeout });
  return page.evaluate(() => document.querySelector('planmeter-overlay')!.shadowRoot!.querySelectorAll('[data-pm-measure]').length);
}

/** Waits until at least `count` badges exist and every placed badge has been positioned (placement runs after the frame). */
export async function waitForPlacedBadges(page: Page, count: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector('planmeter-overlay')?.shadowRoot;
      if (!root || root.querySelectorAll('[data-pm-measure]').length < n) return false;
      return Array.from(root.querySelectorAll<HTMLElement>('.pm-layer [data-pm-measure]')).every((b) => b.style.visibility === 'visible');
    },
    count,
    { timeout },
  );
}

export interface BadgeInfo {
  measure: string;
  completion: string;
  status: string;
  plan: string;
  anchored: string;
  visible: boolean;
  text: string;
}

export function readBadges(page: Page): Promise<BadgeInfo[]> {
  return page.evaluate(() =>
    Array.from(document.querySelector('planmeter-overlay')?.shadowRoot?.querySelectorAll<HTMLElement>('[data-pm-measure]') ?? []).map((b) => ({
      measure: b.dataset.pmMeasure ?? '',
      completion: b.dataset.pmCompletion ?? '',
      status: b.dataset.pmStatus ?? '',
      plan: b.dataset.pmPlan ?? '',
      anchored: b.dataset.pmAnchored ?? '',
      visible: getComputedStyle(b).visibility !== 'hidden',
      text: b.textContent ?? '',
    })),
  );
}

/** The id of the tab showing `url`, asked of the content scripts from the service worker. */
export async function tabIdFor(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (wanted: string) => {
    const tabs = await chrome.tabs.query({});
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        const reply = (await chrome.tabs.sendMessage(tab.id, { type: 'tab.state', payload: {} })) as { ok?: boolean; data?: { url?: string } };
        if (reply?.ok && reply.data?.url === wanted) return tab.id;
      } catch {
        // No content script in that tab.
      }
    }
    return null;
  }, url);
  if (id === null) throw new Error(`no tab with the PlanMeter content script shows ${url}`);
  return id;
}

/** Sends a typed message to the background from an extension page (as the popup would). */
export async function sendFromExtensionPage<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as { ok: boolean; data?: T; message?: string };
  if (!reply?.ok) throw new Error(`${type} failed: ${reply?.message ?? 'no reply'}`);
  return reply.data as T;
}

/** Today in the browser's (and this machine's) local time, as the date field shows it: YYYY-MM-DD. */
export function localDay(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
