// Service worker: owns the database (extension origin), answers the typed
// messages of the content script, popup and dashboard, and seeds the bundled
// plans on first run. No network access anywhere.
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { needsSimplification, parsePage } from '../engine/parse/index.ts';
import { applyCorrections } from '../engine/corrections/apply.ts';
import { loadSimplifier } from '../engine/text/simplify.ts';
import { suggestProgress } from '../engine/suggest/index.ts';
import { scorePlan } from '../engine/score/index.ts';
import { buildRelatedIndex, queryRelated, type RelatedIndex } from '../engine/related/index.ts';
import type { Plan } from '../engine/types.ts';
import { getDb } from '../lib/db.ts';
import { backgroundApi, dispatch, tabApi } from '../lib/messages.ts';
import { createHandlers, ensureSeeds, type Engine } from '../lib/bg-handlers.ts';
import { planTagChips, tagChoices } from '../lib/indicators-glue.ts';
import { exportSnapshotJson, importSnapshotJson, maybeAutoSnapshot } from '../lib/backup.ts';
import { SEED_TEXTS } from '../lib/seeds.ts';
import { notifyReminders, refreshBadge } from '../lib/reminders.ts';
import { seedParseOptions } from '../engine/seed-meta.ts';
import { WAKE_MESSAGE } from '../lib/wake.ts';

const USER_SITES_SCRIPT_ID = 'planmeter-user-sites';

/** How long after the worker starts the toolbar badge is refreshed (first requests come first). */
const WAKE_BADGE_DELAY_MS = 3000;

export default defineBackground(() => {
  const db = getDb();

  let related: { key: string; index: RelatedIndex; plans: Plan[] } | null = null;
  let simplifier: ((s: string) => string) | null = null;
  const engine: Engine = {
    scorePlan: (plan, entries, options) => scorePlan(plan, entries, options),
    async related(plans, planId, measureId) {
      // Traditional-script plans are compared through the same simplified text the parser matches on.
      if (!simplifier && plans.some((p) => p.script === 'traditional')) simplifier = await loadSimplifier();
      const key = plans.map((p) => p.id).join('|');
      if (related?.key !== key) related = { key, index: buildRelatedIndex(plans, simplifier ? { simplify: simplifier } : {}), plans };
      const titles = new Map(plans.map((p) => [p.id, p]));
      return queryRelated(related.index, measureId, { planId, limit: 5 }).map((hit) => {
        const plan = titles.get(hit.planId);
        const m = plan?.measures.find((x) => x.id === hit.measureId);
        return { planId: hit.planId, planTitle: plan?.title ?? '', measureId: hit.measureId, title: m ? `${m.number ? m.number + '. ' : ''}${m.title}` : hit.measureId, score: null };
      });
    },
    parse: (text) => parsePage(text),
    async suggest(text, plans, entries, options) {
      if (!simplifier && (needsSimplification(text) || plans.some((p) => p.script === 'traditional'))) simplifier = await loadSimplifier();
      return suggestProgress(text, plans, { entries, pageTitle: options.pageTitle, asOf: options.asOf, ...(simplifier ? { simplify: simplifier } : {}) });
    },
    async correct(parse, corrections, text) {
      // Traditional pages: new measures and targets are read, and ids made, from simplified text as the parser does.
      if (!simplifier && needsSimplification(text)) simplifier = await loadSimplifier();
      return applyCorrections(parse, corrections, text, simplifier && needsSimplification(text) ? { simplify: simplifier } : {});
    },
    tags: planTagChips,
    tagChoices,
    exportSnapshot: exportSnapshotJson,
    importSnapshot: importSnapshotJson,
  };

  /** Tells open tabs that data changed; tabs without our content script just do not answer. */
  const notifyTabs = (planId: string | undefined) => {
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id === undefined) continue;
        browser.tabs.sendMessage(tab.id, { type: 'tab.refresh', payload: planId ? { planId } : {} }).catch(() => {});
      }
    });
  };

  const registerSites = async (sites: string[]) => {
    const scripting = browser.scripting;
    const existing = await scripting.getRegisteredContentScripts({ ids: [USER_SITES_SCRIPT_ID] });
    if (existing.length) await scripting.unregisterContentScripts({ ids: [USER_SITES_SCRIPT_ID] });
    if (sites.length === 0) return;
    const granted: string[] = [];
    for (const origin of sites) if (await browser.permissions.contains({ origins: [origin] })) granted.push(origin);
    if (granted.length === 0) return;
    await scripting.registerContentScripts([
      { id: USER_SITES_SCRIPT_ID, matches: granted, js: ['content-scripts/content.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  };

  // One history point per day, refreshed a few seconds after the last edit (not on every keystroke of a batch).
  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  const afterWrite = () => {
    clearTimeout(historyTimer);
    historyTimer = setTimeout(() => {
      void maybeAutoSnapshot(db, new Date()).catch((error: unknown) => console.warn('[PlanMeter] history point not saved', error));
    }, 3000);
  };
  // The toolbar badge: how many measures and targets of tracked plans are due
  // within N days or overdue (engine/remind), refreshed after every change and daily.
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  const remindersChanged = () => {
    clearTimeout(badgeTimer);
    badgeTimer = setTimeout(() => {
      void refreshBadge(db, new Date(), browser.action).catch((error: unknown) => console.warn('[PlanMeter] badge not refreshed', error));
    }, 200);
  };
  const notifyAndRemind = (planId: string | undefined) => {
    notifyTabs(planId);
    remindersChanged();
  };
  const DAILY = 'planmeter-daily';
  void browser.alarms.get(DAILY).then((alarm) => {
    if (!alarm) void browser.alarms.create(DAILY, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== DAILY) return;
    remindersChanged();
    void notifyReminders(db, new Date(), browser.notifications, browser.runtime.getURL('/icon/128.png')).catch((error: unknown) =>
      console.warn('[PlanMeter] reminder not shown', error),
    );
  });
  const handlers = createHandlers(db, engine, { notifyTabs: notifyAndRemind, registerSites, afterWrite, remindersChanged, now: () => new Date() });

  // Seeds are parsed on install, and lazily whenever a message finds them missing.
  let seeding: Promise<unknown> | null = null;
  const seed = () => {
    seeding ??= ensureSeeds(db, SEED_TEXTS, (text, file) => parsePage(text, seedParseOptions(file))).catch((error: unknown) => {
      seeding = null;
      console.warn('[PlanMeter] seeding failed', error);
    });
    return seeding;
  };
  // On a wake-up (a browser start wakes the worker too) the toolbar badge waits a
  // little: it reads every tracked plan's entries, which would hold up the first
  // page or dashboard asking for data (issue 15).
  void seed().then(() => setTimeout(remindersChanged, WAKE_BADGE_DELAY_MS));
  browser.runtime.onInstalled.addListener(() => {
    void seed().then(remindersChanged);
    // Ask the browser not to evict our data under disk pressure (granted silently for extensions).
    void navigator.storage?.persist?.().catch(() => {});
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    const type = (message as { type?: unknown })?.type;
    if (typeof type === 'string' && type in tabApi) return; // Meant for content scripts.
    // Sent at document_start only to start this worker early (entrypoints/wake.ts): starting was the point.
    if (type === WAKE_MESSAGE) return;
    void seed()
      .then(() => dispatch(backgroundApi, handlers, message, sender, browser.runtime.id))
      .then(sendResponse);
    return true;
  });
});
