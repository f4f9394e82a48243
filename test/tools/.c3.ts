import { readFileSync, readdirSync } from 'node:fs';
import { htmlParagraphs } from '/work/wt-targets/test/tools/targets-harness.ts';
import { explainTargets } from '/work/wt-targets/engine/parse/targets.ts';
import { normalizeText } from '/work/wt-targets/engine/text/normalize.ts';
const [,, dir, pre, ...needles] = process.argv;
const f = readdirSync(dir!).find((x) => x.startsWith(pre!))!;
const raw = readFileSync(dir + '/' + f, 'utf8');
const paras = f.endsWith('html') ? htmlParagraphs(raw) : raw.split('\n');
for (const n of needles) for (const p of paras) {
  const t = normalizeText(p).text; const i = t.indexOf(n.normalize('NFKC'));
  if (i < 0) continue;
  const s = Math.max(0, t.lastIndexOf('。', i) + 1), e = t.indexOf('。', i) + 1 || t.length;
  const sent = t.slice(s, e);
  console.log('>>', sent);
  const x = explainTargets(sent);
  for (const a of x.accepted) console.log('   + [' + a.rule + '] ' + a.quote);
  for (const r of x.rejected) console.log('   - [' + r.rule + '] ' + r.quote);
}
