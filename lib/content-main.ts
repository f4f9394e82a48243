// The content script's work: read the page text (in slices, when the page is
// idle), have the background parse it and say what it knows, and show the
// overlay. On a page that is not a plan it adds nothing at all to the page.
import { h, render } from 'preact';
import type { Plan } from '../engine/types.ts';
import { callBackground, callBackgroundRaw, callBackgroundRawPaced, checkParseReplyPaced, checkReplyData, checkResolveReplyPaced, dispatch, tabApi, type Entry, type Handler, type PlanViewData } from './messages.ts';
import { readPageTextPaced, type PageText } from './page-text.ts';
import { anchorMeasures, anchorMeasuresPaced } from './overlay/anchor.ts';
import { Overlay, type OverlayView } from './overlay/Overlay.tsx';
import { OVERLAY_CSS } from './overlay/styles.ts';
import { setLanguage } from '../components/i18n.ts';

export interface ContentDeps {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(fn: (message: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => boolean | void): void };
  };
}

/**
 * Words every work plan, programme or task list uses. A page without any of
 * them is not parsed at all (most pages on a government site are news).
 */
const PLAN_WORDS = /方案|规划|计划|措施|要点|清单|任务|责任单位|牵头单位|規劃|計劃|責任單位|牽頭單位|任務/u;

/** A macrotask pause: lets the page run between slices of our work. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Longest slice of page text per message: copying one huge message would itself be a long task (150k chars: ~10 ms on a slow machine). */
const PART_CHARS = 150_000;

/** A plan worth an overlay: enough numbered measures to be a work plan, not a news list. */
export function isPlanWorthShowing(plan: Plan): boolean {
  return plan.measures.length >= 3;
}

/** Waits for an idle moment (or a short timeout) so parsing never competes with the page's own load. */
function idle(timeout = 1500): Promise<void> {
  return new Promise((resolve) => {
    const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    if (ric) ric(() => resolve(), { timeout });
    else setTimeout(resolve, 50);
  });
}

export async function runContentScript(deps: ContentDeps): Promise<void> {
  let map: PageText | null = null;
  let pagePlans: Plan[] = [];
  let views: PlanViewData[] = [];
  let host: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let layoutTick = 0;
  /** The overlay panel's remembered state (undefined until the user toggles it once). */
  let panelCollapsed: boolean | undefined;
  const anchorCache = new Map<string, ReturnType<typeof anchorMeasures>>();
  let anchorsMap: PageText | null = null;

  const draw = () => {
    if (!map || views.length === 0) return;
    if (!host) {
      host = document.createElement('planmeter-overlay');
      host.style.cssText = 'position:absolute!important;top:0!important;left:0!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;display:block!important;z-index:2147483000!important;';
      const shadow = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = OVERLAY_CSS;
      mount = document.createElement('div');
      shadow.append(style, mount);
      document.documentElement.append(host);
      // The highlight style is installed only when a quote is first shown
      // (lib/overlay/Overlay.tsx useHighlight): a document-wide sheet added now
      // would restyle the whole page on the next layout read (seconds on a 10 MB page).
    }
    const byPageId = new Map(pagePlans.map((p) => [p.id, p]));
    const ovs: OverlayView[] = views.map((view) => {
      const pagePlan = byPageId.get(view.pagePlanId)!;
      // Anchors are found once per page reading and plan; relayouts reuse them.
      const key = `${view.planId}|${view.pagePlanId}`;
      let anchors = anchorsMap === map ? anchorCache.get(key) : undefined;
      if (!anchors) {
        anchors = anchorMeasures(map!, pagePlan, view.plan);
        anchorCache.set(key, anchors);
      }
      return { view, pagePlan, anchors };
    });
    anchorsMap = map;
    render(
      h(Overlay, {
        views: ovs,
        map,
        layoutTick,
        onTrack: async (pagePlanId: string) => {
          await track(pagePlanId);
        },
        onSaveEntry: async (view: PlanViewData, entry: Entry) => {
          const planId = view.tracked ? view.planId : await track(view.pagePlanId);
          await callBackground(deps.runtime, 'entry.put', { entry: { ...entry, planId } });
          await refresh();
        },
        onDeleteEntry: async (_view: PlanViewData, id: string) => {
          const { undoId } = await callBackground(deps.runtime, 'entry.delete', { id });
          await refresh();
          return undoId ? { undoId } : {};
        },
        onUndo: async (undoId: string) => {
          await callBackground(deps.runtime, 'undo.apply', { id: undoId });
          await refresh();
        },
        ...(panelCollapsed !== undefined ? { panelCollapsed } : {}),
        onPanelToggle: (collapsed: boolean) => {
          panelCollapsed = collapsed;
          void callBackground(deps.runtime, 'panel.set', { collapsed }).catch(() => {});
        },
      }),
      mount!,
    );
  };

  const track = async (pagePlanId: string): Promise<string> => {
    const plan = pagePlans.find((p) => p.id === pagePlanId);
    if (!plan) throw new Error(`no plan ${pagePlanId} on this page`);
    // The plan is validated in slices before it is sent (a plan of thousands of measures).
    const raw = await callBackgroundRawPaced(deps.runtime, 'plan.track', { url: location.href, plan }, yieldToPage);
    const { planId } = checkReplyData('plan.track', raw);
    await refresh();
    return planId;
  };

  const refresh = async () => {
    if (pagePlans.length === 0) return;
    // One plan per message: a page of many plans never sends (or receives, or
    // validates) all of them in one piece; each plan is validated in slices.
    const fresh: PlanViewData[] = [];
    let language: 'zh-CN' | 'en' | undefined;
    for (const plan of pagePlans) {
      const raw = await callBackgroundRawPaced(deps.runtime, 'page.resolve', { url: location.href, plans: [plan] }, yieldToPage);
      await yieldToPage();
      const reply = await checkResolveReplyPaced(raw, yieldToPage);
      fresh.push(...reply.views);
      language = reply.language;
      if (reply.panelCollapsed !== undefined) panelCollapsed = reply.panelCollapsed;
    }
    if (language) setLanguage(language);
    views = fresh;
    await reanchor();
    draw();
  };

  /** Anchors for the current views on the current page reading, found in slices before anything is drawn. */
  const reanchor = async () => {
    const reading = map;
    if (!reading) return;
    const byPageId = new Map(pagePlans.map((p) => [p.id, p]));
    const fresh = new Map<string, ReturnType<typeof anchorMeasures>>();
    for (const view of views) {
      const pagePlan = byPageId.get(view.pagePlanId);
      if (pagePlan) fresh.set(`${view.planId}|${view.pagePlanId}`, await anchorMeasuresPaced(reading, pagePlan, view.plan, yieldToPage));
    }
    anchorCache.clear();
    for (const [k, v] of fresh) anchorCache.set(k, v);
    anchorsMap = reading;
    // The page gets a turn between finding anchors and rendering badges.
    await yieldToPage();
  };

  const handlers: Handler<typeof tabApi> = {
    async 'tab.state'() {
      return { url: location.href, views };
    },
    async 'tab.refresh'({ planId }) {
      if (!planId || views.some((v) => v.planId === planId || v.pagePlanId === planId)) await refresh();
      return { ok: true as const };
    },
    async 'tab.track'({ pagePlanId }) {
      return { planId: await track(pagePlanId) };
    },
  };
  deps.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!message || typeof message !== 'object' || !String((message as { type?: unknown }).type ?? '').startsWith('tab.')) return;
    dispatch(tabApi, handlers, message, sender, deps.runtime.id).then(sendResponse);
    return true;
  });

  // Read and parse when the page is idle: never in the page's own load path.
  await idle();
  map = await readPageTextPaced(document.body, () => idle(200));
  if (map.text.length < 200 || !PLAN_WORDS.test(map.text)) return;
  // The engine parses in the background (the service worker): never on the
  // page's main thread, however long the page, and the traditional→simplified
  // dictionary stays out of the page. Spans index into the text sent.
  pagePlans = (await parseInBackground(deps, map.text)).filter(isPlanWorthShowing);
  if (pagePlans.length === 0) return; // Not a plan: leave the page untouched.
  await refresh();

  // Keep badges beside their text: one read pass + one write pass per frame at most.
  let scheduled = false;
  const relayout = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      layoutTick++;
      draw();
    });
  };
  addEventListener('resize', relayout, { passive: true });
  addEventListener('load', relayout, { passive: true });
  let lastReanchor = 0;
  let rereading = false;
  const observer = new MutationObserver((records) => {
    if (records.every((r) => host && (r.target === host || host.contains(r.target as Node)))) return;
    const now = Date.now();
    if (now - lastReanchor < 1000 || rereading) return;
    lastReanchor = now;
    setTimeout(() => {
      // Text nodes may have been replaced: read the page again (paced), then re-anchor by quote.
      if (!map!.nodes.some((n) => !n.isConnected)) return relayout();
      rereading = true;
      void readPageTextPaced(document.body, () => idle(200))
        .then(async (fresh) => {
          map = fresh;
          // Re-anchor in slices here, not all at once inside the next draw.
          await reanchor();
          relayout();
        })
        .finally(() => {
          rereading = false;
        });
    }, 300);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** Sends the page text to the background (in slices when long) and validates the plans in slices. */
async function parseInBackground(deps: ContentDeps, text: string): Promise<Plan[]> {
  let raw: unknown;
  if (text.length <= PART_CHARS) {
    raw = await callBackgroundRaw(deps.runtime, 'page.parse', { text });
  } else {
    const key = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const count = Math.ceil(text.length / PART_CHARS);
    for (let i = 0; i < count; i++) {
      await callBackground(deps.runtime, 'page.part', { key, index: i, text: text.slice(i * PART_CHARS, (i + 1) * PART_CHARS) });
    }
    raw = await callBackgroundRaw(deps.runtime, 'page.parse', { key, parts: count });
  }
  return (await checkParseReplyPaced(raw, yieldToPage)).plans;
}

