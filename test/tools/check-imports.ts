// Imports point down only: entrypoints → components → utils/hooks → lib → engine,
// and no file reaches itself again through its imports (no cycle).
// `npm run check:imports` lists every relative import from a lower layer to a
// higher one and every import cycle, and exits 1 when there is any; `npm test`
// runs it before the tests, and test/unit/layers.test.ts asserts the same.
// Type-only imports count too: a type from a higher layer is still a dependency on it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** Layer of each top folder: a file may import from its own layer or a higher number. */
export const LAYERS: Readonly<Record<string, number>> = { entrypoints: 0, components: 1, utils: 2, hooks: 2, lib: 3, engine: 4 };
/** `from './x'`, `import('./x')` and a bare `import './x.css'`, relative specifiers only (packages have no layer). */
const IMPORT_RE = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/gu;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(?:ts|tsx)$/u.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every layered source file with the project paths it imports, both relative to `root`. */
export function importGraph(root = ROOT): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const top of Object.keys(LAYERS)) {
    let files: string[];
    try {
      files = sourceFiles(join(root, top));
    } catch {
      continue; // a layer folder this tree does not have
    }
    for (const file of files) {
      const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT_RE)].map((m) => relative(root, normalize(join(dirname(file), m[1]!))));
      graph.set(relative(root, file), targets);
    }
  }
  return graph;
}

export interface UpwardImport {
  file: string;
  imports: string;
}

const layerOf = (path: string): number | undefined => LAYERS[path.split('/')[0]!];

/** Every import from a lower layer to a higher one, as paths relative to the project root. */
export function upwardImports(graph = importGraph()): UpwardImport[] {
  const found: UpwardImport[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const targetLayer = layerOf(target);
      if (targetLayer !== undefined && targetLayer < layerOf(file)!) found.push({ file, imports: target });
    }
  }
  return found;
}

/** Every import cycle, each as the files on it in import order (the first file again at the end). */
export function importCycles(graph = importGraph()): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  // Depth-first, without recursion (a long chain of imports must not overflow the stack).
  for (const start of [...graph.keys()].sort()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { file: string; next: number }[] = [{ file: start, next: 0 }];
    state.set(start, 'open');
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = graph.get(top.file) ?? [];
      if (top.next >= targets.length) {
        state.set(top.file, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const target = targets[top.next++]!;
      if (!graph.has(target)) continue; // a file outside the layers (seeds/*.json, a stylesheet)
      const seen = state.get(target);
      if (seen === 'open') cycles.push([...path.slice(path.indexOf(target)), target]);
      else if (seen === undefined) {
        state.set(target, 'open');
        path.push(target);
        stack.push({ file: target, next: 0 });
      }
    }
  }
  return cycles;
}

/** What `npm run check:imports` prints, one problem a line; empty when the imports are in order. */
export function importProblems(root = ROOT): string[] {
  const graph = importGraph(root);
  return [
    ...upwardImports(graph).map((f) => `${f.file} imports ${f.imports} (a higher layer)`),
    ...importCycles(graph).map((c) => `import cycle: ${c.join(' → ')}`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = importProblems();
  for (const p of problems) process.stdout.write(`${p}\n`);
  process.stdout.write(problems.length > 0 ? `${problems.length} import problem(s): see README, Layout\n` : 'imports: one direction, no cycle\n');
  process.exit(problems.length > 0 ? 1 : 0);
}
