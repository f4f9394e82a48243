// One entry whose measure is gone, with the choice of a measure (and target) to move it to.
import { useState } from 'preact/hooks';
import type { Plan } from '../engine/types.ts';
import type { EntryRecord } from '../lib/db.ts';
import { reassignEntry } from '../engine/progress/orphans.ts';
import { t } from '../utils/i18n.ts';
import { bg } from '../utils/ext.ts';
import { entryValue } from '../utils/entry-text.ts';

export function OrphanRow(props: { plan: Plan; entry: EntryRecord; onError(e: unknown): void }) {
  const { plan, entry } = props;
  const choices = plan.measures.filter((m) => entry.kind !== 'value' || m.targets.length > 0);
  const [measureId, setMeasureId] = useState(choices[0]?.id ?? '');
  const measure = plan.measures.find((m) => m.id === measureId);
  const [targetId, setTargetId] = useState('');
  const target = entry.kind === 'value' ? (measure?.targets.find((x) => x.id === targetId) ?? measure?.targets[0]) : undefined;
  return (
    <li data-pm-orphan={entry.id}>
      {entry.date} · {entryValue(entry)} {entry.note ? `· ${entry.note}` : ''} <span class="muted">({entry.measureId})</span>{' '}
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
