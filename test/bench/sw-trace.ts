// A trace of one first visit (fresh profile, seeds stored, service worker
// stopped) to the largest seed page: what the service worker's thread does,
// task by task, relative to the page's DOMContentLoaded, with the functions
// that took the time. A tool for reading, not part of `npm run bench`:
//   npx tsx test/bench/sw-trace.ts            (PLANMETER_EXTENSION_DIR=... for another build)
import { allPages } from '../e2e/pages.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, chromiumArgs, startServer, waitForPlacedBadges, EXTENSION_DIR } from '../e2e/harness.ts';
import { readTraceStream } from '../e2e/load-trace.ts';
import { expectedOverlay } from '../e2e/expected.ts';

interface Ev {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      url?: string;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number } }[]; samples?: number[] };
      timeDeltas?: number[];
      startTime?: number;
    };
  };
}

const page0 = allPages()
  .filter((p) => p.seed)
  .sort((a, b) => Buffer.byteLength(b.html) - Buffer.byteLength(a.html))[0]!;
const want = (await expectedOverlay(page0)).reduce((n, e) => n + e.measureIds.length, 0);
const server = await startServer([page0]);
// Launched here (not by the e2e harness) with a debugging port: a browser-wide
// trace (Tracing on the browser target) is the one that holds the worker's process.
const userDataDir = mkdtempSync(join(tmpdir(), 'planmeter-swtrace-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1366, height: 900 },
  locale: 'zh-CN',
  args: [...chromiumArgs(EXTENSION_DIR), '--remote-debugging-port=0'],
});
const worker0 = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
const browser = { context, worker: worker0, extensionId: new URL(worker0.url()).host };
const port = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
const remote = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
try {
  // Seeds stored (the worker parses them on install), then the worker stopped.
  for (let i = 0; i < 300; i++) {
    const n = (await browser.worker.evaluate(`new Promise((ok) => { const r = indexedDB.open('planmeter'); r.onsuccess = () => { const db = r.result; if (!db.objectStoreNames.contains('settings')) { db.close(); return ok(0); } const a = db.transaction('settings').objectStore('settings').getAllKeys(); a.onsuccess = () => { db.close(); ok(a.result.filter((k) => String(k).startsWith('seed:')).length); }; }; r.onerror = () => ok(-1); })`)) as number;
    if (n >= 5) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const page = await browser.context.newPage();
  const cdp = await remote.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets' as never)) as { targetInfos: { type: string; url: string; targetId: string }[] };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
  if (sw) await cdp.send('Target.closeTarget' as never, { targetId: sw.targetId } as never);
  await new Promise((r) => setTimeout(r, 1500));
  const complete = new Promise<string>((ok) => cdp.on('Tracing.tracingComplete', (e: { stream?: string }) => ok(e.stream ?? '')));
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: [...(process.env.PM_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []), 'toplevel', 'v8', 'v8.execute', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'ServiceWorker', 'navigation', 'extensions', 'IndexedDB', '__metadata'],
    },
  } as never);
  await page.goto(server.url(page0), { waitUntil: 'load' });
  await waitForPlacedBadges(page, want);
  await page.waitForTimeout(500);
  await cdp.send('Tracing.end');
  const stream = await complete;
  const parsed = JSON.parse(await readTraceStream(cdp, stream)) as Ev[] | { traceEvents: Ev[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const dcl = events.find((e) => e.name === 'domContentLoadedEventStart' && e.ph !== 'M');
  const marks = events.filter((e) => e.name.startsWith('planmeter:') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'));
  const t0 = dcl?.ts ?? 0;
  const rel = (ts: number) => ((ts - t0) / 1000).toFixed(1);
  console.log(`DCL at trace ${t0}; marks: ${marks.map((m) => `${m.name.slice(10)} ${rel(m.ts)}`).join(', ')}`);
  console.log([...new Set(names.values())].join(', '));
  const bgPids = new Set(events.filter((e) => JSON.stringify(e.args ?? {}).includes('background.js')).map((e) => `${e.pid}:${e.tid}`));
  console.log(`threads naming background.js: ${[...bgPids].map((k) => `${k} ${names.get(k)}`).join(', ')}`);
  const swThreads = [...names].filter(([k, n]) => n === 'ServiceWorkerThread' || (bgPids.has(k) && !/Main|IO/u.test(n))).map(([k]) => k);
  console.log(`service worker threads: ${swThreads.join(', ')}`);
  for (const key of swThreads) {
    const [pid, tid] = key.split(':').map(Number);
    const on = events.filter((e) => e.pid === pid && e.tid === tid);
    const profile = on.find((e) => e.name === 'Profile');
    const nodes = new Map<number, { parent?: number; fn: string }>();
    const samples: { ts: number; node: number }[] = [];
    if (profile) {
      let t = profile.args?.data?.startTime ?? profile.ts;
      for (const c of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id).sort((a, b) => a.ts - b.ts)) {
        const cp = c.args?.data?.cpuProfile;
        for (const n of cp?.nodes ?? []) nodes.set(n.id, { parent: n.parent, fn: `${n.callFrame.functionName || '(anon)'}@${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}` });
        (cp?.samples ?? []).forEach((node, i) => {
          t += c.args?.data?.timeDeltas?.[i] ?? 0;
          samples.push({ ts: t, node });
        });
      }
    }
    const all = on.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    // Outermost tasks only (the two task names nest).
    const outer: Ev[] = [];
    for (const t of all) if (!outer.length || t.ts >= outer.at(-1)!.ts + outer.at(-1)!.dur!) outer.push(t);
    const tasks = outer.filter((t) => t.dur! > 1000);
    const busy = outer.reduce((n, t) => n + t.dur!, 0) / 1000;
    if (!outer.length) continue;
    console.log(`thread ${key}: busy ${busy.toFixed(1)} ms in ${outer.length} tasks from ${rel(outer[0]!.ts)} to ${rel(outer.at(-1)!.ts + outer.at(-1)!.dur!)}; first event ${rel(Math.min(...on.filter((e) => e.ph !== 'M').map((e) => e.ts)))} ms; ${tasks.length} tasks over 1 ms`);
    for (const task of tasks) {
      const end = task.ts + task.dur!;
      const inner = on.filter((e) => e.ph === 'X' && e.ts >= task.ts && e.ts < end && e !== task && !/RunTask|OnHandleReady|mojo|dispatchEvent|SendResult|callFunction|RunMicrotasks/u.test(e.name) && (e.dur ?? 0) > 2000).map((e) => `${e.name}${e.args?.data?.url ? `(${e.args.data.url.split('/').pop()})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`);
      const self = new Map<string, number>();
      const inTask = samples.filter((s) => s.ts >= task.ts && s.ts < end);
      inTask.forEach((s, i) => {
        const dt = ((inTask[i + 1]?.ts ?? end) - s.ts) / 1000;
        const fn = (nodes.get(s.node)?.fn ?? '?').replace(/@:undefined:undefined/u, '');
        self.set(fn, (self.get(fn) ?? 0) + dt);
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 10).filter(([, ms]) => ms >= 0.5).map(([f, ms]) => `${f} ${ms.toFixed(1)}`);
      console.log(`  task at ${rel(task.ts)} ms, ${(task.dur! / 1000).toFixed(1)} ms: ${inner.slice(0, 6).join('; ')}\n     self: ${top.join(', ')}`);
    }
  }
  const [origin, dclAt] = (await page.evaluate(`[performance.timeOrigin, performance.getEntriesByType('navigation')[0].domContentLoadedEventStart]`)) as [number, number];
  console.log(`page DCL ${dclAt.toFixed(1)} ms after navigation start`);
  // Timings the worker keeps when built with them (self.__pmT: [label, ms since its start] or durations).
  const sw2 = browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`));
  const kept = sw2 ? ((await sw2.evaluate(`[performance.timeOrigin, self.__pmT ?? null]`)) as [number, [string, number][] | null]) : null;
  if (kept?.[1]) {
    const at = (ms: number) => (kept[0] + ms - (origin + dclAt)).toFixed(1);
    console.log(`worker started ${at(0)} ms after DCL; ${kept[1].map(([l, t]) => (/^(modules|main|msg|seeded|replied|wake)/u.test(l) ? `${l} @${at(t)}` : `${l} ${t.toFixed(1)}ms`)).join(', ')}`);
  }
} finally {
  await remote.close().catch(() => {});
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  await server.close();
}
