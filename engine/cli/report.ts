// `planmeter report FILE… --progress S.json [--as-of D] [--lang zh-CN|en] (--xlsx OUT.xlsx | --docx OUT.docx | --csv)`
// The 台账 (.xlsx, or CSV on stdout) and the 工作进展情况 draft (.docx) of the
// plans in FILE… (no FILE: the bundled seeds) from a snapshot's entries.
// An output path that is a directory gets a file name carrying the plan and the date.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildReport, reportFileName } from '../report/model.ts';
import { reportWords, type ReportWords, type WordTable } from '../report/words.ts';
import { reportToCsv } from '../report/csv.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { checkDate, loadPlans, loadSnapshot, today, writeFileAtomic } from './score.ts';

const USAGE = 'usage: planmeter report FILE… --progress S.json [--as-of YYYY-MM-DD] [--lang zh-CN|en] (--xlsx OUT.xlsx | --docx OUT.docx | --csv)';
const LOCALES = join(import.meta.dirname, '..', '..', 'utils', 'locales');

/** The UI's words in `language` (the locale files are the one place they live), zh-CN filling gaps. */
export async function cliWords(language: string): Promise<ReportWords> {
  if (language !== 'zh-CN' && language !== 'en') throw new CliError(`--lang must be zh-CN or en, got "${language}"`);
  // The main table (status words …) and the report table (utils/locales/report/).
  const load = async (lang: string): Promise<WordTable> => ({
    ...(JSON.parse(await readFile(join(LOCALES, `${lang}.json`), 'utf8')) as WordTable),
    ...(JSON.parse(await readFile(join(LOCALES, 'report', `${lang}.json`), 'utf8')) as WordTable),
  });
  const zh = await load('zh-CN');
  return language === 'zh-CN' ? reportWords(zh, 'zh-CN') : reportWords(await load(language), language, zh);
}

async function outputPath(given: string, titles: string[], kind: string, asOf: string, ext: string): Promise<string> {
  const isDir = await stat(given).then((s) => s.isDirectory(), () => false);
  return isDir ? join(given, reportFileName(titles, kind, asOf, ext)) : given;
}

export async function run(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['csv'], ['progress', 'as-of', 'xlsx', 'docx', 'lang']);
  const outputs = ['xlsx', 'docx', 'csv'].filter((f) => flags.has(f));
  if (outputs.length !== 1) throw new CliError(`${USAGE}\n(choose exactly one of --xlsx, --docx and --csv)`);
  if (!flags.has('progress')) throw new CliError(`${USAGE}\n(--progress S.json is needed: the entries to report)`);
  const asOf = flags.has('as-of') ? checkDate(String(flags.get('as-of')), 'as-of') : today();
  const words = await cliWords(String(flags.get('lang') ?? 'zh-CN'));
  const snapshot = await loadSnapshot(String(flags.get('progress')));
  const plans = await loadPlans(positional);
  if (plans.length === 0) throw new CliError('no plans to report on');
  const known = new Set(plans.map((p) => p.id));
  const strays = new Set(snapshot.entries.filter((e) => !known.has(e.planId)).map((e) => e.planId));
  for (const id of strays) process.stderr.write(`planmeter: entries for plan ${id} skipped: that plan is not among the files given\n`);
  const report = buildReport(plans, snapshot.entries, { asOf, words });
  const titles = plans.map((p) => p.title);
  if (flags.has('csv')) {
    process.stdout.write(reportToCsv(report, words));
    return;
  }
  let path: string;
  let bytes: Uint8Array;
  if (flags.has('xlsx')) {
    const { reportToXlsx } = await import('../report/xlsx.ts');
    path = await outputPath(String(flags.get('xlsx')), titles, words.t('report.sheet.measures'), asOf, 'xlsx');
    bytes = await reportToXlsx(report, words);
  } else {
    const { reportToDocx } = await import('../report/docx.ts');
    path = await outputPath(String(flags.get('docx')), titles, words.language === 'en' ? 'report' : '进展情况', asOf, 'docx');
    bytes = await reportToDocx(report, words, { generatedOn: today() });
  }
  await writeFileAtomic(path, bytes);
  process.stdout.write(`wrote ${path}: ${report.measures.length} measures, ${report.targets.length} targets, ${report.lagging.length} lagging, as of ${asOf}\n`);
}
