// `planmeter parse FILE [--json]`: read a saved plan page (.txt or .html) and
// print its outline, or the structured plans as JSON (the public contract of
// engine/types.ts: { plans, outcomes, kind, title, warnings }).

import { readFile, stat } from 'node:fs/promises';
import { decodeBytes, DecodeError } from '../text/decode.ts';
import { basename, dirname, extname, resolve } from 'node:path';
import { htmlTitle, htmlToText, looksLikeHtml } from '../text/html.ts';
import { parsePage, type ParseOptions, type ParseTrace } from '../parse/index.ts';
import { seedParseOptions } from '../seed-meta.ts';
import type { Measure, ParseResult, Plan, Target } from '../types.ts';
import { parseArgs } from './args.ts';
import { CliError } from './errors.ts';
import { applyList, correctionSummary, loadCorrectionsFile } from './corrections.ts';
import type { CorrectedParse } from '../corrections/index.ts';

/** Largest page file read (bytes): far above any real plan page, below what a string can hold. */
export const MAX_PAGE_BYTES = 100_000_000;

/**
 * Reads a file as text: a BOM, an HTML page's declared charset, UTF-8,
 * GB18030 or Big5 (engine/text/decode.ts); binary files are refused, a few
 * undecodable bytes are replaced with a warning on stderr.
 */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw CliError.of('file.isFolderPage', { path });
    if (info.size > MAX_PAGE_BYTES) throw CliError.of('file.pageTooLarge', { path, size: info.size, max: MAX_PAGE_BYTES });
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw CliError.of('file.missingPage', { path });
    if (code === 'EISDIR') throw CliError.of('file.isFolderPage', { path });
    if (code === 'EACCES' || code === 'EPERM') throw CliError.of('file.denied', { path });
    throw CliError.of('file.unreadable', { path, reason: code ?? (error instanceof Error ? error.message : String(error)) });
  }
  if (bytes.length === 0) throw CliError.of('file.empty', { path });
  let decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch (error) {
    if (error instanceof DecodeError) throw error.kind === 'notText' ? CliError.of('file.notText', { path, bad: error.bad }) : CliError.of('file.binary', { path });
    throw error;
  }
  for (const w of decoded.warnings) process.stderr.write(`planmeter: ${path}: warning: ${w}\n`);
  if (!decoded.text.trim()) throw CliError.of('file.blank', { path });
  return decoded.text;
}

/** The page text to parse and a title hint: HTML is flattened to visible text first. */
export function pageText(path: string, content: string): { text: string; title: string } {
  const ext = extname(path).toLowerCase();
  const isHtml = ext === '.html' || ext === '.htm' || ext === '.xhtml' || (ext !== '.txt' && looksLikeHtml(content));
  if (!isHtml) return { text: content, title: '' };
  return { text: htmlToText(content), title: htmlTitle(content) };
}

export async function run(args: string[]): Promise<void> {
  const { positional, flags } = parseArgs(args, ['json', 'explain'], ['corrections']);
  if (positional.length !== 1) throw new CliError('usage: planmeter parse FILE [--corrections C.json] [--json | --explain]   (FILE: a plan page saved as .txt or .html)');
  const path = positional[0]!;
  // A bad corrections file is refused before anything else is read.
  const corrections = flags.has('corrections') ? await loadCorrectionsFile(String(flags.get('corrections'))) : null;
  const content = await readTextFile(path);
  const { text, title } = pageText(path, content);
  if (!text.trim()) throw new CliError(`${path}: the page has no visible text`);
  if (flags.has('explain')) {
    process.stdout.write(await explain(text, pageParseOptions(path, title)));
    return;
  }
  const parsed = await parsePage(text, pageParseOptions(path, title));
  const corrected = corrections ? await applyList(text, parsed, corrections.corrections) : null;
  const result = corrected?.result ?? parsed;
  if (result.plans.length === 0 && result.outcomes.length === 0) {
    const why = result.warnings.length > 0 ? ` (${result.warnings.join('; ')})` : '';
    const hint = corrections ? '' : '; to read it as a plan anyway, apply a corrections file with { "op": "read-as-plan", "title": "…" }';
    throw new CliError(`${path}: not a plan — found no plan with numbered measures and no reported results${why}${hint}`);
  }
  if (flags.has('json')) {
    const json = corrected ? { ...toJson(result), corrections: correctionsJson(corrected) } : toJson(result);
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(outline(result) + (corrected ? `${correctionSummary(corrected).join('\n')}\n` : ''));
  }
}

/** The JSON contract: plans and outcomes first, then what the parser took the page to be. */
function toJson(result: ParseResult): ParseResult {
  return { plans: result.plans, outcomes: result.outcomes, kind: result.kind, title: result.title, warnings: result.warnings };
}

/** What `parse --corrections --json` adds: how each operation fared, and what it took away. */
function correctionsJson(c: CorrectedParse): unknown {
  return { applied: c.applied, outcomes: c.outcomes, vanished: c.vanished, removedTargets: c.removedTargets };
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

/** "≥200 个 知识产权服务包", "3–5 家 …", "8→≤4 个工作日 …". */
export function formatTarget(t: Target): string {
  const comparator = { '>=': '≥', '<=': '≤', '=': '', approx: '约', range: '' }[t.comparator];
  const value = t.comparator === 'range' ? `${formatNumber(t.min ?? 0)}–${formatNumber(t.max ?? 0)}` : formatNumber(t.value ?? 0);
  const baseline = t.baseline !== undefined ? `${formatNumber(t.baseline)}→` : '';
  const deadline = t.deadline ? ` (${t.deadline})` : '';
  return `${baseline}${comparator}${value} ${t.unit} ${t.label}${deadline}`.trim();
}

function measureLine(m: Measure): string {
  const number = m.number ? (/^\d+$/u.test(m.number) ? `${m.number}. ` : `${m.number} `) : '· ';
  const units = m.units.length > 0 ? ` [${m.units.join('、')}]` : '';
  const deadline = m.deadline ? ` (${m.deadline})` : '';
  const targets = m.targets.length > 0 ? ` targets: ${m.targets.map(formatTarget).join('; ')}` : '';
  return `${number}${m.title}${units}${deadline}${targets}`;
}

function period(plan: Plan): string {
  if (!plan.period) return '';
  return plan.period.start === plan.period.end ? `${plan.period.start}` : `${plan.period.start}–${plan.period.end}`;
}

function planOutline(plan: Plan): string[] {
  const out: string[] = [];
  const facts = [
    plan.issuer && `issuer: ${plan.issuer}`,
    plan.date && `date: ${plan.date}`,
    period(plan) && `period: ${period(plan)}`,
    plan.docNumber && `文号: ${plan.docNumber}`,
    `${plan.measures.length} measures`,
    `${new Set(plan.measures.flatMap((m) => m.units)).size} units`,
    `${plan.measures.reduce((n, m) => n + m.targets.length, 0)} targets`,
  ].filter(Boolean);
  out.push(`# ${plan.title}`, `  ${facts.join(' · ')}`);
  const byId = new Map(plan.measures.map((m) => [m.id, m]));
  const listed = new Set<string>();
  const list = (ids: string[], indent: string) => {
    for (const id of ids) {
      const m = byId.get(id);
      if (!m) continue;
      listed.add(id);
      out.push(`${indent}${measureLine(m)}`);
    }
  };
  for (const section of plan.sections) {
    out.push(`  ${section.number ? `${section.number}、` : ''}${section.title}`);
    list(section.measureIds, '    ');
    for (const sub of section.subsections) {
      out.push(`    (${sub.number})${sub.title}`);
      list(sub.measureIds, '      ');
    }
  }
  const rest = plan.measures.filter((m) => !listed.has(m.id));
  for (const m of rest) out.push(`  ${measureLine(m)}`);
  if (plan.indicators.length > 0) {
    out.push('  indicators:');
    for (const ind of plan.indicators) {
      out.push(`    ${ind.category ? `${ind.category} / ` : ''}${ind.name}: ${ind.target} ${ind.unit}${ind.attribute ? ` (${ind.attribute})` : ''}`);
    }
  }
  if (plan.narrativeTargets.length > 0) {
    out.push('  narrative targets:');
    for (const t of plan.narrativeTargets) out.push(`    ${formatTarget(t)}`);
  }
  return out;
}

function outline(result: ParseResult): string {
  const out: string[] = [];
  if (result.kind === 'report') {
    out.push(`# ${result.title || '(results report)'}`, `  results report · ${result.outcomes.length} reported figures`);
    for (const o of result.outcomes) {
      // 超/近 come before the number, 余/多 after it, as the report writes them.
      const before = o.qualifier && /^[超近逾约]/u.test(o.qualifier) ? o.qualifier : '';
      const after = o.qualifier && !before ? o.qualifier : '';
      out.push(`    ${before}${formatNumber(o.value)}${after} ${o.unit} ${o.label}`);
    }
  }
  for (const plan of result.plans) {
    if (out.length > 0) out.push('');
    out.push(...planOutline(plan));
  }
  if (result.warnings.length > 0) out.push('', ...result.warnings.map((w) => `warning: ${w}`));
  return `${out.join('\n')}\n`;
}

/** Longest excerpt of a line printed by --explain. */
const EXPLAIN_EXCERPT = 48;

/**
 * planmeter parse FILE --explain: line by line, what each line was read as and
 * which rule said so; then each block's plan decision; then the result.
 */
async function explain(text: string, options: Omit<ParseOptions, 'simplify'>): Promise<string> {
  const out: string[] = [];
  const trace: ParseTrace = {
    line: (line, readAs, rule) => {
      if (line.kind === 'blank') return;
      const excerpt = line.text.length > EXPLAIN_EXCERPT ? `${line.text.slice(0, EXPLAIN_EXCERPT)}…` : line.text;
      out.push(`L${String(line.index + 1).padStart(4)}  ${readAs.padEnd(26)} ${`[${rule}]`.padEnd(34)} ${excerpt.replace(/\t/gu, ' | ')}`);
    },
    plan: (planTitle, isPlan, rule, measures) => {
      out.push(`==> ${isPlan ? 'PLAN' : 'not a plan'}: ${planTitle || '(untitled block)'} — ${measures} measures [${rule}]`, '');
    },
  };
  const targetLines: string[] = [];
  trace.targets = (measure, explanation) => {
    for (const c of explanation.accepted) targetLines.push(`  ${measure.padEnd(8)} target     [${c.rule}] ${c.quote}`);
    for (const c of explanation.rejected) targetLines.push(`  ${measure.padEnd(8)} not target [${c.rule}] ${c.quote}`);
  };
  const result = await parsePage(text, { ...options, trace });
  if (targetLines.length > 0) out.push('numbers in measures, by the rule that decided:', ...targetLines);
  out.push('', `result: ${result.kind} · ${result.plans.length} plan(s) · ${result.outcomes.length} outcomes`);
  for (const plan of result.plans) out.push('', ...planOutline(plan));
  if (result.warnings.length > 0) out.push('', ...result.warnings.map((w) => `warning: ${w}`));
  return `${out.join('\n')}\n`;
}

const SEEDS_DIR = resolve(import.meta.dirname, '..', '..', 'seeds');

/**
 * Parser options for a page file. A bundled seed also gets its title from
 * seeds/manifest.json as the fallback for a page that prints none, so the CLI
 * and the extension give its plan the same ids.
 */
export function pageParseOptions(path: string, htmlTitle?: string): Omit<ParseOptions, 'simplify'> {
  const seed = dirname(resolve(path)) === SEEDS_DIR ? seedParseOptions(basename(path)) : {};
  return { ...seed, source: basename(path), ...(htmlTitle ? { title: htmlTitle } : {}) };
}
