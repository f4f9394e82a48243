// What is a plan, as named rules in order: the first rule that decides wins,
// and its name is what `planmeter parse --explain` prints and what a warning
// says. Word lists are data (seeds/plan-words.json).
//
// The genre: work plans call themselves 方案/规划/计划/要点/清单, but policy
// 意见, 通知 with a task list, 若干措施 and 考评办法 are plans too, and a
// document whose numbered items are tasks (task verbs, owners, deadlines) is a
// plan even when it names no owner. Regulations (第N条), Q&A 解读, speeches,
// news lists and statistical communiqués are not, even when they number things.

import words from '../../seeds/plan-words.json';
import { REPORT_WORD_RE } from './metadata.ts';

/** What the rules look at, read once per candidate block. */
export interface PlanEvidence {
  /** Measures found by the outline. */
  measures: number;
  /** Measures that name a responsible unit (own note, row, or heading). */
  owned: number;
  /** Measures whose opening words hold a task verb. */
  tasks: number;
  /** Measures that are questions (end in ？, or hold 答：). */
  questions: number;
  /** The block's title (normalised, simplified). */
  title: string;
  /** The block calls itself a plan: a plan word in its title or 制定本方案 in its text. */
  identifiesPlan: boolean;
  /** The block is quoted inside a larger page (digest, news). */
  embedded: boolean;
  /** The outline read 第N条 articles. */
  regulation: boolean;
  /** Measures listed right under a heading that names them as measures (七项纾民困措施:). */
  headed: number;
  /** Measures in which the issuing office speaks of itself (我局已委托…, 反馈至我局). */
  firstPerson: number;
}

export interface PlanRule {
  name: string;
  /** true: a plan; false: not a plan; null: this rule does not decide. */
  decide: (e: PlanEvidence) => boolean | null;
  /** Said in the warning when this rule turns a block down. */
  why: string;
}

const MIN_MEASURES = 3;
/** Opening characters of a measure searched for a task verb. */
const TASK_WINDOW = 16;

/** One alternation, tried once over a measure's opening characters (not one search per verb). */
const TASK_VERB_RE = new RegExp(words.taskVerbs.join('|'), 'u');
const POLICY_TITLE_RE = new RegExp(words.policyTitleWords.join('|'), 'u');
const NOT_PLAN_TITLE_RE = new RegExp(words.notPlanTitleWords.join('|'), 'u');
const FIRST_PERSON_RE = new RegExp(words.firstPersonOffices.join('|'), 'u');
/** 关于开展…落实情况自查的通知: a notice that asks for work, whatever report words its object holds. */
const ACTION_TITLE_RE = new RegExp(`^(?:${words.actionTitleOpeners.join('|')})`, 'u');

/** True when the office that writes speaks of itself (我局, 我委 …): a letter's items, not another unit's tasks. */
export function speaksAsOffice(text: string): boolean {
  // Most measures hold no 我 at all: one character search rules them out.
  return text.includes('我') && FIRST_PERSON_RE.test(text);
}

/** True when a measure's opening words hold a task verb (推进, 加强, 完善 …). */
export function opensWithTask(text: string): boolean {
  return TASK_VERB_RE.test(text.slice(0, TASK_WINDOW));
}

/** A short heading that names the list under it as measures: 七项纾民困措施:, 支援中小企措施, 重点任务. */
const MEASURES_HEADING_RE = new RegExp(`(?:${words.measureListWords.join('|')})\\s*:?$`, 'u');
/** Longest such heading. */
const MAX_MEASURES_HEADING = 24;

export function namesMeasures(heading: string): boolean {
  return heading.length <= MAX_MEASURES_HEADING && MEASURES_HEADING_RE.test(heading);
}

/** True when a measure reads as a question of a Q&A page. */
export function isQuestion(text: string): boolean {
  const trimmed = text.trimEnd();
  return words.questionEnds.some((mark) => trimmed.endsWith(mark)) || words.answerMarks.some((mark) => text.includes(mark));
}

export const PLAN_RULES: readonly PlanRule[] = [
  { name: 'regulation-articles', decide: (e) => (e.regulation ? false : null), why: 'reads as a regulation (第N条 articles): no measures' },
  { name: 'fewer-than-three-measures', decide: (e) => (e.measures < MIN_MEASURES ? false : null), why: 'fewer than three numbered items' },
  { name: 'questions-and-answers', decide: (e) => (e.questions * 2 >= e.measures ? false : null), why: 'the numbered items are questions (a Q&A or 解读 page)' },
  // Stryker disable next-line StringLiteral: a rule that only says yes is never quoted as the reason for a no
  { name: 'owners-named', decide: (e) => (e.owned * 2 >= e.measures ? true : null), why: '' },
  // A quoted excerpt (a digest's State Council list) needs its owners or its own title and 制定本方案.
  { name: 'quoted-without-owners', decide: (e) => (e.embedded ? e.identifiesPlan : null), why: 'a quoted list whose items name no responsible units' },
  { name: 'not-a-plan-genre', decide: (e) => (NOT_PLAN_TITLE_RE.test(e.title) && !e.identifiesPlan ? false : null), why: 'the title names a genre that is not a plan (解读, news, speech, regulation, communiqué)' },
  { name: 'results-report', decide: (e) => (REPORT_WORD_RE.test(e.title) && !e.identifiesPlan && !ACTION_TITLE_RE.test(e.title) ? false : null), why: 'a results report: its figures are outcomes, not measures' },
  { name: 'list-named-as-measures', decide: (e) => (e.headed * 2 >= e.measures ? true : null), why: '' },
  { name: 'names-itself-a-plan', decide: (e) => (e.identifiesPlan ? true : null), why: '' },
  // A letter (函) or notice whose items are what the writing office did or asks for (我局已委托…, 请…反馈至我局).
  { name: 'office-speaks-of-itself', decide: (e) => (e.firstPerson * 2 >= e.measures ? false : null), why: 'the numbered items are what the writing office did or asks for (我局…): a letter, not a plan' },
  { name: 'policy-document-of-tasks', decide: (e) => (POLICY_TITLE_RE.test(e.title) && e.tasks * 5 >= e.measures * 2 ? true : null), why: '' },
  { name: 'numbered-tasks', decide: (e) => (e.tasks * 5 >= e.measures * 3 ? true : null), why: '' },
  { name: 'not-tasks', decide: () => false, why: 'the numbered items do not read as tasks (no owners, few task verbs, no plan title)' },
];

/** The first rule that decides, and its verdict. */
export function decidePlan(e: PlanEvidence): { isPlan: boolean; rule: PlanRule } {
  for (const rule of PLAN_RULES) {
    const verdict = rule.decide(e);
    if (verdict !== null) return { isPlan: verdict, rule };
  }
  return { isPlan: false, rule: PLAN_RULES[PLAN_RULES.length - 1]! };
}
