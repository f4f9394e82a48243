// The language of the CLI's messages about what the user typed: Chinese when
// PLANMETER_LANG (or LC_ALL, LC_MESSAGES, LANG) starts with "zh", else English.
// Messages about typed numbers come from engine/progress/user-number.ts; the
// ones about dates are here.
import { futureDateProblem, isoDayPlus } from '../progress/dates.ts';
import type { NumberLocale } from '../progress/user-number.ts';

export type CliLocale = NumberLocale;

export function cliLocale(env: NodeJS.ProcessEnv = process.env): CliLocale {
  const lang = env.PLANMETER_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/iu.test(lang) ? 'zh-CN' : 'en';
}

/** Why a progress date cannot be recorded on `now` (it is after tomorrow), in the user's language, or null. */
export function futureDateMessage(date: string, now: Date, locale: CliLocale): string | null {
  const problem = futureDateProblem(date, now);
  if (problem === null || locale === 'en') return problem;
  return `${date} 是未来的日期（今天是 ${isoDayPlus(now, 0)}）：只能填报已到日期的进度`;
}
