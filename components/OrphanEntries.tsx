// Entries of a plan whose measure is not in the plan any more: shown, never
// dropped, and movable to one of the plan's measures (engine/progress/orphans.ts).
import { useState } from 'preact/hooks';
import type { Plan } from '../engine/types.ts';
import type { EntryRecord } from '../lib/db.ts';
import { orphanEntries, reassignEntry } from '../engine/progress/orphans.ts';
import { t } from '../utils/i18n.ts';
import { bg } from '../utils/ext.ts';
import { percentText } from '../utils/status.ts';

function what(e: EntryRecord): string {
  if (e.kind === 'value') return `${e.value}${e.unit ?? ''}`;
  return e.milestone ? t(`milestone.${e.milestone}`) : percentText(e.percent);
}

export function OrphanEntries(props: { plan: Plan; entries: EntryRecord[]; onError(e: unknown): void }) {
  const orphans = orphanEntries(props.plan, props.entries);
  if (orphans.length === 0) return null;
  return (
    <section data-pm-orphans={props.plan.id}>
      <h3>{t('dash.orphans', { n: orphans.length })}</h3>
      <p class="muted">{t('dash.orphansHelp')}</p>
      <ul>
        {orphans.map(({ entry }) => (
          <OrphanRow key={entry.id} plan={props.plan} entry={entry} onError={props.onError} />
        ))}
      </ul>
    </section>
  );
}

function OrphanRow(props: { plan: Plan; entry: EntryRecord; onError(e: unknown): void }) {
  const { plan, entry } = props;
  const choices = plan.measures.filter((m) => entry.kind !== 'value' || m.targets.length > 0);
  const [measureId, setMeasureId] = useState(choices[0]?.id ?? '');
  const measure = plan.measures.find((m) => m.id === measureId);
  const [targetId, setTargetId] = useState('');
  const target = entry.kind === 'value' ? (measure?.targets.find((x) => x.id === targetId) ?? measure?.targets[0]) : undefined;
  return (
    <li data-pm-orphan={entry.id}>
      {entry.date} · {what(entry)} {entry.note ? `· ${entry.note}` : ''} <span class="muted">({entry.measureId})</span>{' '}
      <select aria-label={t('dash.moveTo')} value={measureId} onChange={(e) => setMeasureId((e.currentTarget as HTMLSelectElement).value)}>
        {choices.map((m) => (
          <option key={m.id} value={m.id}>
            {m.number ? `${m.number}. ` : ''}
            {m.title}
          </option>
        ))}
      </select>
      {entry.kind === 'value' && measure && (
        <select aria-label={t('card.targets')} value={target?.id ?? ''} onChange={(e) => setTargetId((e.currentTarget as HTMLSelectElement).value)}>
          {measure.targets.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label} {x.value ?? ''}
              {x.unit}
            </option>
          ))}
        </select>
      )}{' '}
      <button
        class="btn secondary"
        disabled={!measure}
        onClick={() => {
          try {
            void bg('entry.put', { entry: reassignEntry(entry, plan, measureId, target?.id, new Date()) }).catch(props.onError);
          } catch (e) {
            props.onError(e);
          }
        }}
      >
        {t('dash.moveTo')}
      </button>
    </li>
  );
}
