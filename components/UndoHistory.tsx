// Imports, merges and deletions that can be undone, newest first. Undo puts
// every row they changed back byte for byte (lib/undo.ts); the result is
// announced.
import { useEffect, useState } from 'preact/hooks';
import type { ReplyOf } from '../lib/messages.ts';
import { bg } from '../utils/ext.ts';
import { t } from '../utils/i18n.ts';

type Item = ReplyOf<'undo.list'>['items'][number];

export function UndoHistory(props: { tick: number; onError(e: unknown): void }) {
  const [items, setItems] = useState<Item[]>([]);
  const [message, setMessage] = useState('');
  const [reload, setReload] = useState(0);
  useEffect(() => {
    bg('undo.list', {})
      .then((r) => setItems(r.items))
      .catch(props.onError);
  }, [props.tick, reload]);
  return (
    <div data-pm-undo-history="">
      <h4 style={{ margin: '10px 0 4px' }}>{t('undo.title')}</h4>
      {items.length === 0 ? (
        <div class="muted">{t('undo.none')}</div>
      ) : (
        <ul style={{ margin: 0, paddingLeft: '16px', maxHeight: '200px', overflow: 'auto' }}>
          {items.slice(0, 30).map((u) => {
            const what = u.kind === 'import' ? t('undo.import', { label: u.label || '—', n: u.entries }) : t('undo.delete', { label: u.label });
            return (
              <li key={u.id} data-pm-undo-item={u.id}>
                {u.at.replace('T', ' ').slice(0, 16)} · {what}{' '}
                <button
                  class="btn secondary"
                  style={{ padding: '0 6px' }}
                  aria-label={`${t('undo.apply')}: ${what}`}
                  data-pm-undo-apply={u.id}
                  onClick={async () => {
                    try {
                      await bg('undo.apply', { id: u.id });
                      setMessage(t('undo.done'));
                      setReload((n) => n + 1);
                    } catch (e) {
                      props.onError(e);
                    }
                  }}
                >
                  {t('undo.apply')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div class="ok" role="status" aria-live="polite" data-pm-undo-message="">
        {message}
      </div>
    </div>
  );
}
