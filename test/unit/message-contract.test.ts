// The message contract (lib/messages.ts, lib/message-contract.ts): plans and
// entries are checked with the engine's own schemas, and a field renamed in a
// message view or in the engine's schema fails the TypeScript build — shown
// here by compiling copies with one field renamed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EntrySchema, PlanSchema as MessagePlanSchema } from '../../lib/messages.ts';
import { ProgressEntry } from '../../engine/progress/schema.ts';
import { PlanSchema } from '../../engine/schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const entry = {
  id: 'e1',
  planId: 'plan_a',
  measureId: 'm_a',
  kind: 'value',
  targetId: 't_a',
  value: 3,
  date: '2025-02-28',
  updatedAt: '2025-03-01T08:00:00.000Z',
} as const;

describe('messages check entries and plans with the engine schemas', () => {
  it('are the engine schemas themselves', () => {
    expect(EntrySchema).toBe(ProgressEntry);
    expect(MessagePlanSchema).toBe(PlanSchema);
  });

  it('refuses a date that is not on the calendar and an edit time that is not ISO, like the engine', () => {
    expect(EntrySchema.safeParse(entry).success).toBe(true);
    const feb30 = EntrySchema.safeParse({ ...entry, date: '2025-02-30' });
    expect(feb30.success).toBe(false);
    expect(feb30.error?.issues[0]?.path).toEqual(['date']);
    for (const updatedAt of ['yesterday', '2025-03-01', '2025-03-01 08:00', '']) {
      const r = EntrySchema.safeParse({ ...entry, updatedAt });
      expect(r.success, updatedAt).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['updatedAt']);
    }
  });
});

let previous: ts.Program | undefined;

/** Semantic diagnostics of type-checking `root` with `overrides` (path → text) in place of the files on disk. */
function typeErrors(root: string, overrides: Record<string, string>): string[] {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options, fileNames } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  // The project's own declarations (opencc-js, WXT's globals) come along with the root.
  const declarations = fileNames.filter((f) => f.endsWith('.d.ts'));
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const replaced = new Map(Object.entries(overrides).map(([path, text]) => [join(ROOT, path), text]));
  host.readFile = (file) => replaced.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = replaced.get(file);
    return text === undefined ? getSourceFile(file, language, onError, create) : ts.createSourceFile(file, text, language);
  };
  // The previous program's unchanged files are reused (parsing the project once, not four times).
  const program = ts.createProgram({ rootNames: [join(ROOT, root), ...declarations], options: { ...options, noEmit: true }, host, ...(previous ? { oldProgram: previous } : {}) });
  previous = program;
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.slice(ROOT.length + 1) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** `path`'s text with `from` replaced once (the test fails loudly if the text is not there). */
function renamed(path: string, from: string, to: string): Record<string, string> {
  const text = readFileSync(join(ROOT, path), 'utf8');
  expect(text.includes(from), `${path} holds ${from}`).toBe(true);
  return { [path]: text.replace(from, to) };
}

describe('a renamed field fails the build', () => {
  it('compiles as it is', () => {
    expect(typeErrors('lib/message-contract.ts', {})).toEqual([]);
  }, 120_000);

  it('a field renamed in a message view of an engine result (the suggestion a page accepts)', () => {
    const errors = typeErrors('lib/message-contract.ts', renamed('lib/messages.ts', '  targetQuote: str(5000),', '  targetText: str(5000),'));
    expect(errors.some((e) => e.startsWith('lib/message-contract.ts') && /does not satisfy the constraint 'true'/u.test(e))).toBe(true);
  }, 120_000);

  it('a field renamed in a copy of the engine result it carries (a due item)', () => {
    const errors = typeErrors('lib/message-contract.ts', renamed('engine/remind/index.ts', '  daysLeft: number;', '  daysToGo: number;'));
    expect(errors.some((e) => e.startsWith('lib/message-contract.ts'))).toBe(true);
  }, 120_000);

  it("a field renamed in the engine's plan schema breaks the code that reads it", () => {
    const errors = typeErrors('engine/parse/index.ts', renamed('engine/schema.ts', '  measureIds: list(id, 20_000),\n  subsections:', '  measureIdList: list(id, 20_000),\n  subsections:'));
    expect(errors.some((e) => e.startsWith('engine/parse/index.ts') && /measureIds/u.test(e))).toBe(true);
  }, 120_000);
});
