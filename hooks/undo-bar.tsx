// The notice after a deletion, with its undo button: it lives with the list
// (the deleted item itself disappears), see components/DeleteEntryButton.tsx.
import { useState } from 'preact/hooks';
import { t } from '../utils/i18n.ts';

/** The notice after a deletion, with its undo button; announced to screen readers. */
export function useUndoBar(onUndo: (undoId: string) => Promise<unknown>, onError?: (e: unknown) => void) {
  const [notice, setNotice] = useState<{ undoId: string | null; text: string } | null>(null);
  const show = (undoId: string, text: string) => setNotice({ undoId, text });
  const bar = (
    <div role="status" aria-live="polite" data-pm-undo-bar="">
      {notice && (
        <span>
          {notice.text}{' '}
          {notice.undoId && (
            <button
              type="button"
              class="pm-link"
              data-pm-undo={notice.undoId}
              onClick={async (ev) => {
                if (!ev.isTrusted || !notice.undoId) return;
                try {
                  await onUndo(notice.undoId);
                  setNotice({ undoId: null, text: t('entry.undone') });
                } catch (e) {
                  onError?.(e);
                }
              }}
            >
              {t('entry.undo')}
            </button>
          )}
        </span>
      )}
    </div>
  );
  return { bar, show };
}
