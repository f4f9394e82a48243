// What went wrong, for the UI to act on: the codes of an error reply
// (lib/messages.ts ErrorReply) and of the store's StoreError. Declared once.

export const ERROR_CODES = ['invalid', 'unknown_plan', 'unknown_measure', 'quota', 'not_found', 'forbidden', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes the store raises (forbidden and internal are the dispatcher's own). */
export type StoreErrorCode = Exclude<ErrorCode, 'forbidden' | 'internal'>;

export function isErrorCode(code: unknown): code is ErrorCode {
  return ERROR_CODES.some((known) => known === code);
}
