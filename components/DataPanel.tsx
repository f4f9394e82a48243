// The dashboard's data panel: JSON snapshot and CSV export, import, merge of a
// colleague's snapshot (previewed first), diff against an earlier snapshot, undo history.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { getDb, type PlanRecord, type HistoryRecord } from '../lib/db.ts';
import { diffSnapshots, parseSnapshot, snapshotToCsv, type SnapshotDiff } from '../engine/snapshot/index.ts';
import { formatPercentChange } from '../engine/score/format.ts';
import { MergePreview, type Preview } from './MergePreview.tsx';
import { UndoHistory } from './UndoHistory.tsx';
import { t } from '../utils/i18n.ts';
import { percentText, today } from '../utils/status.ts';
import { useLive } from '../hooks/live.ts';
import { bg, download } from '../utils/ext.ts';
import { exportJson } from '../utils/snapshot-export.ts';
import { entryValue } from '../utils/entry-text.ts';

export function DataPanel(props: { planId: string | null; onError(e: unknown): void }) {
  const db = getDb();
  // Points whose file is kept (exports, imports, recent automatic ones), newest first; files load only for a diff.
  const history = useLive(
    async () => {
      const withFile = new Set((await db.snapshots.toCollection().primaryKeys()).map(String));
      return (await db.history.orderBy('createdAt').reverse().toArray()).filter((h) => withFile.has(h.id)).slice(0, 50);
    },
    [],
    [] as HistoryRecord[],
  );
  const [result, setResult] = useState<{ text: string; problems: { path: string; message: string }[]; warnings: string[] } | null>(null);
  const [diff, setDiff] = useState<SnapshotDiff | null>(null);
  const [diffWith, setDiffWith] = useState('');

  // Each file is previewed first (what it will change, entry by entry); nothing is written until the user accepts.
  const [queue, setQueue] = useState<{ name: string; json: string; preview: Preview }[]>([]);
  const [undoTick, setUndoTick] = useState(0);
  const importFiles = async (files: FileList | null) => {
    if (!files) return;
    const next: { name: string; json: string; preview: Preview }[] = [];
    const problems: { path: string; message: string }[] = [];
    for (const file of Array.from(files)) {
      try {
        const json = await file.text();
        const preview = await bg('snapshot.preview', { json });
        if (preview.items.length === 0 && preview.problems.length > 0 && preview.counts.new + preview.counts.changed === 0) {
          problems.push(...preview.problems.map((p) => ({ path: `${file.name}: ${p.path}`, message: p.message })));
          continue;
        }
        next.push({ name: file.name, json, preview });
      } catch (e) {
        props.onError(e);
      }
    }
    if (problems.length) setResult({ text: t('dash.importResult', { accepted: 0, rejected: problems.length, plans: 0 }), problems, warnings: [] });
    setQueue(next);
  };
  const importOne = async (reject: string[]) => {
    const [file, ...rest] = queue;
    if (!file) return;
    try {
      const r = await bg('snapshot.import', { json: file.json, reject, label: file.name });
      setResult({
        text: t('dash.importResult', { accepted: r.accepted, rejected: r.rejected, plans: r.plansAdded }),
        problems: r.problems.map((p) => ({ path: `${file.name}: ${p.path}`, message: p.message })),
        warnings: r.warnings.map((w) => `${file.name}: ${w}`),
      });
      setUndoTick((n) => n + 1);
    } catch (e) {
      props.onError(e);
    }
    setQueue(rest);
  };

  const exportCsv = async () => {
    try {
      const { json } = await bg('snapshot.export', {});
      const parsed = parseSnapshot(json);
      if (!parsed.ok) throw new Error(parsed.problems[0]?.message ?? 'export failed');
      const records = await db.plans.bulkGet(parsed.snapshot.plans.map((p) => p.id));
      const csv = snapshotToCsv(parsed.snapshot, records.filter((r): r is PlanRecord => !!r).map((r) => r.plan));
      // snapshotToCsv already starts with the byte-order mark Excel needs (a second one would show in cell A1).
      download(`planmeter-${today()}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    } catch (e) {
      props.onError(e);
    }
  };

  const runDiff = async () => {
    const earlier = diffWith ? await db.snapshots.get(diffWith) : undefined;
    if (!earlier?.json) return;
    try {
      const { json } = await bg('snapshot.export', {});
      const a = parseSnapshot(earlier.json);
      const b = parseSnapshot(json);
      if (a.ok && b.ok) setDiff(diffSnapshots(a.snapshot, b.snapshot));
    } catch (e) {
      props.onError(e);
    }
  };

  return (
    <section class="panel no-print" data-pm-data="">
      <h3>{t('dash.data')}</h3>
      <div style={{ display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' }}>
        <button class="btn" data-pm-export-json="" onClick={() => void exportJson(props.onError)}>
          {t('dash.exportJson')}
        </button>
        <button class="btn" data-pm-export-csv="" onClick={() => void exportCsv()}>
          {t('dash.exportCsv')}
        </button>
        <label>
          {t('dash.import')}
          <input type="file" accept=".json,application/json" multiple data-pm-import="" onChange={(e) => void importFiles((e.currentTarget as HTMLInputElement).files)} />
        </label>
      </div>
      {queue[0] && <MergePreview key={queue[0].name + queue.length} file={queue[0].name} preview={queue[0].preview} onImport={importOne} onCancel={() => setQueue(queue.slice(1))} />}
      {result && (
        <div data-pm-import-result="" role="status">
          <div class={result.problems.length ? 'error' : 'ok'}>{result.text}</div>
          {(result.problems.length > 0 || result.warnings.length > 0) && (
            <div class="problems">
              {result.problems.map((p, i) => (
                <div key={`p${i}`}>
                  {p.path}: {p.message}
                </div>
              ))}
              {result.warnings.map((w, i) => (
                <div key={`w${i}`} class="muted">
                  {w}
                </div>
              ))}
            </div>
          )}
        </div>
      )}
      <div style={{ marginTop: '8px' }}>
        {t('dash.diff')}:{' '}
        {history.length === 0 ? (
          <span class="muted">{t('dash.diffNone')}</span>
        ) : (
          <Fragment>
            <select aria-label={t('dash.diff')} value={diffWith} onChange={(e) => setDiffWith((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">—</option>
              {history.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.createdAt.replace('T', ' ').slice(0, 16)} ({h.reason})
                </option>
              ))}
            </select>{' '}
            <button class="btn secondary" onClick={() => void runDiff()}>
              {t('dash.diff')}
            </button>
          </Fragment>
        )}
      </div>
      {diff && (
        <div data-pm-diff="">
          <div>
            {t('dash.added')} {diff.entries.added.length} · {t('dash.removed')} {diff.entries.removed.length} · {t('dash.changed')} {diff.entries.changed.length}
          </div>
          <ul data-pm-diff-entries="">
            {diff.entries.changes.slice(0, 200).map((c) => (
              <li key={c.id} data-pm-diff-kind={c.kind}>
                {c.kind} · {(c.after ?? c.before)!.date} · {c.before && !c.before.deleted ? entryValue(c.before) : '—'} → {c.after && !c.after.deleted ? entryValue(c.after) : '—'}
                {c.by ? ` · ${c.by}` : ''}
                {c.at ? ` · ${c.at.replace('T', ' ').slice(0, 16)}` : ''}
              </li>
            ))}
          </ul>
          <ul>
            {diff.scores
              .filter((s) => s.delta !== 0)
              .map((s) => (
                <li key={s.planId}>
                  {s.title}: {percentText(s.before)} → {percentText(s.after)} ({formatPercentChange(s.before, s.after)})
                </li>
              ))}
          </ul>
        </div>
      )}
      <UndoHistory tick={undoTick} onError={props.onError} />
    </section>
  );
}
