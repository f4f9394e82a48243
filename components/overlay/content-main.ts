// The content script's work: read the page text (in slices), have the
// background parse it and say what it knows in one round trip, and show the
// overlay. On a page that is not a plan it adds nothing at all to the page.
// Everything it leaves running (listeners, the observer, timers, the overlay's
// host) belongs to WXT's context `ctx`: when the extension is reloaded or
// updated, the context is invalidated and all of it goes.
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Plan } from '../../engine/types.ts';
import { callBackground, callBackgroundRaw, callBackgroundRawPaced, checkRelatedReplyPaced, checkTagsReplyPaced, checkReplyData, checkResolveReplyPaced, dispatch, tabApi, type CorrectionStateData, type Entry, type Handler, type PlanViewData, type SuggestionData } from '../../lib/messages.ts';
import { SuggestionMarks } from './SuggestionMarks.tsx';
import type { Correction as CorrectionOp } from '../../engine/corrections/schema.ts';
import { readPageTextPaced, type PageText } from '../../lib/page-text.ts';
import { Pacer } from '../../lib/pace.ts';
import { FIGURE_RE, isPlanWorthShowing, openInBackground, pageTextPayload, PLAN_WORDS, SUGGEST_MAX_CHARS, yieldToPage, type ContentDeps } from '../../lib/content-page.ts';
import { anchorMeasures, anchorMeasuresPaced, readPositionsPaced, type Position } from '../../lib/overlay/anchor.ts';
import { Overlay, type OverlayView } from './Overlay.tsx';
import { roomForPanel } from './Summary.tsx';
import { OVERLAY_CSS } from './styles.ts';
import { setLanguage } from '../../utils/i18n.ts';

/** The host's own box: a 0×0 layer at the document's origin, above the page. */
const HOST_STYLE = 'position:absolute!important;top:0!important;left:0!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;display:block!important;z-index:2147483000!important;';

export async function runContentScript(deps: ContentDeps): Promise<void> {
  const { ctx } = deps;
  // The overlay is drawn after the page's first frame, so the page's first layout
  // (hundreds of ms on a page of 20,000 lines) is the page's own, never part of a
  // task of ours. A hidden tab has no frames: then after 200 ms.
  const firstFrame = new Promise<void>((resolve) => {
    ctx.requestAnimationFrame(() => ctx.setTimeout(resolve, 0));
    ctx.setTimeout(resolve, 200);
  });
  /** Waits for an idle moment (or a short timeout): re-reading a changing page never competes with it. */
  const idle = (timeout: number) =>
    new Promise<void>((resolve) => {
      if (typeof requestIdleCallback === 'function') ctx.requestIdleCallback(() => resolve(), { timeout });
      else ctx.setTimeout(resolve, 50);
    });
  let map: PageText | null = null;
  let pagePlans: Plan[] = [];
  let views: PlanViewData[] = [];
  let ui: Promise<{ mount: HTMLElement; suggestMount: HTMLElement }> | null = null;
  let hostEl: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let layoutTick = 0;
  /** The overlay panel's remembered state (undefined until the user toggles it once). */
  let panelCollapsed: boolean | undefined;
  let corrections: CorrectionStateData = { count: 0, unresolved: 0, ops: [] };
  let watching = false;
  const anchorCache = new Map<string, ReturnType<typeof anchorMeasures>>();
  let anchorsMap: PageText | null = null;
  let suggestions: SuggestionData[] = [];
  let suggestMount: HTMLElement | null = null;
  let suggestShown = false;

  /**
   * The one <planmeter-overlay> host with its shadow root (WXT's
   * createShadowRootUi), created on first use; removed, with everything
   * rendered in it, when the context is invalidated.
   */
  const ensureHost = () => {
    ui ??= createShadowRootUi(ctx, {
      name: 'planmeter-overlay',
      position: 'inline',
      anchor: document.documentElement,
      append: 'last',
      // Our own reset (`:host { all: initial }` in OVERLAY_CSS) and the host's inline box, not WXT's !important one.
      inheritStyles: true,
      css: OVERLAY_CSS,
      onMount(_container, shadow, shadowHost) {
        shadowHost.style.cssText = HOST_STYLE;
        hostEl = shadowHost;
        // WXT wraps the UI in <html><head><style></head><body> inside the shadow
        // root; an <html> element there is found by document-level `html`
        // selectors of tools that pierce open shadow roots. The shadow root
        // holds what it always held: the style, then the overlay's mounts.
        const style = shadow.querySelector('style');
        const main = document.createElement('div');
        const marks = document.createElement('div');
        shadow.replaceChildren(...(style ? [style] : []), main, marks);
        return { main, marks };
      },
      onRemove(mounted) {
        if (!mounted) return;
        render(null, mounted.main);
        render(null, mounted.marks);
      },
    }).then((created) => {
      created.mount();
      const { main, marks } = created.mounted!;
      mount = main;
      suggestMount = marks;
      return { mount: main, suggestMount: marks };
    });
    return ui;
  };

  const drawSuggestions = async () => {
    if (!map || ctx.isInvalid) return;
    if (suggestions.length === 0 && !suggestShown) return; // nothing to show: the page stays untouched
    await ensureHost();
    if (ctx.isInvalid) return;
    suggestShown = true;
    render(h(SuggestionMarks, { suggestions, map, layoutTick, onAccept: acceptSuggestion }), suggestMount!);
  };

  const fetchSuggestions = async () => {
    if (!map || map.text.length > SUGGEST_MAX_CHARS || !FIGURE_RE.test(map.text)) return;
    const reply = await callBackground(deps.runtime, 'page.suggest', { text: map.text, url: location.href, title: document.title.slice(0, 2000) });
    suggestions = reply.suggestions;
    await drawSuggestions();
  };

  const acceptSuggestion = async (s: SuggestionData) => {
    await callBackground(deps.runtime, 'suggestion.accept', { suggestion: s, url: location.href, title: document.title.slice(0, 2000) });
    await fetchSuggestions();
  };

  /**
   * Renders the overlay (the host is made first, by refresh). The highlight
   * style is installed only when a quote is first shown (Overlay.tsx
   * useHighlight): a document-wide sheet added now would restyle the whole page
   * on the next layout read (seconds on a 10 MB page).
   */
  const draw = (firstLayout?: { positions: readonly (Position | null)[]; room: boolean }) => {
    if (!map || views.length === 0 || !mount || ctx.isInvalid) return;
    const ovs = overlayViews();
    render(
      h(Overlay, {
        views: ovs,
        map,
        layoutTick,
        firstLayout,
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
        onSetDeadline: async (view: PlanViewData, measureId: string, date: string | null) => {
          await callBackground(deps.runtime, 'deadline.set', { planId: view.planId, measureId, date });
        },
        corrections,
        onCorrect: async (ops: CorrectionOp[]) => correct(ops),
        onUndoCorrection: async () => undo(),
        readTarget: async (quote: string) => (await callBackground(deps.runtime, 'target.read', { quote })).fields,
      }),
      mount!,
    );
  };

  /** The views as the overlay draws them, with their anchors (found once per page reading and plan). */
  const overlayViews = (): OverlayView[] => {
    const reading = map!;
    const byPageId = new Map(pagePlans.map((p) => [p.id, p]));
    const ovs: OverlayView[] = views.map((view) => {
      const pagePlan = byPageId.get(view.pagePlanId)!;
      // Anchors are found once per page reading and plan; relayouts reuse them.
      const key = `${view.planId}|${view.pagePlanId}`;
      let anchors = anchorsMap === reading ? anchorCache.get(key) : undefined;
      if (!anchors) {
        anchors = anchorMeasures(reading, pagePlan, view.plan);
        anchorCache.set(key, anchors);
      }
      return { view, pagePlan, anchors };
    });
    anchorsMap = reading;
    return ovs;
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

  /** Stores the user's corrections (a trusted action in the card or the popup) and shows the page as corrected. */
  const correct = async (ops: CorrectionOp[]) => {
    if (!map) throw new Error('the page has not been read yet');
    const reply = await callBackground(deps.runtime, 'corrections.add', { ...(await pageTextPayload(deps, map.text)), url: location.href, corrections: ops });
    await showCorrected(reply.plans, reply.corrections);
    return reply;
  };
  const undo = async () => {
    if (!map) return;
    const reply = await callBackground(deps.runtime, 'corrections.undo', { ...(await pageTextPayload(deps, map.text)), url: location.href });
    await showCorrected(reply.plans, reply.corrections);
  };
  const showCorrected = async (plans: Plan[], state: CorrectionStateData) => {
    corrections = state;
    pagePlans = plans.filter((p) => isPlanWorthShowing(p) || (state.count > 0 && p.measures.length > 0));
    anchorCache.clear();
    if (pagePlans.length === 0) {
      views = [];
      if (mount) render(null, mount);
      return;
    }
    watch();
    await refresh();
  };

  /** Takes the views to show (one plan's, or all of a page's), anchors them and draws. */
  const show = async (fresh: PlanViewData[], language: 'zh-CN' | 'en' | undefined) => {
    if (ctx.isInvalid) return;
    if (language) setLanguage(language);
    views = fresh;
    performance.mark('planmeter:resolved');
    await reanchor();
    performance.mark('planmeter:anchored');
    await firstFrame;
    await ensureHost();
    if (ctx.isInvalid) return;
    // Where the badges go and whether the panel has room, read before drawing: the page's
    // layout is clean then (its first frame has passed), so the reads are cheap, and the
    // badges are placed in the same task they are drawn in.
    const anchors = overlayViews().flatMap((ov) => ov.anchors);
    const positions = await readPositionsPaced(anchors, yieldToPage, () => ctx.isInvalid);
    if (!positions) return;
    draw({ positions, room: roomForPanel() });
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
    await show(fresh, language);
  };

  /** Anchors for the current views on the current page reading, found in slices before anything is drawn. */
  const reanchor = async () => {
    const reading = map;
    if (!reading) return;
    const pacer = new Pacer(yieldToPage);
    const byPageId = new Map(pagePlans.map((p) => [p.id, p]));
    const fresh = new Map<string, ReturnType<typeof anchorMeasures>>();
    for (const view of views) {
      const pagePlan = byPageId.get(view.pagePlanId);
      if (pagePlan) fresh.set(`${view.planId}|${view.pagePlanId}`, await anchorMeasuresPaced(reading, pagePlan, view.plan, yieldToPage));
    }
    anchorCache.clear();
    for (const [k, v] of fresh) anchorCache.set(k, v);
    anchorsMap = reading;
    // The page gets a turn between finding anchors and rendering badges (when anchoring took a while).
    if (pacer.due) await yieldToPage();
  };

  /** Each plan's tags (for the card), asked for after the badges are drawn (page.open leaves them out). */
  const fillTags = async () => {
    if (!map || !views.some((v) => v.tags === undefined && v.tagChoices === undefined)) return;
    const reply = await checkTagsReplyPaced(await callBackgroundRaw(deps.runtime, 'page.tags', { ...(await pageTextPayload(deps, map.text)), url: location.href }), yieldToPage);
    if (ctx.isInvalid) return;
    let filled = false;
    // A refresh meanwhile brought its own tags (page.resolve): keep those.
    views = views.map((v) => {
      const t = reply.views.find((x) => x.pagePlanId === v.pagePlanId && x.planId === v.planId);
      if (!t || v.tags !== undefined || v.tagChoices !== undefined || (t.tags === undefined && t.tagChoices === undefined)) return v;
      filled = true;
      return { ...v, ...(t.tags ? { tags: t.tags } : {}), ...(t.tagChoices ? { tagChoices: t.tagChoices } : {}) };
    });
    if (filled) draw();
  };

  /** Related measures of the stored plans shown, asked for after the badges are drawn (page.open leaves them out). */
  const fillRelated = async () => {
    let filled = false;
    for (const view of views) {
      if (!view.known || Object.keys(view.related).length > 0) continue;
      const { related } = await checkRelatedReplyPaced(await callBackgroundRaw(deps.runtime, 'plan.related', { planId: view.planId }), yieldToPage);
      if (ctx.isInvalid) return;
      // A refresh meanwhile brought its own related measures: keep those.
      views = views.map((v) => (v.planId === view.planId && Object.keys(v.related).length === 0 ? { ...v, related } : v));
      filled = true;
    }
    // Redrawn only when there is something new (an unknown plan's badges are not drawn twice).
    if (filled) draw();
  };

  /** Keeps badges beside their text once a plan is shown (set up once). */
  const watch = () => {
    if (watching) return;
    watching = true;
    // Keep badges beside their text: one read pass + one write pass per frame at most.
    let scheduled = false;
    const relayout = () => {
      if (scheduled) return;
      scheduled = true;
      ctx.requestAnimationFrame(() => {
        scheduled = false;
        layoutTick++;
        draw();
      });
    };
    ctx.addEventListener(window, 'resize', relayout, { passive: true });
    ctx.addEventListener(window, 'load', relayout, { passive: true });
    let lastReanchor = 0;
    let rereading = false;
    const observer = new MutationObserver((records) => {
      // Checking the context here also notices an extension reload (the observer is then disconnected).
      if (ctx.isInvalid) return;
      const host = hostEl;
      if (records.every((r) => host && (r.target === host || host.contains(r.target as Node)))) return;
      const now = Date.now();
      if (now - lastReanchor < 1000 || rereading) return;
      lastReanchor = now;
      ctx.setTimeout(() => {
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
    ctx.onInvalidated(() => observer.disconnect());
  };

  const handlers: Handler<typeof tabApi> = {
    async 'tab.state'() {
      return { url: location.href, views, suggestions, title: document.title.slice(0, 2000) };
    },
    async 'tab.refresh'({ planId }) {
      if (!planId || views.some((v) => v.planId === planId || v.pagePlanId === planId)) await refresh();
      if (pagePlans.length === 0 && (suggestions.length > 0 || !planId || suggestions.some((x) => x.planId === planId))) await fetchSuggestions();
      return { ok: true as const };
    },
    async 'tab.track'({ pagePlanId }) {
      return { planId: await track(pagePlanId) };
    },
    async 'tab.preview'({ title }) {
      if (!map) throw new Error('the page has not been read yet');
      const guess = (title ?? '').trim() || document.title.trim() || '(无标题)';
      const { plan } = await callBackground(deps.runtime, 'page.preview', { ...(await pageTextPayload(deps, map.text)), title: guess });
      return { plan, title: guess.slice(0, 300) };
    },
    async 'tab.readAsPlan'({ title }) {
      const reply = await correct([{ op: 'read-as-plan', title }]);
      const plan = reply.plans[0];
      if (!plan) throw new Error(reply.outcomes[0]?.message ?? 'nothing on this page reads as a measure');
      return { planId: plan.id };
    },
  };
  const onMessage = (message: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => {
    if (ctx.isInvalid || !message || typeof message !== 'object' || !String((message as { type?: unknown }).type ?? '').startsWith('tab.')) return;
    dispatch(tabApi, handlers, message, sender, deps.runtime.id).then(sendResponse);
    return true;
  };
  deps.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    try {
      deps.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The old runtime may already be gone with its context.
    }
  });

  // Read the page at once (the script runs when the document is idle), in
  // slices of a few ms (a small page is one slice), the page's own tasks
  // running between them.
  performance.mark('planmeter:start');
  // Our script's start-up (compiling, module set-up) and the reading are separate tasks.
  await yieldToPage();
  map = await readPageTextPaced(document.body, yieldToPage);
  performance.mark('planmeter:read');
  if (ctx.isInvalid) return;
  // A page without plan words is not parsed, unless the user corrected it (read it as a plan).
  const planWords = map.text.length >= 200 && PLAN_WORDS.test(map.text);
  if (planWords || (await callBackground(deps.runtime, 'page.hasCorrections', { url: location.href })).count > 0) {
    // The engine parses in the background (the service worker): never on the
    // page's main thread, however long the page, and the traditional→simplified
    // dictionary stays out of the page. Spans index into the text sent. The
    // same reply says what is known of each plan (one round trip).
    const opened = await openInBackground(deps, map.text);
    performance.mark('planmeter:parsed');
    if (ctx.isInvalid) return;
    corrections = opened.corrections;
    pagePlans = opened.plans.filter((p) => isPlanWorthShowing(p) || (corrections.count > 0 && p.measures.length > 0));
    if (pagePlans.length > 0) {
      if (opened.panelCollapsed !== undefined) panelCollapsed = opened.panelCollapsed;
      watch();
      await show(opened.views, opened.language);
      performance.mark('planmeter:drawn');
      // Tags only fill the card: a failure leaves the card without them, and related measures still come.
      await fillTags().catch((error: unknown) => console.debug('[PlanMeter] tags', error));
      await fillRelated();
      return;
    }
  }
  // Not a plan: figures on it may be progress on a tracked plan. Marks appear
  // only when there are suggestions; otherwise the page stays untouched.
  await fetchSuggestions();
  if (suggestions.length > 0) {
    ctx.addEventListener(window, 'resize', () => ctx.requestAnimationFrame(() => { layoutTick++; void drawSuggestions(); }), { passive: true });
  }
}
