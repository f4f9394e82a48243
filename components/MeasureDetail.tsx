// A measure's row opened in the dashboard: its entries with evidence and undo, and the entry form.
import type { EntryRecord } from '../lib/db.ts';
import type { Measure, Plan } from '../engine/types.ts';
import type { Entry } from '../lib/messages.ts';
import { EntryForm } from './EntryForm.tsx';
import { DeleteEntryButton } from './DeleteEntryButton.tsx';
import { useUndoBar } from '../hooks/undo-bar.tsx';
import { SourceView } from './SourceView.tsx';
import { t } from '../utils/i18n.ts';
import { percentText } from '../utils/status.ts';
import { bg } from '../utils/ext.ts';

export function MeasureDetail(props: { plan: Plan; measure: Measure; entries: EntryRecord[]; explanation: string; onSave(e: Entry): Promise<void>; onError(e: unknown): void }) {
  const { measure } = props;
  const undo = useUndoBar((id) => bg('undo.apply', { id }), props.onError);
  const what = (e: EntryRecord) =>
    e.kind === 'value' ? `${measure.targets.find((x) => x.id === e.targetId)?.label ?? ''} ${e.value}${e.unit ?? ''}` : e.milestone ? t(`milestone.${e.milestone}`) : percentText(e.percent);
  const sorted = [...props.entries].sort((a, b) => (b.date + b.updatedAt).localeCompare(a.date + a.updatedAt));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 320px', gap: '16px' }}>
      <div>
        <div class="muted">{props.explanation}</div>
        <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{measure.text}</div>
        <strong>{t('dash.history')}</strong>
        {sorted.length === 0 ? (
          <div class="muted">{t('card.noEntries')}</div>
        ) : (
          <ul data-pm-history={measure.id}>
            {sorted.map((e) => (
              <li key={e.id}>
                {e.date} ·{' '}
                {what(e)} {e.note ? `· ${e.note}` : ''}{' '}
                <DeleteEntryButton class="btn secondary" entryId={e.id} date={e.date} what={what(e)} onDelete={(id) => bg('entry.delete', { id })} onDeleted={undo.show} onError={props.onError} undoable />
                <SourceView entry={e} />
              </li>
            ))}
          </ul>
        )}
        {undo.bar}
      </div>
      <div>
        <strong>{t('card.add')}</strong>
        <EntryForm planId={props.plan.id} measure={measure} onSave={props.onSave} entries={props.entries} />
      </div>
    </div>
  );
}
