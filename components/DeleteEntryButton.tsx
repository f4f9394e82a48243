// Deleting an entry: the button says what it deletes; the deletion can be
// undone from the notice that follows (the list item itself disappears, so the
// notice lives with the list, see hooks/undo-bar.tsx). Where no undo is offered, the
// button asks for a confirmation first.
import { useState } from 'preact/hooks';
import { t } from '../utils/i18n.ts';

export interface DeleteEntryButtonProps {
  entryId: string;
  date: string;
  /** What the entry says ("服务包 150个"), for the button's accessible name. */
  what: string;
  /** Deletes; resolves to the undo id when the deletion can be undone. */
  onDelete(id: string): Promise<{ undoId?: string } | void>;
  /** Called after a deletion that can be undone (the list shows an undo bar). */
  onDeleted?(undoId: string, text: string): void;
  onError?(e: unknown): void;
  /** Without undo the button asks first. */
  undoable: boolean;
  class?: string;
}

export function DeleteEntryButton(props: DeleteEntryButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const run = async () => {
    try {
      const r = await props.onDelete(props.entryId);
      const undoId = r && 'undoId' in r ? r.undoId : undefined;
      if (undoId) props.onDeleted?.(undoId, t('entry.deleted', { date: props.date }));
    } catch (e) {
      props.onError?.(e);
    }
  };
  if (confirming) {
    return (
      <span role="group" aria-label={t('entry.confirmDelete')}>
        <span>{t('entry.confirmDelete')}</span>{' '}
        <button type="button" class={props.class ?? 'pm-link'} data-pm-delete-confirm={props.entryId} onClick={(ev) => ev.isTrusted && void run()}>
          {t('card.delete')}
        </button>{' '}
        <button type="button" class={props.class ?? 'pm-link'} onClick={() => setConfirming(false)}>
          {t('entry.cancel')}
        </button>
      </span>
    );
  }
  return (
    <button
      type="button"
      class={props.class ?? 'pm-link'}
      data-pm-delete={props.entryId}
      aria-label={t('entry.deleteLabel', { date: props.date, what: props.what })}
      onClick={(ev) => {
        if (!ev.isTrusted) return;
        if (props.undoable) void run();
        else setConfirming(true);
      }}
    >
      {t('card.delete')}
    </button>
  );
}
