// Regenerates the traditional-script forms of seeds/be-lexicon.json's phrases
// ('traditional' for 'phrases', 'weakTraditional' for 'weak') with OpenCC, so
// traditional-script plans are tagged without a converter. Run after editing
// the lexicon:  npx tsx test/tools/be-lexicon-traditional.ts
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';

const path = new URL('../../seeds/be-lexicon.json', import.meta.url);
const lexicon = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const converters = (['t', 'tw', 'hk'] as const).map((to) => OpenCC.Converter({ from: 'cn', to }));

function traditional(phrases: string[]): string[] {
  const out = new Set<string>();
  for (const p of phrases) for (const c of converters) {
    const t = c(p);
    if (t !== p) out.add(t);
  }
  return [...out];
}

type Group = { phrases: string[]; weak?: string[]; traditional?: string[]; weakTraditional?: string[] };
for (const key of ['national', 'bready', 'dimensions']) {
  for (const g of lexicon[key] as Group[]) {
    g.traditional = traditional(g.phrases);
    if (g.weak) g.weakTraditional = traditional(g.weak);
  }
}

// One group a line keeps diffs readable.
const groupLines = (key: string) => (lexicon[key] as object[]).map((g) => `    ${JSON.stringify(g)}`).join(',\n');
const head = Object.entries(lexicon).filter(([k]) => !['national', 'bready', 'dimensions'].includes(k)).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
writeFileSync(path, `{\n${head.join(',\n')},\n  "national": [\n${groupLines('national')}\n  ],\n  "bready": [\n${groupLines('bready')}\n  ],\n  "dimensions": [\n${groupLines('dimensions')}\n  ]\n}\n`);
console.log('be-lexicon.json: traditional forms regenerated');
