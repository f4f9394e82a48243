// Bulk entry from a 台账 (.xlsx or .csv): the file is read here, each row is
// previewed (new / changed / unchanged / unmatched / malformed, with the
// reason), and only the rows the user leaves ticked are written, on a click.
// Rows over an entry edited after the sheet was exported start unticked.
import { useState } from 'preact/hooks';
import type { Plan } from '../engine/types.ts';
import type { EntryRecord } from '../lib/db.ts';
import type { Entry } from '../lib/messages.ts';
import { applyImport, previewImport, type ImportPreview, type PreviewRow } from '../engine/report/import.ts';
import { t } from '../utils/i18n.ts';
import { currentReportWords, rt } from '../utils/report-words.ts';
import { bg } from '../utils/ext.ts';
import { newEntryId, today } from '../utils/status.ts';

const KIND_COLOUR: Record<PreviewRow['kind'], string> = { new: '#1a7f37', changed: '#b35900', unchanged: '#6e7781', unmatched: '#8b1a3a', malformed: '#cf222e' };
const SHOWN = 500;

export function SheetImport(props: { plan: Plan; entries: EntryRecord[]; onError(e: unknown): void }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const read = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setMessage('');
    setBusy(true);
    try {
      const { readSheetFile } = await import('../engine/report/sheet.ts');
      const sheets = await readSheetFile(file.name, new Uint8Array(await file.arrayBuffer()));
      const p = previewImport(sheets, [props.plan], props.entries, { words: currentReportWords(), date: today(), now: new Date().toISOString(), newId: newEntryId });
      if (p.rows.length === 0) setMessage(rt('import.noHeader'));
      setPreview(p);
      setChosen(new Set(p.rows.map((r, i) => (r.accepted ? i : -1)).filter((i) => i >= 0)));
    } catch (e) {
      setPreview(null);
      setMessage(rt('import.badFile', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  const write = async (event: MouseEvent) => {
    if (!event.isTrusted || !preview) return; // only a real click writes
    setBusy(true);
    const rows = new Set(Array.from(chosen, (i) => preview.rows[i]));
    const entries = applyImport(preview, (r) => rows.has(r));
    let done = 0;
    try {
      for (const entry of entries) {
        await bg('entry.put', { entry: entry as Entry });
        done++;
      }
      setPreview(null);
      setMessage(rt('import.done', { n: done }));
    } catch (e) {
      setMessage(rt('import.done', { n: done }));
      props.onError(e);
    } finally {
      setBusy(false);
    }
  };
  const writable = (r: PreviewRow) => r.kind === 'new' || r.kind === 'changed';
  return (
    <section class="panel no-print" data-pm-sheet-import="">
      <strong>{rt('import.title')}</strong>{' '}
      <label>
        {rt('import.choose')} <input type="file" accept=".xlsx,.csv" disabled={busy} onChange={(e) => void read((e.currentTarget as HTMLInputElement).files)} />
      </label>
      {message && <div data-pm-import-message="">{message}</div>}
      {preview && preview.rows.length > 0 && (
        <div>
          <div data-pm-import-counts="">{rt('import.preview', { ...preview.counts })}</div>
          <div class="import-preview">
            <table class="measures">
              <thead>
                <tr>
                  <th />
                  <th>{rt('import.row')}</th>
                  <th>{rt('report.col.number')}</th>
                  <th>{t('dash.status')}</th>
                  <th>{rt('import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, SHOWN).map((r, i) => (
                  <tr key={`${r.sheet}-${r.row}`} data-pm-import-row={r.kind}>
                    <td>
                      {writable(r) && (
                        <input
                          type="checkbox"
                          checked={chosen.has(i)}
                          onChange={(e) => {
                            const next = new Set(chosen);
                            if ((e.currentTarget as HTMLInputElement).checked) next.add(i);
                            else next.delete(i);
                            setChosen(next);
                          }}
                        />
                      )}
                    </td>
                    <td class="num">
                      {r.sheet}!{r.row}
                    </td>
                    <td>{r.key}</td>
                    <td>
                      <span class="chip" style={{ background: KIND_COLOUR[r.kind] }}>
                        {rt(`import.kind.${r.kind}`)}
                      </span>
                    </td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.rows.length > SHOWN && <div class="muted">… {preview.rows.length - SHOWN}</div>}
          </div>
          <button class="btn" disabled={busy || chosen.size === 0} data-pm-import-accept="" onClick={(e) => void write(e)}>
            {rt('import.accept', { n: chosen.size })}
          </button>{' '}
          <button class="btn secondary" disabled={busy} onClick={() => setPreview(null)}>
            {rt('import.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
