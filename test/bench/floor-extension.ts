// The overlay's floor for `npm run bench` (issue 15): a minimal MV3 extension,
// written to a temp dir, whose content script does the least any overlay must
// do — read the page's text and place `badges` static badges at known offsets —
// and nothing else: no service worker round trip, no parse, no framework.
// It builds the same host the bench watches (`<planmeter-overlay>`, an open
// shadow root, `.pm-layer [data-pm-measure]` badges made visible once placed),
// so PlanMeter and the floor are timed by the same in-page watcher.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Content script: runs at document_end, reads text nodes, positions one badge per known offset (reads first, then writes). */
const CONTENT = `(() => {
  const want = __BADGES__;
  const nodes = [];
  const starts = [];
  let length = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    nodes.push(n);
    starts.push(length);
    length += n.data.length + 1;
  }
  if (nodes.length === 0) return;
  // Known offsets: evenly through the text.
  const at = (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const host = document.createElement('planmeter-overlay');
  host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;display:block;z-index:2147483000';
  const root = host.attachShadow({ mode: 'open' });
  const layer = document.createElement('div');
  layer.className = 'pm-layer';
  root.append(layer);
  document.documentElement.append(host);
  const rects = [];
  for (let i = 0; i < want; i++) {
    const k = at(Math.floor((i * length) / want));
    const range = document.createRange();
    range.setStart(nodes[k], 0);
    range.setEnd(nodes[k], Math.min(1, nodes[k].data.length));
    rects.push(range.getBoundingClientRect());
  }
  const frag = document.createDocumentFragment();
  rects.forEach((r, i) => {
    const b = document.createElement('span');
    b.setAttribute('data-pm-measure', String(i));
    b.textContent = '0%';
    b.style.cssText = 'position:absolute;font:12px sans-serif;background:#eee;top:' + (r.top + scrollY) + 'px;left:' + Math.max(0, r.left + scrollX - 40) + 'px;visibility:visible';
    frag.append(b);
  });
  layer.append(frag);
})();`;

export interface FloorExtension {
  dir: string;
  remove(): void;
}

/** Writes the floor extension for pages under `matches`, placing `badges` badges. */
export function writeFloorExtension(badges: number, matches: string[]): FloorExtension {
  const dir = mkdtempSync(join(tmpdir(), 'planmeter-floor-ext-'));
  const manifest = {
    manifest_version: 3,
    name: 'PlanMeter bench floor',
    version: '0.0.1',
    // A service worker so the bench's launcher (which waits for one) treats it like PlanMeter.
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches, js: ['content.js'], run_at: 'document_end', all_frames: false }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), '// nothing: the floor needs no service worker work\n');
  writeFileSync(join(dir, 'content.js'), CONTENT.replace('__BADGES__', String(Math.max(0, Math.floor(badges)))));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
