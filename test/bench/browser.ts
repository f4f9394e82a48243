// The in-browser part of `npm run bench`: the built extension in Debian's
// Chromium (playwright-core), pages from a local server under government host
// names (see test/e2e/harness.ts: every other request is aborted).
// - Overlay: DOMContentLoaded → every badge placed, on the largest seed page,
//   beside the page's own DOMContentLoaded and load times.
// - Dashboard: navigation → plan list and the selected plan's measure rows on
//   screen, with 100 synthetic plans and 50,000 entries in the database.
// Times are taken in the page (performance.now(), from navigation start), so
// Playwright's round trips do not count. Nothing is built here.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { allPages, seedFiles, type TestPage } from '../e2e/pages.ts';
import { launchWithExtension, startServer, type Launched, type LocalServer } from '../e2e/harness.ts';
import { visit as visitTraced, queuedTaskDelay } from '../e2e/load-trace.ts';
import { churningPage, framesPages, hugePage, longNonPlanPage, numberedLinesPage } from '../e2e/hostile-pages.ts';
import { allSeedPlans, expectedOverlay } from '../e2e/expected.ts';
import { indexRowOf } from '../../lib/db.ts';
import { planRecord } from '../../lib/store.ts';
import { syntheticEntries, syntheticPlans } from './synthetic.ts';
import { benchSeedTasks } from './seed-tasks.ts';
import { goal, median, ms } from './stats.ts';
import { writeFloorExtension } from './floor-extension.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const EXTENSION_DIR = process.env.PLANMETER_EXTENSION_DIR ?? process.env.PLANMETER_EXT_DIR ?? join(ROOT, '.output', 'chrome-mv3');

const OVERLAY_RUNS = 5;
const DASHBOARD_RUNS = 5;
const RESTART_RUNS = 5;

// Page-side code is kept as plain strings: tsx (esbuild keepNames) would wrap
// named inner functions in a `__name` helper the page does not have.

/**
 * Installed before the page's own scripts: records (performance.now()) the
 * first moment the overlay holds `want` badges and every badge in the layer
 * is positioned (the e2e harness's "placed" test), checked on each DOM change
 * in the shadow root and on each frame.
 */
const BADGE_WATCH = `(want) => {
  const state = { done: null };
  window.__pmBench = state;
  let observer = null;
  const check = () => {
    if (state.done !== null) return true;
    const root = document.querySelector('planmeter-overlay')?.shadowRoot;
    if (!root) return false;
    if (!observer) {
      observer = new MutationObserver(check);
      observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
    }
    if (root.querySelectorAll('[data-pm-measure]').length < want) return false;
    for (const b of root.querySelectorAll('.pm-layer [data-pm-measure]')) if (b.style.visibility !== 'visible') return false;
    state.done = performance.now();
    observer.disconnect();
    return true;
  };
  // The host is watched for from the moment it is added (not only on the next frame).
  const hostWatch = new MutationObserver(() => { if (document.querySelector('planmeter-overlay')) { hostWatch.disconnect(); check(); } });
  const start = () => hostWatch.observe(document.documentElement, { childList: true });
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
  const frame = () => { if (!check()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}`;

/**
 * Same idea on the dashboard: every plan listed and the first measure rows
 * laid out ("done"); then every chart canvas taken over by Chart.js ("charts").
 */
const DASHBOARD_WATCH = `(wantPlans) => {
  const state = { done: null, charts: null };
  window.__pmBench = state;
  const ready = () => {
    if (document.querySelectorAll('[data-pm-plan-link]').length < wantPlans) return false;
    const row = document.querySelector('[data-pm-table] tr[data-pm-row]');
    return !!row && row.getBoundingClientRect().height > 0;
  };
  const check = () => {
    if (state.done === null && ready()) state.done = performance.now();
    // Chart.js marks a canvas it has taken over with an inline display:block.
    if (state.done !== null && state.charts === null) {
      const canvases = document.querySelectorAll('[data-pm-chart] canvas');
      if (canvases.length > 0 && Array.from(canvases).every((c) => c.style.display === 'block')) state.charts = performance.now();
    }
    return state.done !== null && state.charts !== null;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  const start = () => observer.observe(document.documentElement, { subtree: true, childList: true });
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
  const frame = () => { if (!check()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}`;

const NAV_TIMING = `(() => {
  const n = performance.getEntriesByType('navigation')[0];
  return n ? { dcl: n.domContentLoadedEventStart, load: n.loadEventEnd } : null;
})()`;

function call(fn: string, arg: unknown): string {
  return `(${fn})(${JSON.stringify(arg)})`;
}

async function waitForDone(page: Page, timeout = 60_000): Promise<number> {
  // Functions, not strings: a string predicate needs eval, which extension pages' CSP refuses.
  await page.waitForFunction(() => (window as { __pmBench?: { done: number | null } }).__pmBench?.done != null, undefined, { timeout, polling: 50 });
  return (await page.evaluate('window.__pmBench.done')) as number;
}

/** The seed page with the most HTML bytes (the issue's "largest seed page"). */
function largestPage(): TestPage {
  return allPages()
    .filter((p) => p.seed)
    .sort((a, b) => Buffer.byteLength(b.html) - Buffer.byteLength(a.html))[0]!;
}

/** Waits until the service worker has stored every bundled seed (it parses them on install). */
async function waitForSeeds(browser: Launched, seedCount: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const stored = (await browser.worker.evaluate(`new Promise((ok) => {
      const req = indexedDB.open('planmeter');
      req.onerror = () => ok(-1);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('settings')) { db.close(); return ok(0); }
        const all = db.transaction('settings').objectStore('settings').getAllKeys();
        all.onsuccess = () => { db.close(); ok(all.result.filter((k) => String(k).startsWith('seed:')).length); };
        all.onerror = () => { db.close(); ok(-1); };
      };
    })`)) as number;
    if (stored >= seedCount) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service worker did not store the seed plans within 60 s');
}

interface VisitTiming {
  dcl: number;
  load: number;
  badges: number;
  /** The content script's own performance marks (`planmeter:*`), ms from navigation start. */
  marks: Record<string, number>;
}

const MARKS = `Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('planmeter:')).map((m) => [m.name.slice(10), m.startTime]))`;

async function visit(browser: Launched, url: string, want: number): Promise<VisitTiming> {
  const page = await browser.context.newPage();
  try {
    await page.addInitScript({ content: call(BADGE_WATCH, want) });
    await page.goto(url, { waitUntil: 'load' });
    const badges = await waitForDone(page);
    const nav = (await page.evaluate(NAV_TIMING)) as { dcl: number; load: number } | null;
    if (!nav) throw new Error('no navigation timing');
    const marks = (await page.evaluate(MARKS)) as Record<string, number>;
    return { dcl: nav.dcl, load: nav.load, badges, marks };
  } finally {
    await page.close();
  }
}

/**
 * Stops the extension's service worker (as the browser does after 30 s idle),
 * so the next visit finds it asleep. True when it stopped.
 */
async function stopServiceWorker(browser: Launched): Promise<boolean> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const cdp = await browser.context.newCDPSession(page);
  const ours = async () => {
    const { targetInfos } = (await cdp.send('Target.getTargets' as never)) as { targetInfos: { type: string; url: string; targetId: string }[] };
    return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
  };
  try {
    const worker = await ours();
    if (!worker) return true; // already asleep
    await cdp.send('Target.closeTarget' as never, { targetId: worker.targetId } as never);
    // The target goes within a few hundred ms (Playwright's own 'close' event comes much later).
    for (let i = 0; i < 50; i++) {
      if (!(await ours())) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function fmt(s: Spread): string {
  return `${ms(s.median)} median (min ${ms(s.min)}, max ${ms(s.max)})`;
}

/** Median time of each content-script mark after DOMContentLoaded, in the order they were reached. */
function markLine(runs: VisitTiming[]): string {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))];
  if (names.length === 0) return '';
  const at = names.map((n) => [n, median(runs.filter((r) => n in r.marks).map((r) => r.marks[n]! - r.dcl))] as const).sort((a, b) => a[1] - b[1]);
  return `    where the time goes (median ms after DOMContentLoaded): ${at.map(([n, t]) => `${n} ${t.toFixed(0)}`).join(' → ')}`;
}

interface OverlayRuns {
  first: VisitTiming[];
  repeat: VisitTiming[];
  stopped: number;
}

/**
 * First visits (a fresh profile each run, seeds stored, the service worker then
 * stopped so it starts asleep) and repeat visits (one profile, the page opened
 * again in new tabs after a warm-up visit) with the extension in `dir`.
 */
async function overlayRuns(dir: string, port: number, url: string, want: number, seedCount: number, log: (line: string) => void): Promise<OverlayRuns> {
  const first: VisitTiming[] = [];
  let stopped = 0;
  for (let i = 0; i < OVERLAY_RUNS; i++) {
    const browser = await launchWithExtension({ port, extensionDir: dir });
    try {
      if (seedCount > 0) await waitForSeeds(browser, seedCount);
      if (await stopServiceWorker(browser)) stopped++;
      first.push(await visit(browser, url, want));
      if (browser.outside.length) log(`  blocked requests: ${browser.outside.join(', ')}`);
    } finally {
      await browser.close();
    }
  }
  const browser = await launchWithExtension({ port, extensionDir: dir });
  const repeat: VisitTiming[] = [];
  try {
    if (seedCount > 0) await waitForSeeds(browser, seedCount);
    await visit(browser, url, want); // warm-up
    for (let i = 0; i < OVERLAY_RUNS + 2; i++) repeat.push(await visit(browser, url, want));
    if (browser.outside.length) log(`  blocked requests: ${browser.outside.join(', ')}`);
  } finally {
    await browser.close();
  }
  return { first, repeat, stopped };
}

function overlayLine(label: string, ours: VisitTiming[], floor: VisitTiming[], goalMs: number): string {
  const after = spread(ours.map((r) => r.badges - r.dcl));
  const base = spread(floor.map((r) => r.badges - r.dcl));
  const ratio = base.median > 0 ? after.median / base.median : Infinity;
  return (
    `${label}: DOMContentLoaded → all badges placed ${fmt(after)}, ${ours.length} runs; ` +
    `floor ${fmt(base)}; ${ratio === Infinity ? 'floor at 0' : `${ratio.toFixed(1)}× the floor`} — goal ≤ ${goalMs} ms: ${goal(after.median <= goalMs)}, within 2× of the floor: ${goal(ratio <= 2)}; ` +
    `page's own DOMContentLoaded ${ms(median(ours.map((r) => r.dcl)))}, load ${ms(median(ours.map((r) => r.load)))}`
  );
}

async function benchOverlay(log: (line: string) => void, seedCount: number): Promise<void> {
  const target = largestPage();
  const expected = await expectedOverlay(target);
  const want = expected.reduce((n, e) => n + e.measureIds.length, 0);
  const server = await startServer([target]);
  const url = server.url(target);
  const floorExt = writeFloorExtension(want, ['*://*.gov.cn/*', '*://*.gov.hk/*', '*://*.gov.mo/*', '*://*.gov.tw/*']);
  log(`largest seed page: ${target.seed} as ${target.layout} layout, ${(Buffer.byteLength(target.html) / 1024).toFixed(1)} kB HTML, ${want} measures in ${expected.length} plans`);
  try {
    // The floor first, then PlanMeter, on the same server and page.
    const floor = await overlayRuns(floorExt.dir, server.port, url, want, 0, log);
    const ours = await overlayRuns(EXTENSION_DIR, server.port, url, want, seedCount, log);
    log(`the floor: a minimal extension (document_end content script, no service worker call) reading the page's text and placing ${want} static badges at known offsets`);
    log(overlayLine('first visit (fresh profile, service worker asleep)', ours.first, floor.first, 250));
    if (ours.stopped < ours.first.length) log(`  the service worker could be stopped before ${ours.stopped} of ${ours.first.length} first visits only`);
    const firstMarks = markLine(ours.first);
    if (firstMarks) log(firstMarks);
    log(overlayLine('repeat visit (same profile)', ours.repeat, floor.repeat, 100));
    const repeatMarks = markLine(ours.repeat);
    if (repeatMarks) log(repeatMarks);
  } finally {
    floorExt.remove();
    await server.close();
  }
}

/** Writes records straight into the extension's IndexedDB from one of its own pages, in batches. */
async function putRows(page: Page, store: string, rows: unknown[], batch = 5000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await page.evaluate(
      call(
        `({ store, rows }) => new Promise((ok, fail) => {
          const req = indexedDB.open('planmeter');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const db = req.result;
            const tx = db.transaction(store, 'readwrite');
            const os = tx.objectStore(store);
            for (const r of rows) os.put(r);
            tx.oncomplete = () => { db.close(); ok(rows.length); };
            tx.onerror = () => { db.close(); fail(tx.error); };
          };
        })`,
        { store, rows: rows.slice(i, i + batch) },
      ),
    );
  }
}

/** Plans in the extension's plan index, counted in the service worker. */
async function countPlans(browser: Launched): Promise<number> {
  return (await browser.worker.evaluate(`new Promise((ok, fail) => {
    const req = indexedDB.open('planmeter');
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const c = req.result.transaction('planIndex').objectStore('planIndex').count();
      c.onsuccess = () => { req.result.close(); ok(c.result); };
    };
  })`)) as number;
}

/** The id of the first plan in the plan index (a seed example in a fresh profile). */
async function firstPlanId(browser: Launched): Promise<string> {
  return (await browser.worker.evaluate(`new Promise((ok, fail) => {
    const req = indexedDB.open('planmeter');
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const c = req.result.transaction('planIndex').objectStore('planIndex').getAllKeys(null, 1);
      c.onsuccess = () => { req.result.close(); ok(String(c.result[0])); };
    };
  })`)) as string;
}

/** The first dashboard open after a browser start on `profile` (nothing of it in memory), `n` times. */
async function restartOpens(launch: () => Promise<Launched>, wantPlans: number, n: number, query = ''): Promise<{ done: number; dcl: number }[]> {
  const out: { done: number; dcl: number }[] = [];
  for (let i = 0; i < n; i++) {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await page.addInitScript({ content: call(DASHBOARD_WATCH, wantPlans) });
      await page.goto(`chrome-extension://${browser.extensionId}/dashboard.html${query}`);
      const done = await waitForDone(page);
      const nav = (await page.evaluate(NAV_TIMING)) as { dcl: number } | null;
      out.push({ done, dcl: nav?.dcl ?? NaN });
    } finally {
      await browser.close();
    }
  }
  return out;
}

async function benchDashboard(log: (line: string) => void, seedCount: number): Promise<void> {
  const seeds = await allSeedPlans();
  const plans = syntheticPlans(100, 50, seeds.flatMap((p) => p.measures));
  const entries = syntheticEntries(plans, 10);
  const records = plans.map((p) => planRecord(p, 'import', 'bench', true, new Date('2025-01-01T00:00:00Z')));
  const server: LocalServer = await startServer([]);
  const profile = mkdtempSync(join(tmpdir(), 'planmeter-bench-dash-'));
  const launch = () => launchWithExtension({ port: server.port, extensionDir: EXTENSION_DIR, userDataDir: profile, viewport: { width: 1400, height: 1000 } });
  const dashboardUrl = (b: Launched, query = '') => `chrome-extension://${b.extensionId}/dashboard.html${query}`;
  try {
    // Floors: the same dashboard over the bundled seed plans alone. They are
    // examples, not tracked plans, so nothing is selected by default: the floor
    // opens on the first example (?plan=), as a click in the list would.
    let browser = await launch();
    let seedPlans = 0;
    let exampleQuery = '';
    let floor: Awaited<ReturnType<typeof timeDashboard>>;
    try {
      await waitForSeeds(browser, seedCount);
      seedPlans = await countPlans(browser);
      exampleQuery = `?plan=${encodeURIComponent(await firstPlanId(browser))}`;
      floor = await timeDashboard(browser, dashboardUrl(browser, exampleQuery), seedPlans, 3);
    } finally {
      await browser.close();
    }
    const floorRestarts = await restartOpens(launch, seedPlans, RESTART_RUNS, exampleQuery);

    // The goal's data: 100 plans × 50 measures, 50,000 entries, written into the
    // extension's IndexedDB from one of its own pages (records as lib/store.ts builds them).
    browser = await launch();
    let totalPlans = 0;
    try {
      await waitForSeeds(browser, seedCount);
      const setup = await browser.context.newPage();
      // The database was opened (created, upgraded) the extension's way by the
      // service worker, which stored the seeds; any extension page may write to it.
      await setup.goto(dashboardUrl(browser, exampleQuery));
      await setup.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
      await putRows(setup, 'plans', records, 20);
      await putRows(setup, 'planIndex', records.map(indexRowOf), 100);
      await putRows(setup, 'entries', entries);
      await setup.close();
      totalPlans = await countPlans(browser);
      log(`dashboard data: ${plans.length} synthetic plans × 50 measures + ${totalPlans - plans.length} seed plans, ${entries.length} entries`);
      log(`floor — the same dashboard over the ${seedPlans} seed plans alone: ${ms(floor.first)} median (${floor.runs} runs; page's own DOMContentLoaded ${ms(floor.dcl)})`);
      const cases: [string, string][] = [
        ['opened on a plan with 500 entries', dashboardUrl(browser, `?plan=${encodeURIComponent(plans[50]!.id)}`)],
        ['opened plain (default plan)', dashboardUrl(browser)],
      ];
      for (const [label, url] of cases) {
        const t = await timeDashboard(browser, url, totalPlans, DASHBOARD_RUNS);
        log(
          `dashboard first render, ${label}: ${ms(t.first)} median (min ${ms(t.min)}, ${t.runs} runs after a first open at ${ms(t.cold)}; ${t.shown}; page's own DOMContentLoaded ${ms(t.dcl)}, charts drawn at ${ms(t.charts)}) — goal ≤ 400 ms: ${goal(t.first <= 400)}`,
        );
      }
      if (browser.outside.length) log(`  blocked requests: ${browser.outside.join(', ')}`);
    } finally {
      await browser.close();
    }
    // The open a user sees first: a browser just started (its service worker starting too).
    const restarts = await restartOpens(launch, totalPlans, RESTART_RUNS);
    const restart = median(restarts.map((r) => r.done));
    log(
      `dashboard first render right after a browser start (default plan): ${ms(restart)} median (${restarts.map((r) => ms(r.done)).join(', ')}; page's own DOMContentLoaded ${ms(median(restarts.map((r) => r.dcl)))}); seed plans alone: ${ms(median(floorRestarts.map((r) => r.done)))} median (${floorRestarts.map((r) => ms(r.done)).join(', ')}) — goal under 1 s: ${goal(restart < 1000)}`,
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

/**
 * Opens the dashboard `runs` + 1 times in new tabs; times from navigation
 * start. The first open (scripts not yet in the code cache, database pages
 * not yet read) is reported apart from the median of the others.
 */
async function timeDashboard(browser: Launched, url: string, wantPlans: number, runs: number) {
  const samples: { first: number; charts: number; dcl: number; shown: string }[] = [];
  let cold = NaN;
  for (let i = 0; i < runs + 1; i++) {
    const page = await browser.context.newPage();
    try {
      await page.addInitScript({ content: call(DASHBOARD_WATCH, wantPlans) });
      await page.goto(url);
      const first = await waitForDone(page);
      await page.waitForFunction(() => (window as { __pmBench?: { charts: number | null } }).__pmBench?.charts != null, undefined, { timeout: 60_000, polling: 50 }).catch(() => {});
      const charts = (await page.evaluate('window.__pmBench.charts')) as number | null;
      const shown = (await page.evaluate(`(() => {
        const rows = document.querySelectorAll('[data-pm-table] tr[data-pm-row]');
        const entries = Array.from(rows).reduce((n, r) => n + Number(r.lastElementChild?.textContent || 0), 0);
        return document.querySelectorAll('[data-pm-plan-link]').length + ' plans listed, "' + (document.querySelector('[data-pm-plan-title]')?.textContent ?? '') + '" with ' + rows.length + ' rows, ' + entries + ' entries';
      })()`)) as string;
      const nav = (await page.evaluate(NAV_TIMING)) as { dcl: number } | null;
      // The due list comes after the first view and makes the worker read every
      // entry (50,000 here): closing the tab before it arrives left that work
      // running into the next open, which then measured two opens at once (the
      // first open of a run took ~200 ms, the next ones ~400-500 ms, idle machine).
      await page.waitForSelector('[data-pm-due]', { timeout: 60_000 }).catch(() => {});
      if (i === 0) cold = first;
      else samples.push({ first, charts: charts ?? NaN, dcl: nav?.dcl ?? NaN, shown });
    } finally {
      await page.close();
    }
  }
  const first = median(samples.map((r) => r.first));
  return { first, min: Math.min(...samples.map((r) => r.first)), charts: median(samples.map((r) => r.charts)), dcl: median(samples.map((r) => r.dcl)), cold, shown: samples.at(-1)!.shown, runs: samples.length };
}

/**
 * Our content script's longest main-thread task and a queued task's delay on
 * the hostile-load pages (the browser test logs these; here they meet goals).
 */
async function benchHostileLoad(log: (line: string) => void): Promise<void> {
  const frames = framesPages();
  const cases: [string, TestPage, boolean][] = [
    ['a 10 MB page', hugePage(), true],
    ['20,000 numbered lines', numberedLinesPage(), false],
    ['a page rewriting its DOM every 100 ms', churningPage(), true],
    ['a page with frames', frames.top, true],
    ['a long page that is not a plan', longNonPlanPage(), false],
  ];
  const server = await startServer([...cases.map((c) => c[1]), ...frames.inner]);
  for (const c of [...cases.map((x) => x[1]), ...frames.inner]) c.html = c.html.replaceAll('__PORT__', String(server.port));
  const browser = await launchWithExtension({ port: server.port, extensionDir: EXTENSION_DIR });
  try {
    for (const [name, page, badges] of cases) {
      const tab = await browser.context.newPage();
      try {
        const measured = await visitTraced(tab, server.url(page), badges);
        const delay = await queuedTaskDelay(tab);
        const ok = measured.run.longest <= 200 && delay < 200;
        log(`hostile load, ${name}: our longest task ${measured.run.longest} ms (goal ≤ 200), a queued task ran after ${Math.round(delay)} ms (goal < 200) — ${ok ? 'met' : '**missed**'}`);
      } finally {
        await tab.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function runBrowserBench(log: (line: string) => void): Promise<void> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    log(`no built extension in ${EXTENSION_DIR}: run \`npm run build:chrome\` first`);
    return;
  }
  const seedCount = seedFiles().length;
  // PLANMETER_BENCH_BROWSER=overlay, =dashboard, =hostile-load or =seed-tasks runs one part only.
  const only = process.env.PLANMETER_BENCH_BROWSER;
  const parts: [string, (log: (line: string) => void, seeds: number) => Promise<void>][] = [
    ['overlay', benchOverlay],
    ['dashboard', benchDashboard],
    ['hostile-load', benchHostileLoad],
    ['seed-tasks', (l) => benchSeedTasks(l, EXTENSION_DIR)],
  ];
  for (const [name, run] of parts) {
    if (only && only !== name) continue;
    try {
      await run(log, seedCount);
    } catch (error) {
      log(`${name}: could not run — ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
