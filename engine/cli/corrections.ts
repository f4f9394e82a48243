// What the CLI commands share about corrections: reading a corrections file
// (refused whole, with each operation and field named), choosing a page's
// stored corrections, and applying them after a parse.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { applyCorrections, correctionsFor, parseCorrectionsFile, type CorrectedParse, type Correction, type CorrectionRecord, type CorrectionsFile } from '../corrections/index.ts';
import { loadSimplifier, needsSimplification, parseText } from '../parse/index.ts';
import { formatProblems } from '../snapshot/index.ts';
import type { ParseResult } from '../types.ts';
import { CliError } from './errors.ts';

export async function loadCorrectionsFile(path: string): Promise<CorrectionsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? 'unknown error'})`);
  }
  const result = parseCorrectionsFile(text);
  if (!result.ok) throw new CliError(`${path}: not a usable corrections file (nothing was applied or stored):\n${formatProblems(result.problems).replace(/^/gmu, '  ')}`);
  return result.file;
}

/** Parser options the text needs to be re-read (the simplifier for a traditional page). */
export async function simplifyFor(text: string): Promise<{ simplify?: (s: string) => string }> {
  return needsSimplification(text) ? { simplify: await loadSimplifier() } : {};
}

/**
 * The fingerprints a page can be known by before corrections: those of its
 * parsed plans and that of its permissive reading (a page read as a plan).
 */
export async function pageFingerprints(text: string, parse: ParseResult, options: { title?: string }): Promise<string[]> {
  const permissive = parseText(text, { ...(await simplifyFor(text)), ...(options.title ? { title: options.title } : {}), permissive: true });
  return [...parse.plans.map((p) => p.fingerprint), ...permissive.plans.map((p) => p.fingerprint)];
}

/** The URL-like keys a page file is known by: its path as given and its file name. */
export function fileUrls(path: string): string[] {
  return [path, basename(path)];
}

/** Applies the stored records that belong to this page (by fingerprint or by file name/URL). */
export async function applyStored(text: string, parse: ParseResult, records: readonly CorrectionRecord[], path: string, title?: string): Promise<CorrectedParse | null> {
  if (records.length === 0) return null;
  const fingerprints = await pageFingerprints(text, parse, title ? { title } : {});
  const byFp = correctionsFor(records, { fingerprints });
  const byUrl = fileUrls(path).flatMap((url) => correctionsFor(records, { fingerprints: [], url }));
  const chosen = [...new Map([...byFp, ...byUrl].map((r) => [r.id, r])).values()].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1));
  if (chosen.length === 0) return null;
  return applyCorrections(parse, chosen.map((r) => r.correction), text, await simplifyFor(text));
}

export async function applyList(text: string, parse: ParseResult, corrections: readonly Correction[]): Promise<CorrectedParse> {
  return applyCorrections(parse, corrections, text, await simplifyFor(text));
}

/** "3 corrections applied; 1 kept but not applied: corrections[2] (remove-measure): measure m_x is not in the plan". */
export function correctionSummary(c: CorrectedParse): string[] {
  const out = [`corrections: ${c.applied} applied, ${c.outcomes.filter((o) => o.status === 'unchanged').length} already true, ${c.outcomes.filter((o) => o.status === 'unresolved').length} kept but not applied`];
  for (const o of c.outcomes) if (o.status !== 'applied') out.push(`  corrections[${o.index}] (${o.op}) ${o.status}: ${o.message}`);
  for (const v of c.vanished) out.push(`  ${v.reason === 'merged' ? 'merged' : 'removed'}: ${v.number ? `${v.number} ` : ''}${v.title} (${v.measureId})${v.into ? ` → ${v.into}` : ''}`);
  return out;
}
