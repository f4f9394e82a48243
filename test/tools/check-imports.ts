// Imports point down only: entrypoints → components → utils/hooks → lib → engine.
// `npm run check:imports` lists every relative import from a lower layer to a
// higher one (and exits 1 when there is any). It is not yet part of `npm test`:
// the overlay UI still lives in lib/overlay and imports components/ (issue 9).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** Layer of each top folder: a file may import from its own layer or a higher number. */
const LAYERS: Record<string, number> = { entrypoints: 0, components: 1, utils: 2, hooks: 2, lib: 3, engine: 4 };
const IMPORT_RE = /(?:from\s+|import\s*\()\s*['"](\.{1,2}\/[^'"]+)['"]/gu;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(?:ts|tsx)$/u.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export interface UpwardImport {
  file: string;
  imports: string;
}

/** Every import from a lower layer to a higher one, as paths relative to the project root. */
export function upwardImports(root = ROOT): UpwardImport[] {
  const found: UpwardImport[] = [];
  for (const top of Object.keys(LAYERS)) {
    let files: string[];
    try {
      files = sourceFiles(join(root, top));
    } catch {
      continue;
    }
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
        const target = relative(root, normalize(join(dirname(file), m[1]!)));
        const targetLayer = LAYERS[target.split('/')[0]!];
        if (targetLayer !== undefined && targetLayer < LAYERS[top]!) found.push({ file: relative(root, file), imports: target });
      }
    }
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = upwardImports();
  for (const f of found) process.stdout.write(`${f.file} imports ${f.imports} (a higher layer)\n`);
  process.stdout.write(`${found.length} upward import(s)\n`);
  process.exit(found.length > 0 ? 1 : 0);
}
