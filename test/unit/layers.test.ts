// Imports point down only (README, Layout): entrypoints → components → utils/hooks
// → lib → engine, with no import cycle. No exception is tolerated; the checker
// itself is tried on small made-up trees, so it is seen to fail.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCycles, importGraph, importProblems, upwardImports } from '../tools/check-imports.ts';

describe('layers of this project', () => {
  const graph = importGraph();
  it('reads every layer (the checker is not looking at an empty tree)', () => {
    const tops = new Set([...graph.keys()].map((f) => f.split('/')[0]));
    expect([...tops].sort()).toEqual(['components', 'engine', 'entrypoints', 'hooks', 'lib', 'utils']);
    expect(graph.get('entrypoints/content.ts')?.length).toBeGreaterThan(0);
  });
  it('has no import from a lower layer to a higher one', () => {
    expect(upwardImports(graph)).toEqual([]);
  });
  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the import checker', () => {
  let root = '';
  const tree = (files: Record<string, string>) => {
    root = mkdtempSync(join(tmpdir(), 'pm-layers-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('accepts imports that point down, packages, and files outside the layers', () => {
    const r = tree({
      'entrypoints/popup/main.tsx': "import '../../components/shared.css';\nimport { Popup } from '../../components/Popup.tsx';\n",
      'components/Popup.tsx': "import { h } from 'preact';\nimport { t } from '../utils/i18n.ts';\nimport { useLive } from '../hooks/live.ts';\n",
      'utils/i18n.ts': "import zh from './locales/zh-CN.json';\nimport { db } from '../lib/db.ts';\n",
      'hooks/live.ts': "import { t } from '../utils/i18n.ts';\n",
      'lib/db.ts': "import type { Plan } from '../engine/types.ts';\nimport words from '../seeds/plan-words.json';\n",
      'engine/types.ts': 'export interface Plan { id: string }\n',
    });
    expect(importProblems(r)).toEqual([]);
  });

  it('reports an upward import of every form: value, type only, re-export, dynamic, bare', () => {
    const r = tree({
      'engine/a.ts': "import { x } from '../lib/x.ts';\n",
      'engine/b.ts': "import type { X } from '../components/X.tsx';\n",
      'lib/x.ts': "export { t } from '../utils/i18n.ts';\nexport const x = 1;\n",
      'utils/i18n.ts': "const m = await import('../components/X.tsx');\nexport const t = 1;\n",
      'hooks/h.ts': "import '../entrypoints/content.ts';\n",
      'components/X.tsx': 'export const X = 1;\n',
      'entrypoints/content.ts': '',
    });
    expect(upwardImports(importGraph(r))).toEqual(
      expect.arrayContaining([
        { file: 'engine/a.ts', imports: 'lib/x.ts' },
        { file: 'engine/b.ts', imports: 'components/X.tsx' },
        { file: 'lib/x.ts', imports: 'utils/i18n.ts' },
        { file: 'utils/i18n.ts', imports: 'components/X.tsx' },
        { file: 'hooks/h.ts', imports: 'entrypoints/content.ts' },
      ]),
    );
    expect(upwardImports(importGraph(r))).toHaveLength(5);
    expect(importProblems(r)).toContain('engine/a.ts imports lib/x.ts (a higher layer)');
  });

  it('reports a cycle inside one layer, and a longer one', () => {
    const r = tree({
      'engine/score/explain.ts': "import { formatNumber } from './completion.ts';\n",
      'engine/score/completion.ts': "import { formatExplanation } from './explain.ts';\n",
      'lib/a.ts': "import { b } from './b.ts';\n",
      'lib/b.ts': "import { c } from './sub/c.ts';\n",
      'lib/sub/c.ts': "import { a } from '../a.ts';\n",
      'lib/d.ts': "import { a } from './a.ts';\n",
    });
    const cycles = importCycles(importGraph(r));
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(['engine/score/completion.ts', 'engine/score/explain.ts', 'engine/score/completion.ts']);
    expect(cycles).toContainEqual(['lib/a.ts', 'lib/b.ts', 'lib/sub/c.ts', 'lib/a.ts']);
    expect(importProblems(r)).toContain('import cycle: lib/a.ts → lib/b.ts → lib/sub/c.ts → lib/a.ts');
  });
});
