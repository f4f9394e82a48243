/** An error the user caused (bad file, bad flag): printed as is, exit code 2 by default. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
