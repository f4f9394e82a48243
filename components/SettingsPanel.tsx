// The dashboard's settings: sites, status thresholds, weights, language.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../lib/store.ts';
import { t } from '../utils/i18n.ts';
import { bg } from '../utils/ext.ts';

export function SettingsPanel(props: { settings: Settings; onError(e: unknown): void }) {
  const s = props.settings;
  const th = s.scoreConfig.thresholds ?? {};
  const [sites, setSites] = useState(s.sites.join('\n'));
  const [onTrackGap, setOnTrack] = useState(String(th.onTrackGap ?? 10));
  const [atRiskGap, setAtRisk] = useState(String(th.atRiskGap ?? 25));
  const [doneAt, setDoneAt] = useState(String(th.doneAt ?? 100));
  const [weights, setWeights] = useState(
    Object.entries(s.scoreConfig.weights?.measures ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const [saved, setSaved] = useState('');

  const save = async () => {
    const measures: Record<string, number> = {};
    for (const line of weights.split('\n')) {
      const m = /^\s*([^=\s]+)\s*=\s*([\d.]+)\s*$/u.exec(line);
      if (m) measures[m[1]!] = Number(m[2]);
    }
    const next: Settings = {
      ...s,
      scoreConfig: { ...s.scoreConfig, thresholds: { onTrackGap: Number(onTrackGap), atRiskGap: Number(atRiskGap), doneAt: Number(doneAt) }, weights: { ...s.scoreConfig.weights, measures } },
    };
    try {
      await bg('settings.put', { settings: next });
      setSaved(t('card.saved'));
    } catch (e) {
      props.onError(e);
    }
  };

  const saveSites = async () => {
    const list = sites
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
    try {
      // Host access is asked for here, on the user's click, one list at a time.
      const granted = list.length ? await browser.permissions.request({ origins: list }) : true;
      if (!granted) return;
      await bg('settings.put', { settings: { ...s, sites: list } });
      await bg('sites.register', { sites: list });
      setSaved(t('card.saved'));
    } catch (e) {
      props.onError(e);
    }
  };

  return (
    <section class="panel no-print" data-pm-settings="">
      <h3>{t('dash.settings')}</h3>
      <div id="pm-sites-label">{t('dash.sites')}</div>
      <textarea aria-labelledby="pm-sites-label" value={sites} onInput={(e) => setSites((e.currentTarget as HTMLTextAreaElement).value)} />
      <button class="btn" onClick={() => void saveSites()}>
        {t('dash.saveSites')}
      </button>
      <div style={{ marginTop: '8px' }}>{t('dash.thresholds')}</div>
      <label>
        {t('dash.onTrackGap')} <input type="number" min={0} max={100} value={onTrackGap} onInput={(e) => setOnTrack((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        {t('dash.atRiskGap')} <input type="number" min={0} max={100} value={atRiskGap} onInput={(e) => setAtRisk((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        {t('dash.doneAt')} <input type="number" min={1} max={100} value={doneAt} onInput={(e) => setDoneAt((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <div style={{ marginTop: '8px' }} id="pm-weights-label">{t('dash.weights')}</div>
      <textarea aria-labelledby="pm-weights-label" value={weights} onInput={(e) => setWeights((e.currentTarget as HTMLTextAreaElement).value)} />
      <button class="btn" onClick={() => void save()}>
        {t('dash.save')}
      </button>{' '}
      <span class="ok">{saved}</span>
    </section>
  );
}
