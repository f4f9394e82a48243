// Popup: "按方案读取此页" on a page PlanMeter does not recognise as a plan.
// Shows what a permissive reading would take as measures; the user edits the
// title and confirms, and the page becomes a tracked plan (a read-as-plan
// correction, stored and applied on every visit).
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Plan } from '../engine/types.ts';
import { callTab } from '../lib/messages.ts';
import { t } from '../utils/i18n.ts';

/** Measures listed in the preview before "…". */
const PREVIEW_MAX = 30;

export function ReadAsPlan(props: { tabId: number; onDone(): void }) {
  const [preview, setPreview] = useState<{ plan: Plan | null } | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const guard = (work: () => Promise<void>) => async (ev: Event) => {
    ev.preventDefault();
    if (!ev.isTrusted) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(String((e as Error).message ?? e));
    } finally {
      setBusy(false);
    }
  };
  const load = guard(async () => {
    const reply = await callTab(browser.tabs, props.tabId, 'tab.preview', title.trim() ? { title: title.trim() } : {});
    setTitle(reply.title);
    setPreview({ plan: reply.plan });
  });
  const confirm = guard(async () => {
    if (!title.trim()) return;
    await callTab(browser.tabs, props.tabId, 'tab.readAsPlan', { title: title.trim() });
    setPreview(null);
    props.onDone();
  });
  const measures = preview?.plan?.measures ?? [];
  return (
    <div data-pm-readasplan="">
      {!preview && (
        <button type="button" disabled={busy} data-pm-cmd="read-as-plan" onClick={load}>
          {t('popup.readAsPlan')}
        </button>
      )}
      {preview && (
        <form onSubmit={(ev) => ev.preventDefault()}>
          <label>
            {t('popup.planTitle')}{' '}
            <input type="text" value={title} maxLength={300} data-pm-plan-title="" style={{ width: '100%' }} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {measures.length === 0 ? (
            <div class="muted">{t('popup.noMeasures')}</div>
          ) : (
            <div>
              <div class="muted">{t('popup.wouldRead', { n: measures.length })}</div>
              <ol style={{ margin: '4px 0', paddingLeft: '18px', maxHeight: '160px', overflow: 'auto' }} data-pm-preview="">
                {measures.slice(0, PREVIEW_MAX).map((m) => (
                  <li key={m.id}>{m.title}</li>
                ))}
                {measures.length > PREVIEW_MAX && <li>…</li>}
              </ol>
              <button type="submit" disabled={busy || !title.trim()} data-pm-cmd="confirm-read" onClick={confirm}>
                {t('popup.confirmRead')}
              </button>
            </div>
          )}
        </form>
      )}
      {error && <div class="error">{t('error.generic', { message: error })}</div>}
    </div>
  );
}
