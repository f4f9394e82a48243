// Our content script's main-thread time on a page, from a Chrome trace
// (CDP Tracing with V8's sampling profiler): shared by the hostile-load
// browser test (which logs it) and \`npm run bench\` (which holds the goals).
import type { CDPSession, Page } from 'playwright-core';
import { longTasks } from './hostile-pages.ts';

/** Time after load during which the content script reads, parses, anchors and re-anchors (the churn page keeps mutating). */
export const SETTLE_MS = 10_000;
const OURS = 'content-scripts/content.js';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { data?: { cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number } }[]; samples?: number[] }; timeDeltas?: number[]; startTime?: number } };
}

type TaskTimes = { longest: number; total: number; longestTask: number; hot: string };

/** The whole text of a trace that Tracing.end returned as a stream (read in 4 MB slices, then closed). */
export async function readTraceStream(cdp: CDPSession, stream: string): Promise<string> {
  const parts: string[] = [];
  for (;;) {
    const r = (await cdp.send('IO.read', { handle: stream, size: 1 << 22 } as never)) as { data: string; base64Encoded?: boolean; eof: boolean };
    parts.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data);
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream } as never);
  return parts.join('');
}

/** Our script's main-thread time in each task: the longest (ms), the total (ms), and the longest task overall. */
export function ourTimePerTask(events: TraceEvent[]): TaskTimes {
  // The profiler samples each renderer's main thread. A page with cross-site frames has
  // several renderers, each with its own profile (all with the same id, 0x1): each is read
  // with its own chunks only, and the page's is the one that saw our script.
  const profiles = events.filter((e) => e.name === 'Profile');
  if (profiles.length === 0) throw new Error('no CPU profile in the trace');
  return profiles.map((profile) => timesIn(events, profile)).reduce((a, b) => (b.total > a.total ? b : a));
}

function timesIn(events: TraceEvent[], profile: TraceEvent): TaskTimes {
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === profile.pid).sort((a, b) => a.ts - b.ts);
  const parent = new Map<number, number>();
  const url = new Map<number, string>();
  const fname = new Map<number, string>();
  const samples: { ts: number; node: number }[] = [];
  let t = profile.args?.data?.startTime ?? profile.ts;
  for (const c of chunks) {
    const cp = c.args?.data?.cpuProfile;
    for (const n of cp?.nodes ?? []) {
      url.set(n.id, n.callFrame.url ?? '');
      fname.set(n.id, `${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.columnNumber ?? ''}`);
      if (n.parent !== undefined) parent.set(n.id, n.parent);
    }
    const deltas = c.args?.data?.timeDeltas ?? [];
    (cp?.samples ?? []).forEach((node, i) => {
      t += deltas[i] ?? 0;
      samples.push({ ts: t, node });
    });
  }
  const memo = new Map<number, boolean>();
  const ours = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, false);
    const up = parent.get(id);
    const result = (url.get(id) ?? '').includes(OURS) || (up !== undefined && ours(up));
    memo.set(id, result);
    return result;
  };
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.tid === profile.tid && e.pid === profile.pid && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  let longest = 0;
  let total = 0;
  let longestTask = 0;
  let hot = '';
  let k = 0;
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    longestTask = Math.max(longestTask, task.dur! / 1000);
    while (k < samples.length && samples[k]!.ts < task.ts) k++;
    let mine = 0;
    const self = new Map<string, number>();
    for (let j = k; j < samples.length && samples[j]!.ts < end; j++) {
      if (!ours(samples[j]!.node)) continue;
      const next = samples[j + 1]?.ts ?? end;
      const dt = (Math.min(next, end) - samples[j]!.ts) / 1000;
      mine += dt;
      const key = fname.get(samples[j]!.node) ?? '?';
      self.set(key, (self.get(key) ?? 0) + dt);
    }
    if (mine > longest) {
      // Where the worst task's time went (self time by function), for the log.
      hot = [...self].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([f, ms]) => `${f} ${Math.round(ms)}ms`).join(', ');
    }
    longest = Math.max(longest, mine);
    total += mine;
  }
  return { longest: Math.round(longest), total: Math.round(total), longestTask: Math.round(longestTask), hot };
}

export async function visit(page: Page, url: string, expectBadges: boolean | undefined) {
  const cdp = await page.context().newCDPSession(page);
  const complete = new Promise<string>((ok) => cdp.on('Tracing.tracingComplete', (e: { stream?: string }) => ok(e.stream ?? '')));
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    // Tasks (RunTask) and V8's CPU samples. Tracing slows the page somewhat, so the numbers err on the high side.
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler'] },
  } as never);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (expectBadges) await page.locator('planmeter-overlay [data-pm-measure]').first().waitFor({ state: 'attached', timeout: 120_000 });
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('Tracing.end');
  const stream = await complete;
  const text = await readTraceStream(cdp, stream);
  await cdp.detach();
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  return { run: ourTimePerTask(events), badges: await page.locator('planmeter-overlay [data-pm-measure]').count(), longTasks: await longTasks(page) };
}


/** How long a task queued now waits to run (ms). */
export function queuedTaskDelay(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((ok) => { const t = performance.now(); setTimeout(() => ok(performance.now() - t), 0); }));
}
