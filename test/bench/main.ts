// `npm run bench`: the one place PlanMeter's speed and size are measured.
// Every figure is a median of several runs, printed beside a floor or a goal;
// nothing here fails a build (these machines are noisy).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { adversarialText, numberedLines } from './adversarial.ts';
import { syntheticEntries, syntheticPlans } from './synthetic.ts';
import { goal, ms, time, timeAsync } from './stats.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEEDS = join(ROOT, 'seeds');

function header(title: string): void {
  process.stdout.write(`\n## ${title}\n`);
}

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function largestSeed(): { name: string; text: string } {
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  const sized = files.map((name) => ({ name, text: readFileSync(join(SEEDS, name), 'utf8') }));
  return sized.sort((a, b) => Buffer.byteLength(b.text) - Buffer.byteLength(a.text))[0]!;
}

async function benchParse(): Promise<void> {
  header('Parse throughput (largest seed)');
  const { parsePage, parseText } = await import('../../engine/parse/index.ts');
  const seed = largestSeed();
  const mb = Buffer.byteLength(seed.text, 'utf8') / 1e6;
  const rate = (t: number): string => `${(mb / (t / 1000)).toFixed(1)} MB/s`;
  // What the extension's service worker runs on a page's text (parsePage: the script test,
  // then the parse). Enough runs that the min is a warm parse, not the JIT still compiling.
  const parse = await timeAsync(() => parsePage(seed.text), 101, 30);
  // The floor: one plain regex pass over the same text (numbered line starts).
  const numbered = /^[ \t\u3000]*\d{1,4}[.．、]/gmu;
  const floor = time(() => seed.text.match(numbered)?.length ?? 0, 101, 30);
  // Work no parser of this text can skip: one Unicode NFKC pass over it.
  const nfkc = time(() => seed.text.normalize('NFKC').length, 101, 30);
  line(`seed ${seed.name}: ${(mb * 1000).toFixed(1)} kB`);
  line(`parser: ${ms(parse.median)} median (${rate(parse.median)}), min ${ms(parse.min)} (${rate(parse.min)}), ${parse.runs} runs`);
  line(`plain regex pass (the floor): ${ms(floor.median)} median (${rate(floor.median)}), min ${ms(floor.min)}, ${floor.runs} runs`);
  line(`NFKC pass alone: ${ms(nfkc.median)} median (${rate(nfkc.median)})`);
  const ratio = parse.median / floor.median;
  const ratioMin = parse.min / floor.min;
  line(`parser / regex floor: ${ratio.toFixed(0)}x median, ${ratioMin.toFixed(0)}x min — goal within 20x by min: ${goal(ratioMin <= 20)} (then 10x)`);
  line(`parser / NFKC pass: ${(parse.median / nfkc.median).toFixed(0)}x median`);

  header('Parse: adversarial input (linear time)');
  // Warm the parser on other hostile text first, so the first size measured is not the cold one.
  parseText(adversarialText(300_000), {});
  const sizes = [250_000, 500_000, 1_000_000];
  const timings = sizes.map((bytes) => {
    const text = adversarialText(bytes);
    return { bytes, t: time(() => parseText(text, {}), 7, 2) };
  });
  for (const { bytes, t } of timings) line(`${(bytes / 1e6).toFixed(2)} MB mixed hostile text: ${ms(t.median)} median, min ${ms(t.min)}`);
  const growth = timings[2]!.t.min / timings[0]!.t.min;
  line(`time(1 MB) / time(0.25 MB) = ${growth.toFixed(2)} by min (linear ≈ 4) — goal 1 MB under 1 s: ${goal(timings[2]!.t.median < 1000)}`);
  const lines = numberedLines(100_000);
  const t100k = time(() => parseText(lines, {}), 5, 1);
  line(`100,000 numbered lines (${(Buffer.byteLength(lines) / 1e6).toFixed(2)} MB): ${ms(t100k.median)} median — ${goal(t100k.median < 1000)}`);
}

async function benchScore(): Promise<void> {
  header('Scoring: 100 plans × 50 measures × 10 entries');
  const { scorePlans } = await import('../../engine/score/index.ts');
  const plans = syntheticPlans(100, 50, []);
  const entries = syntheticEntries(plans, 10);
  const t = time(() => scorePlans(plans, entries, { asOf: '2025-09-30' }), 9, 2);
  line(`${entries.length} entries: ${ms(t.median)} median, min ${ms(t.min)} — goal under 50 ms: ${goal(t.median < 50)}`);
}

async function benchRelated(): Promise<void> {
  header('Related measures: index over 5,000 measures');
  const { parseText, needsSimplification, loadSimplifier } = await import('../../engine/parse/index.ts');
  const { buildRelatedIndex, queryRelated } = await import('../../engine/related/index.ts');
  const simplify = await loadSimplifier();
  const seedMeasures = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => {
      const text = readFileSync(join(SEEDS, f), 'utf8');
      return parseText(text, { simplify: needsSimplification(text) ? simplify : undefined }).plans.flatMap((p) => p.measures);
    });
  const plans = syntheticPlans(100, 50, seedMeasures);
  const build = time(() => buildRelatedIndex(plans), 5, 1);
  const index = buildRelatedIndex(plans);
  const ids = plans.flatMap((p) => p.measures.map((m) => m.id));
  let next = 0;
  const query = time(() => queryRelated(index, ids[(next = (next + 97) % ids.length)]!), 200, 20);
  line(`${ids.length} measures from ${seedMeasures.length} seed measures, varied`);
  line(`index build: ${ms(build.median)} median — goal under 300 ms: ${goal(build.median < 300)}`);
  line(`query: ${ms(query.median)} median over ${query.runs} queries — goal under 2 ms: ${goal(query.median < 2)}`);
}

function benchBundle(): void {
  header('Content-script bundle');
  const dir = join(ROOT, '.output', 'chrome-mv3', 'content-scripts');
  if (!existsSync(dir)) {
    line('no build found: run `npm run build:chrome` first');
    return;
  }
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const bytes = readFileSync(join(dir, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    line(`${file}: ${(bytes.length / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzipped — goal under 60 kB gzipped: ${goal(gz < 60 * 1024)}`);
  }
  const chunks = join(ROOT, '.output', 'chrome-mv3', 'chunks');
  if (existsSync(chunks)) {
    for (const file of readdirSync(chunks).filter((f) => /opencc|simplif|t2s/iu.test(f))) {
      const gz = gzipSync(readFileSync(join(chunks, file)), { level: 9 }).length;
      line(`lazy dictionary chunk ${file}: ${(gz / 1024).toFixed(1)} kB gzipped (loaded only on traditional-script pages)`);
    }
  }
}

async function benchBrowser(): Promise<void> {
  header('In the browser');
  const path = join(import.meta.dirname, 'browser.ts');
  if (!existsSync(path)) {
    line('browser bench not available');
    return;
  }
  const { runBrowserBench } = (await import('./browser.ts')) as { runBrowserBench: (log: (s: string) => void) => Promise<void> };
  await runBrowserBench(line);
}

const sections: [string, () => Promise<void> | void][] = [
  ['parse', benchParse],
  ['score', benchScore],
  ['related', benchRelated],
  ['sheet', async () => {
    header('Bulk entry: preview of a 5,000-row sheet');
    await (await import('./sheet.ts')).benchSheet(line);
  }],
  ['bundle', benchBundle],
  ['browser', benchBrowser],
];

const only = process.argv.slice(2);
for (const [name, run] of sections) {
  if (only.length && !only.includes(name)) continue;
  try {
    await run();
  } catch (error) {
    line(`${name}: could not run — ${error instanceof Error ? error.message : String(error)}`);
  }
}
