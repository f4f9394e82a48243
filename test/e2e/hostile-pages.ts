// Pages built to hurt the extension, served by the harness's local server
// under *.gov.cn names (so the content script runs on them):
//   - a plan page whose own scripts, running BEFORE the content script,
//     redefine postMessage / Array.prototype / JSON / Promise / DOM methods,
//     define <planmeter-overlay> themselves, and then attack the overlay
//     (read its shadow root, forge messages and events, click and submit);
//   - a plan whose text carries markup and script (<img onerror>, </style>,
//     <script>) that must show as text;
//   - a 10 MB page, 20,000 numbered lines, a page rewriting its DOM every
//     100 ms, a page with frames, a long page that is not a plan.
// Every page records its long tasks (PerformanceObserver 'longtask') and the
// time its load ended, so a test can tell the page's own work from ours.
// Plus helpers: a digest of the extension's IndexedDB read from an extension
// page, and the long-task report.
import type { Page } from 'playwright-core';
import { EXTENSION_DIR } from './harness.ts';
import { escapeHtml, readSeed, type TestPage } from './pages.ts';
import { numberedLines } from '../bench/adversarial.ts';

const HOST = 'www.hostile.gov.cn';

/** Runs first in every page: records long tasks and the end of load; sets the "pwned" flag to a known value. */
const PROBE = `<script>
window.__pmPwned = 0;
window.__pmLongTasks = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.__pmLongTasks.push({ start: e.startTime, duration: e.duration, name: e.name }); });
  }).observe({ type: 'longtask', buffered: true });
} catch (e) {}
window.addEventListener('load', function () { window.__pmLoadEnd = performance.now(); });
document.addEventListener('DOMContentLoaded', function () { window.__pmDomReady = performance.now(); });
</script>`;

function shell(title: string, body: string, headScript = '', chrome = true): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
${PROBE}${headScript}
<style>body{font:16px/1.8 serif;margin:0 auto;max-width:1000px;padding:20px}</style>
</head><body>
${chrome ? '<div class="top">深圳市光明区人民政府 &gt; 政务公开 &gt; 规划计划</div>' : ''}
${body}
${chrome ? '<div class="foot">主办单位:深圳市光明区人民政府 版权所有</div>' : ''}
</body></html>`;
}

function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('\n');
}

/** A small plan no seed contains (unknown to the extension, so "track this plan" is offered). */
export function unknownPlanText(title = '某某区2025年优化营商环境攻坚行动方案', n = 8): string {
  const lines = [title, '为深入推进营商环境改革,结合本区实际,制定本方案。', '一、提升政务服务效能'];
  for (let i = 1; i <= n; i++) {
    lines.push(`${i}.推进第${i}项攻坚任务。全年新增服务企业不少于${i * 50}家,办理时限由${10 + i}个工作日压缩至${i}个工作日。(责任单位:区发展改革局、区政务服务数据管理局)`);
  }
  return lines.join('\n');
}

/**
 * Page scripts that run before the content script: they redefine what an
 * extension script might use, define the overlay element themselves, and once
 * the overlay shows, attack it. Every attempt is logged in window.__pmAttempts.
 */
const ATTACK = `<script>
(function () {
  var log = window.__pmAttempts = [];
  var setI = window.setInterval.bind(window), clearI = window.clearInterval.bind(window);
  var origMap = Array.prototype.map, origParse = JSON.parse, origStringify = JSON.stringify;
  // 1. Redefine globals an extension might lean on.
  window.postMessage = function () { log.push('postMessage called by someone'); };
  Array.prototype.map = function () { throw new Error('page-redefined Array.prototype.map'); };
  Array.prototype.forEach = function () { throw new Error('page-redefined Array.prototype.forEach'); };
  JSON.parse = function () { throw new Error('page-redefined JSON.parse'); };
  JSON.stringify = function () { return '{"hijacked":true}'; };
  Object.defineProperty(Object.prototype, 'planId', { get: function () { return 'plan_hijacked'; }, set: function () {}, configurable: true });
  Object.prototype.isTrusted = true;
  Promise.prototype.then = (function (then) { return function (a, b) { return then.call(this, a, b); }; })(Promise.prototype.then);
  var origAttach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { log.push('attachShadow seen'); return origAttach.call(this, { mode: 'open' }); };
  var origAdd = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) { return origAdd.call(this, type, fn, opts); };
  document.createElement = (function (ce) { return function (tag) { return ce.apply(document, arguments); }; })(document.createElement);
  window.requestIdleCallback = function () { log.push('requestIdleCallback hijacked'); return 0; };
  window.MutationObserver = function () { return { observe: function () {}, disconnect: function () {} }; };
  try {
    customElements.define('planmeter-overlay', class extends HTMLElement {
      connectedCallback() { window.__pmUpgraded = true; }
    });
  } catch (e) { log.push('define failed ' + e); }
  // 2. Once the overlay shows: read it, forge messages and events, click and submit everything.
  var rounds = 0;
  var timer = setI(function () {
    var host = document.querySelector('planmeter-overlay');
    var root = host && host.shadowRoot;
    if (!root || !root.querySelector('[data-pm-measure]')) return;
    rounds++;
    log.push('round ' + rounds + ': shadow root has ' + root.querySelectorAll('*').length + ' elements');
    // Look for the extension's data in the page's own storage.
    try {
      indexedDB.databases().then(function (list) {
        var names = [];
        for (var d = 0; d < list.length; d++) names.push(list[d].name);
        document.documentElement.setAttribute('data-pm-page-dbs', names.join(','));
      });
      var keys = [];
      for (var n = 0; n < localStorage.length; n++) keys.push(localStorage.key(n));
      for (var n2 = 0; n2 < sessionStorage.length; n2++) keys.push(sessionStorage.key(n2));
      document.documentElement.setAttribute('data-pm-page-storage', keys.join(',') + '|' + document.cookie);
    } catch (e) { log.push('storage probe ' + e); }
    var forged = { type: 'entry.put', payload: { entry: { id: 'forged-' + rounds, planId: 'x', measureId: 'y', kind: 'status', percent: 100, date: '2025-01-01', updatedAt: '2025-01-01T00:00:00Z' } } };
    try { window.top.postMessage(forged, '*'); } catch (e) {}
    try { EventTarget.prototype.dispatchEvent.call(window, new MessageEvent('message', { data: forged, origin: location.origin })); } catch (e) {}
    try { if (window.chrome && chrome.runtime && chrome.runtime.sendMessage) chrome.runtime.sendMessage('abcdefghijklmnopabcdefghijklmnop', forged, function () {}); } catch (e) { log.push('chrome.runtime: ' + e.message); }
    var types = ['planmeter:entry', 'planmeter-save', 'pm-message', 'message'];
    for (var t = 0; t < types.length; t++) {
      try { document.dispatchEvent(new CustomEvent(types[t], { detail: forged, bubbles: true, composed: true })); } catch (e) {}
      try { host.dispatchEvent(new CustomEvent(types[t], { detail: forged, bubbles: true, composed: true })); } catch (e) {}
    }
    // Everything clickable except the card's close button (closing a card is harmless, and the form must stay up to be attacked).
    var all = root.querySelectorAll('button:not(.pm-close), [data-pm-measure], a, summary');
    for (var i = 0; i < all.length && i < 400; i++) { try { all[i].click(); } catch (e) {} }
    var inputs = root.querySelectorAll('input, textarea, select');
    for (var j = 0; j < inputs.length; j++) {
      try {
        var el = inputs[j];
        if (el.tagName === 'SELECT') { el.selectedIndex = el.options.length - 1; }
        else if (el.type === 'number') el.value = '999999';
        else if (el.type === 'date') el.value = '2025-01-01';
        else el.value = '=HYPERLINK("http://evil")';
        el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      } catch (e) {}
    }
    var forms = root.querySelectorAll('form');
    for (var k = 0; k < forms.length; k++) {
      try { forms[k].requestSubmit(); } catch (e) {}
      try { forms[k].dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })); } catch (e) {}
    }
    // Results go into DOM attributes: with Array.prototype and JSON redefined, a test cannot evaluate in this page's world.
    var de = document.documentElement;
    de.setAttribute('data-pm-attempts', String(log.length));
    de.setAttribute('data-pm-chrome-runtime', typeof (window.chrome && window.chrome.runtime && window.chrome.runtime.sendMessage));
    de.setAttribute('data-pm-upgraded', String(!!window.__pmUpgraded));
    if (rounds >= 8) { clearI(timer); window.__pmAttackDone = true; de.setAttribute('data-pm-attack', 'done'); }
  }, 400);
})();
</script>`;

export function hostileScriptPage(path = '/hostile/scripts.html'): TestPage {
  return { path, host: HOST, seed: '', layout: 'paragraphs', html: shell('某某区2025年优化营商环境攻坚行动方案', paragraphs(unknownPlanText()), ATTACK) };
}

/** The same attack on a page the extension already knows (the seed district plan, tracked on first run). */
export function hostileKnownPlanPage(path = '/hostile/known.html'): TestPage {
  return { path, host: HOST, seed: '000_5c7a958c132072e2.txt', layout: 'paragraphs', html: shell('光明区2025年优化营商环境改革工作方案', paragraphs(readSeed('000_5c7a958c132072e2.txt')), ATTACK) };
}

/** Markup and script as plan text: in the title, a measure's lead phrase and a target's label. */
export const MARKUP = {
  img: '<img src=x onerror="window.__pmPwned=1">',
  style: '</style><style>*{display:none!important}</style>',
  script: '<script>window.__pmPwned=2</script>',
  svg: '<svg onload="window.__pmPwned=3">',
  link: '<a href="javascript:window.__pmPwned=4">点此</a>',
};

export function markupPlanText(): string {
  const lines = [`${MARKUP.img}某某区2025年营商环境${MARKUP.style}改革工作方案`, '为深入推进营商环境改革,结合本区实际,制定本方案。', '一、提升政务服务效能'];
  for (let i = 1; i <= 6; i++) {
    const lead = i === 1 ? `打造${MARKUP.script}知识产权服务样板` : i === 2 ? `推进${MARKUP.svg}信用修复` : i === 3 ? `推进${MARKUP.img}第3项改革任务` : i === 4 ? `推进${MARKUP.style}第4项改革任务` : `推进第${i}项改革任务`;
    const target = i === 1 ? `制定${MARKUP.img}服务包不少于200个` : i === 3 ? `上线${MARKUP.link}平台不少于3个` : `服务企业不少于${i * 100}家`;
    lines.push(`${i}.${lead}。健全公共服务体系,${target}。(责任单位:区发展改革局、区市场监管局)`);
  }
  return lines.join('\n');
}

export function markupPage(path = '/hostile/markup.html'): TestPage {
  return { path, host: HOST, seed: '', layout: 'paragraphs', html: shell('营商环境改革工作方案', paragraphs(markupPlanText()), '', false) };
}

/** About `bytes` of page text: the seed plans over and over (a plan-like 10 MB page, the parser's worst case). */
export function hugePage(bytes = 10_000_000, path = '/hostile/huge.html'): TestPage {
  const seeds = ['000_5c7a958c132072e2.txt', '003_a85699c24c36714f.txt', '004_e9acea2c6d31d80c.txt'].map((f) => paragraphs(readSeed(f)));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = seeds[i % seeds.length]!;
    parts.push(`<div class="doc" id="d${i}">${p}</div>`);
    size += Buffer.byteLength(p);
  }
  return { path, host: HOST, seed: '', layout: 'paragraphs', html: shell('政策文件汇编', parts.join('\n')) };
}

export function numberedLinesPage(count = 20_000, path = '/hostile/numbered.html'): TestPage {
  const body = `<div class="TRS_Editor">${numberedLines(count).split('\n').map((l) => escapeHtml(l)).join('<br>\n')}</div>`;
  return { path, host: HOST, seed: '', layout: 'br', html: shell('工作方案', body) };
}

/** The seed plan, with a ticker and a paragraph the page's script rewrites every 100 ms. */
export function churningPage(path = '/hostile/churn.html'): TestPage {
  const script = `<script>
window.__pmChurns = 0;
setInterval(function () {
  window.__pmChurns++;
  var t = document.getElementById('ticker');
  if (t) t.innerHTML = '<span>' + new Date().toISOString() + '</span><span>访问量 ' + window.__pmChurns + '</span>';
  var ps = document.querySelectorAll('.TRS_Editor p');
  var p = ps[window.__pmChurns % ps.length];
  if (p) { var txt = p.textContent; p.textContent = ''; p.appendChild(document.createTextNode(txt)); }
  var box = document.getElementById('ads');
  if (box) { box.innerHTML = ''; for (var i = 0; i < 50; i++) { var d = document.createElement('div'); d.textContent = '推荐阅读 ' + (window.__pmChurns + i); box.appendChild(d); } }
}, 100);
</script>`;
  const body = `<div id="ticker"></div><div id="ads"></div><div class="TRS_Editor">${paragraphs(readSeed('000_5c7a958c132072e2.txt'))}</div>`;
  return { path, host: HOST, seed: '000_5c7a958c132072e2.txt', layout: 'paragraphs', html: shell('光明区2025年优化营商环境改革工作方案', body, script) };
}

/** A plan page with frames: a same-site plan, a page on another gov host, a srcdoc frame and a nested frameset-like page. */
export function framesPages(): { top: TestPage; inner: TestPage[] } {
  const innerPlan: TestPage = { path: '/hostile/frame-plan.html', host: HOST, seed: '', layout: 'paragraphs', html: shell('框架内方案', paragraphs(unknownPlanText('框架内2025年优化营商环境工作方案', 5))) };
  const nested: TestPage = { path: '/hostile/frame-nested.html', host: 'www.other.gov.cn', seed: '', layout: 'paragraphs', html: shell('嵌套', `<iframe src="/hostile/frame-plan.html" width="600" height="300"></iframe><p>嵌套框架页</p>`) };
  const body = `<iframe src="/hostile/frame-plan.html" width="800" height="400"></iframe>
<iframe src="http://www.other.gov.cn:__PORT__/hostile/frame-nested.html" width="800" height="400"></iframe>
<iframe srcdoc="<p>1.内嵌文字(责任单位:区财政局)</p><p>2.内嵌文字(责任单位:区财政局)</p><p>3.内嵌文字(责任单位:区财政局)</p>" width="800" height="200"></iframe>
<div class="TRS_Editor">${paragraphs(readSeed('000_5c7a958c132072e2.txt'))}</div>`;
  const top: TestPage = { path: '/hostile/frames.html', host: HOST, seed: '000_5c7a958c132072e2.txt', layout: 'paragraphs', html: shell('光明区2025年优化营商环境改革工作方案', body) };
  return { top, inner: [innerPlan, nested] };
}

/** A long page that is not a plan: 3,000 news headlines with dates and numbers. */
export function longNonPlanPage(path = '/hostile/news.html'): TestPage {
  const items = Array.from({ length: 3000 }, (_, i) => `<li><a href="/xw/${i}.html">光明区第${i + 1}次常务会议召开 研究部署${(i % 12) + 1}月重点工作</a><span>2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}</span></li>`);
  return { path, host: HOST, seed: '', layout: 'news', html: shell('新闻中心', `<ul>${items.join('\n')}</ul>`) };
}

// ---- helpers for the tests ----

/**
 * SHA-256 of the extension's IndexedDB: every object store, every record in
 * key order. Runs in an extension page (the database lives in the extension
 * origin) with the raw IndexedDB API, so it reads exactly what is stored.
 */
export async function extensionDbDigest(extPage: Page): Promise<{ digest: string; counts: Record<string, number> }> {
  return extPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('planmeter');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const counts: Record<string, number> = {};
    const parts: string[] = [];
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
    for (const name of Array.from(db.objectStoreNames).sort()) {
      const rows = await new Promise<unknown[]>((ok, fail) => {
        const req = db.transaction(name, 'readonly').objectStore(name).getAll();
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      counts[name] = rows.length;
      parts.push(name, JSON.stringify(rows.map(sortKeys)));
    }
    db.close();
    const bytes = new TextEncoder().encode(parts.join('\n'));
    const hash = await crypto.subtle.digest('SHA-256', bytes);
    return { digest: Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join(''), counts };
  });
}

export interface LongTaskReport {
  loadEnd: number;
  domReady: number;
  tasks: { start: number; duration: number; name: string }[];
}

export function longTasks(page: Page): Promise<LongTaskReport> {
  return page.evaluate(() => ({
    loadEnd: (window as unknown as { __pmLoadEnd?: number }).__pmLoadEnd ?? 0,
    domReady: (window as unknown as { __pmDomReady?: number }).__pmDomReady ?? 0,
    tasks: ((window as unknown as { __pmLongTasks?: { start: number; duration: number; name: string }[] }).__pmLongTasks ?? []).slice(),
  }));
}

/** Waits until the seed plans are in the extension's database (first run parses them). */
export async function waitForSeeds(extPage: Page, atLeast = 4, timeout = 60_000): Promise<void> {
  const end = Date.now() + timeout;
  // Any message makes the background seed the plans if it has not yet (the reply itself does not matter).
  await extPage.evaluate(() => chrome.runtime.sendMessage({ type: 'score.get', payload: { planId: 'none' } })).catch(() => {});
  for (;;) {
    const { counts } = await extensionDbDigest(extPage).catch(() => ({ counts: {} as Record<string, number> }));
    if ((counts.plans ?? 0) >= atLeast) return;
    if (Date.now() > end) throw new Error(`seed plans not stored after ${timeout} ms (${JSON.stringify(counts)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The built extension to load: PLANMETER_EXT_DIR (a stable copy while others rebuild) or the harness default. */
export const EXT_DIR = process.env.PLANMETER_EXT_DIR ?? EXTENSION_DIR;

/** Every record of one object store of the extension's database, read from an extension page. */
export async function readStore<T = Record<string, unknown>>(extPage: Page, store: string): Promise<T[]> {
  return extPage.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('planmeter');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const rows = await new Promise<unknown[]>((ok, fail) => {
      const req = db.transaction(name, 'readonly').objectStore(name).getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

/** Sends a typed request to the background from an extension page; resolves to the raw reply (ok or error), or {ok:false, code:'transport'} when the message never got an answer. */
export async function sendRaw(extPage: Page, type: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; code?: string; message?: string }> {
  return extPage.evaluate(
    async ([t, p]) => {
      try {
        const reply = (await chrome.runtime.sendMessage({ type: t, payload: p })) as { ok: boolean } | undefined;
        return reply ?? { ok: false, code: 'transport', message: 'no reply' };
      } catch (error) {
        return { ok: false, code: 'transport', message: String(error) };
      }
    },
    [type, payload] as const,
  );
}
