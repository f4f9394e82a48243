// The sleeping service worker is started while a government page is still
// loading (entrypoints/wake.ts, a document_start content script; issue 15),
// not only once our main script (document_idle) asks for the page's plans.
// The pages here never finish loading: the server sends their first bytes and
// holds the rest, so DOMContentLoaded never comes and the main script never runs.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type Launched } from './harness.ts';

let server: Server;
let port = 0;
const held: ServerResponse[] = [];
let browser: Launched;
let control: Page;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.write('<!doctype html><html><head><meta charset="utf-8"><title>加载中</title></head><body><p>一、加快推进重点改革任务');
    held.push(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
  browser = await launchWithExtension({ port });
  control = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  for (const res of held) res.end('</p></body></html>');
  await browser?.close();
  await new Promise<void>((ok) => server.close(() => ok()));
});

/** Our service worker's CDP target, if it is running. */
async function ourWorker(): Promise<string | undefined> {
  const cdp = await browser.context.newCDPSession(control);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets' as never)) as { targetInfos: { type: string; url: string; targetId: string }[] };
    return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`))?.targetId;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Stops the worker (as Chrome does after 30 s idle) and waits until its target is gone. */
async function stopWorker(): Promise<void> {
  const id = await ourWorker();
  if (id) {
    const cdp = await browser.context.newCDPSession(control);
    await cdp.send('Target.closeTarget' as never, { targetId: id } as never).finally(() => cdp.detach().catch(() => {}));
  }
  for (let i = 0; i < 100 && (await ourWorker()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await ourWorker()).toBeUndefined();
}

/** Opens `url` without waiting for it to load (it never does); resolves once the document has started. */
async function openLoading(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  void page.goto(url, { waitUntil: 'commit' }).catch(() => {});
  await page.waitForFunction(() => document.readyState === 'loading' && document.body !== null, undefined, { timeout: 30_000 });
  return page;
}

it('a government page still loading starts the sleeping worker; another site does not', async () => {
  // Let the first start (install, seeding) settle, then put the worker to sleep.
  await new Promise((r) => setTimeout(r, 3000));
  await stopWorker();

  // Not one of our sites: no content script of ours runs there, the worker stays asleep.
  const other = await openLoading(`http://127.0.0.1:${port}/other.html`);
  await new Promise((r) => setTimeout(r, 2000));
  expect(await ourWorker()).toBeUndefined();
  await other.close();

  // A government page, still loading: the worker starts.
  const gov = await openLoading(`http://www.szgm.gov.cn:${port}/gkmlpt/content/wake/post_1.html`);
  let started: string | undefined;
  for (let i = 0; i < 100 && !started; i++) {
    started = await ourWorker();
    if (!started) await new Promise((r) => setTimeout(r, 100));
  }
  expect(started).toBeDefined();
  // Still loading: our main script (document_idle) has not run, so the wake-up came before it.
  expect(await gov.evaluate(() => document.readyState)).toBe('loading');
  expect(await gov.evaluate(() => document.querySelector('planmeter-overlay'))).toBeNull();
  await gov.close();
});
