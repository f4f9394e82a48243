import { CliError } from './errors.ts';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Splits `--name value`, `--name=value` and bare `--switch` flags from positional
 * arguments. `booleans` lists the flags that take no value.
 */
export function parseArgs(args: string[], booleans: readonly string[], valued: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.split(/=(.*)/su, 2) as [string, string | undefined];
    const name = rawName.replace(/^--?/u, '');
    if (booleans.includes(name)) {
      if (inline !== undefined) throw CliError.of('cli.flagNoValue', { flag: name });
      flags.set(name, true);
    } else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw CliError.of('cli.flagNeedsValue', { flag: name });
      flags.set(name, value);
    } else {
      throw CliError.of('cli.unknownOption', { flag: rawName });
    }
  }
  return { positional, flags };
}
