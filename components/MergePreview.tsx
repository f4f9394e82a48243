// What an import or merge of a colleague's snapshot will change, entry by
// entry, shown before anything is written: new, changed (old → new, whose
// edit is later), deleted (by whom, when, and whether it is an entry I
// wrote), restored, conflicting. The user accepts all or chooses; nothing is
// written until they press one of the import buttons.
import { useState } from 'preact/hooks';
import type { ReplyOf } from '../lib/messages.ts';
import { formatNumber } from '../engine/score/format.ts';
import { t } from '../utils/i18n.ts';

export type Preview = ReplyOf<'snapshot.preview'>;
type Item = Preview['items'][number];
type AnyEntry = NonNullable<Item['before']>;

function valueOf(e: AnyEntry): string {
  if (e.kind === 'value') return `${formatNumber(e.value)}${e.unit ?? ''}`;
  return e.percent !== undefined ? `${formatNumber(e.percent)}%` : e.milestone ? t(`milestone.${e.milestone}`) : '';
}

function when(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

function describe(item: Item): string {
  const who = item.after.author || t('preview.someone');
  switch (item.kind) {
    case 'new':
      return `${valueOf(item.after)} (${item.after.date})${item.after.deleted ? ' ×' : ''}`;
    case 'deleted':
      return `${valueOf(item.before!)} (${item.before!.date}) — ${t('preview.deletedBy', { who, when: when(item.after.updatedAt) })}`;
    case 'restored':
      return `${valueOf(item.after)} (${item.after.date})`;
    case 'changed':
      return `${valueOf(item.before!)} → ${valueOf(item.after)} (${item.after.date}) — ${t('preview.laterIncoming')}: ${who}, ${when(item.after.updatedAt)}`;
    case 'conflict':
      return item.changesLocal
        ? `${valueOf(item.before!)} → ${valueOf(item.after)} — ${t('preview.sameTime')}`
        : `${valueOf(item.before!)} / ${item.setAside.map(valueOf).join(', ')} — ${item.later === 'local' ? t('preview.laterLocal') : t('preview.sameTime')}`;
  }
}

export function MergePreview(props: { file: string; preview: Preview; onImport(reject: string[]): Promise<void>; onCancel(): void }) {
  const { preview } = props;
  const choosable = preview.items.filter((i) => i.changesLocal);
  // Everything is accepted until the user unticks it — except deletions of entries I wrote, which wait for a tick.
  const [accepted, setAccepted] = useState<Set<string>>(() => new Set(choosable.filter((i) => !(i.kind === 'deleted' && i.mine)).map((i) => i.id)));
  const [busy, setBusy] = useState(false);
  const c = preview.counts;
  const run = async (reject: string[]) => {
    setBusy(true);
    try {
      await props.onImport(reject);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel" data-pm-merge-preview="" aria-labelledby="pm-preview-title">
      <h3 id="pm-preview-title">
        {t('preview.title')} — {props.file}
      </h3>
      <div data-pm-preview-counts="">{t('preview.counts', { new: c.new, changed: c.changed, deleted: c.deleted, restored: c.restored, conflict: c.conflict })}</div>
      {c.mineDeleted > 0 && (
        <div class="error" role="alert" data-pm-preview-mine="">
          {t('preview.mineDeleted', { n: c.mineDeleted })}
        </div>
      )}
      {preview.items.length === 0 ? (
        <div class="muted">{t('preview.none')}</div>
      ) : (
        <table class="measures">
          <thead>
            <tr>
              <th scope="col">{t('preview.accept')}</th>
              <th scope="col">{t('dash.measure')}</th>
              <th scope="col">{t('dash.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => {
              const box = `pm-accept-${item.id}`;
              return (
                <tr key={item.id} data-pm-preview-item={item.id} data-pm-preview-kind={item.kind} data-pm-preview-mine={item.mine ? 'true' : 'false'}>
                  <td>
                    {item.changesLocal ? (
                      <input
                        type="checkbox"
                        id={box}
                        checked={accepted.has(item.id)}
                        data-pm-accept={item.id}
                        onChange={(e) => {
                          const next = new Set(accepted);
                          if ((e.currentTarget as HTMLInputElement).checked) next.add(item.id);
                          else next.delete(item.id);
                          setAccepted(next);
                        }}
                      />
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    <label for={item.changesLocal ? box : undefined}>
                      <strong>{t(`preview.kind.${item.kind}`)}</strong> {item.measureLabel}
                    </label>
                    {item.kind === 'deleted' && item.mine && <div class="error">{t('preview.mine')}</div>}
                  </td>
                  <td>{describe(item)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div style={{ display: 'flex', gap: '8px', marginTop: '8px', flexWrap: 'wrap' }}>
        <button class="btn" disabled={busy} data-pm-accept-all="" onClick={() => void run([])}>
          {t('preview.acceptAll')}
        </button>
        <button class="btn" disabled={busy} data-pm-apply-chosen="" onClick={() => void run(choosable.filter((i) => !accepted.has(i.id)).map((i) => i.id))}>
          {t('preview.applyChosen')}
        </button>
        <button class="btn secondary" disabled={busy} data-pm-preview-cancel="" onClick={props.onCancel}>
          {t('preview.cancel')}
        </button>
      </div>
    </section>
  );
}
