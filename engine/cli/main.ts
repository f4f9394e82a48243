// `npm run -s planmeter -- <command> …`: the engine from the command line.
// This folder is the only part of engine/ that touches Node (files, stdout).
import { CliError } from './errors.ts';
import { cliLocale } from './locale.ts';

type Command = (args: string[]) => Promise<void>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  parse: { summary: 'parse FILE [--corrections C.json] [--json]   read a plan page (.txt or .html) into a structured plan', load: async () => (await import('./parse.ts')).run },
  correct: { summary: 'correct S.json FILE (--corrections C.json [--url URL] | --export OUT.json)   store or export a page\'s corrections', load: async () => (await import('./correct.ts')).run },
  score: { summary: 'score FILE… [--progress S.json] [--as-of DATE] [--json|--csv]   scorecard (no FILE: the bundled seeds)', load: async () => (await import('./score.ts')).run },
  record: { summary: 'record S.json (--target ID --value N | --measure ID --status PCT) [--date D] [--note T]', load: async () => (await import('./record.ts')).run },
  related: { summary: 'related FILE… [--json]          cross-plan matches of the same measure', load: async () => (await import('./related.ts')).run },
  suggest: { summary: 'suggest PAGE --plans P1 [P2…] [--progress S.json] [--json]   figures on a results page proposed as progress', load: async () => (await import('./suggest.ts')).run },
  merge: { summary: 'merge A.json B.json… (-o OUT.json | --dry-run) [--json]  merge colleagues\' snapshots (--dry-run: what merging B… into A would change, entry by entry)', load: async () => (await import('./merge.ts')).run },
  report: { summary: 'report FILE… --progress S.json [--as-of D] (--xlsx OUT.xlsx | --docx OUT.docx | --csv)   台账 and 进展情况 report', load: async () => (await import('./report.ts')).run },
  'import-sheet': { summary: 'import-sheet S.json SHEET.xlsx|.csv [--dry-run]   bulk entry from a 台账, with a preview', load: async () => (await import('./import-sheet.ts')).run },
  split: { summary: 'split S.json --before DATE [-o OLD.json]  move older entries out of a snapshot that grew too large', load: async () => (await import('./split.ts')).run },
  diff: { summary: 'diff A.json B.json [--json]      what moved between two snapshots, entry by entry', load: async () => (await import('./diff.ts')).run },
};

function usage(): string {
  return ['usage: planmeter <command> …', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw CliError.of('cli.unknownCommand', { name, usage: usage() });
  await (await command.load())(rest);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    // Users get what was wrong and where, never a stack trace.
    const message = error instanceof CliError ? error.say(cliLocale()) : error instanceof Error ? error.message : String(error);
    process.stderr.write(`planmeter: ${message}\n`);
    if (process.env.PLANMETER_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  },
);
