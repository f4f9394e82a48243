// `planmeter correct SNAPSHOT.json FILE --corrections C.json [--url URL]`
//   stores a page's corrections in a snapshot (created when missing), keyed
//   by the page's fingerprint and URL, after checking every operation: a
//   malformed file is refused, naming the operation and field, and the
//   snapshot is left untouched.
// `planmeter correct SNAPSHOT.json FILE --export OUT.json`
//   writes the page's stored corrections back out as a corrections file.
// The snapshot is replaced atomically.
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { CORRECTIONS_VERSION, CorrectionRecordSchema, type CorrectionRecord } from '../corrections/index.ts';
import { parsePage } from '../parse/index.ts';
import { canonicalJson, createSnapshot, serializeSnapshot, type Snapshot } from '../snapshot/index.ts';
import { parseArgs } from './args.ts';
import { applyList, applyStored, correctionSummary, fileUrls, loadCorrectionsFile, pageFingerprints } from './corrections.ts';
import { CliError } from './errors.ts';
import { pageParseOptions, pageText, readTextFile } from './parse.ts';
import { appVersion, loadSnapshot, today, writeFileAtomic } from './score.ts';

const USAGE = 'usage: planmeter correct SNAPSHOT.json FILE (--corrections C.json [--url URL] | --export OUT.json)';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function run(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, [], ['corrections', 'url', 'export']);
  if (positional.length !== 2) throw new CliError(`${USAGE}\n(give a snapshot file and a plan page)`);
  if (flags.has('corrections') === flags.has('export')) throw new CliError(`${USAGE}\n(give either --corrections or --export)`);
  const [snapshotPath, pagePath] = positional as [string, string];
  // Everything is checked before anything is written.
  const file = flags.has('corrections') ? await loadCorrectionsFile(String(flags.get('corrections'))) : null;
  const existing = (await exists(snapshotPath)) ? await loadSnapshot(snapshotPath) : null;
  const content = await readTextFile(pagePath);
  const { text, title } = pageText(pagePath, content);
  const options = pageParseOptions(pagePath, title);
  const parsed = await parsePage(text, options);
  const stored = existing?.corrections ?? [];

  if (!file) {
    const corrected = await applyStored(text, parsed, stored, pagePath, options.title);
    const fingerprints = await pageFingerprints(text, parsed, options.title ? { title: options.title } : {});
    const urls = new Set(fileUrls(pagePath));
    const mine = stored
      .filter((r) => !r.deleted && (fingerprints.includes(r.fingerprint) || urls.has(r.url)))
      .sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1));
    const out = { version: CORRECTIONS_VERSION, corrections: mine.map((r) => ({ ...r.correction, id: r.id, createdAt: r.createdAt })) };
    await writeFileAtomic(String(flags.get('export')), canonicalJson(out));
    process.stdout.write(`exported ${mine.length} corrections of ${pagePath} to ${String(flags.get('export'))}${corrected ? `\n${correctionSummary(corrected).join('\n')}` : ''}\n`);
    return;
  }

  // The fingerprint the page is known by before corrections: its first plan's,
  // else (a page read as a plan) its permissive reading's.
  const fingerprints = await pageFingerprints(text, parsed, options.title ? { title: options.title } : {});
  const fingerprint = fingerprints[0] ?? '';
  const url = flags.has('url') ? String(flags.get('url')) : fileUrls(pagePath)[1]!;
  const now = new Date();
  const taken = new Set(stored.map((r) => r.id));
  const records: CorrectionRecord[] = file.corrections.map((correction, i) => {
    const id = correction.id && !taken.has(correction.id) ? correction.id : `corr_${randomUUID()}`;
    // Later operations of one file apply later: 1 ms apart when the file gives no times.
    const createdAt = correction.createdAt ?? new Date(now.getTime() + i).toISOString();
    return CorrectionRecordSchema.parse({ id, fingerprint, url, createdAt, updatedAt: now.toISOString(), correction: { ...correction, id } });
  });
  const all = [...stored, ...records];
  const corrected = await applyStored(text, parsed, all, pagePath, options.title);
  const plans = corrected?.result.plans ?? parsed.plans;
  const version = await appVersion();
  let snapshot: Snapshot;
  if (!existing) {
    snapshot = createSnapshot({ plans, entries: [], asOf: today(), appVersion: version, createdAt: now.toISOString(), corrections: all });
  } else {
    const refs = [...existing.plans];
    for (const p of plans) if (!refs.some((r) => r.id === p.id)) refs.push({ id: p.id, fingerprint: p.fingerprint, title: p.title });
    snapshot = { ...existing, appVersion: version, createdAt: now.toISOString(), plans: refs, corrections: all };
  }
  await writeFileAtomic(snapshotPath, serializeSnapshot(snapshot));
  const check = corrected ?? (await applyList(text, parsed, []));
  process.stdout.write(`stored ${records.length} corrections of ${pagePath} in ${snapshotPath}\n${correctionSummary(check).join('\n')}\n`);
}
