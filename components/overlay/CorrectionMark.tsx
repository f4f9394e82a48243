// The overlay panel's "已校正 N 处" mark: how many corrections this page carries, with undo.
import { useState } from 'preact/hooks';
import { t } from '../../utils/i18n.ts';

/** The "已校正 N 处" mark with its undo button (overlay summary panel). */
export function CorrectionMark(props: { count: number; unresolved: number; onUndo(): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  if (props.count === 0 && props.unresolved === 0) return null;
  return (
    <div class="pm-plan pm-muted" data-pm-corrections={String(props.count)}>
      {t('correct.count', { n: props.count })}
      {props.unresolved > 0 ? ` · ${t('correct.unresolved', { n: props.unresolved })}` : ''}{' '}
      <button
        type="button"
        class="pm-link"
        data-pm-cmd="undo-correction"
        disabled={busy}
        onClick={async (ev) => {
          if (!ev.isTrusted) return;
          setBusy(true);
          try {
            await props.onUndo();
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('correct.undo')}
      </button>
    </div>
  );
}
