import { renderMessage, type CliMessage } from './messages.ts';
import type { CliLocale } from './locale.ts';

/**
 * An error the user caused (bad file, bad flag): printed as is, exit code 2 by default.
 * One made with `CliError.of` carries its catalog message (engine/cli/messages.ts), so the
 * CLI says it in the user's language; its `message` is always the English.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2, readonly text?: CliMessage) {
    super(message);
  }

  static of(id: CliMessage['id'], params: CliMessage['params'] = {}, exitCode = 2): CliError {
    const text: CliMessage = { id, params };
    return new CliError(renderMessage(text, 'en')!, exitCode, text);
  }

  /** The message in `locale` (the English message when it has no catalog text). */
  say(locale: CliLocale): string {
    return locale === 'en' || !this.text ? this.message : (renderMessage(this.text, locale) ?? this.message);
  }
}
