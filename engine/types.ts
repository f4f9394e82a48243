// The structured plan that every other part of PlanMeter reads.
// These shapes are the JSON of `planmeter parse --json`: a public contract
// read by checks outside this repository. Extend them; never rename a field.

/** Character offsets [start, end) into the text that was given to the parser. */
export interface Span {
  start: number;
  end: number;
}

/**
 * How a target's number is compared with progress.
 * '>=' at least (不少于/以上/超过/达到/突破/至少), '<=' at most (以内/不超过/压缩至/缩短至),
 * '=' exactly, 'range' a min–max band (3-5家), 'approx' about (左右).
 */
export type Comparator = '>=' | '<=' | '=' | 'range' | 'approx';

export interface Target {
  id: string;
  /** The thing counted, e.g. 知识产权服务包. */
  label: string;
  /** Single-valued targets; for ranges see min/max. */
  value?: number;
  min?: number;
  max?: number;
  /** Unit as written: 个, 家, 亿元, 个工作日, %, ‰ … */
  unit: string;
  comparator: Comparator;
  /** Stated starting value, e.g. 8 in 由8个工作日压缩至4个工作日. */
  baseline?: number;
  /** The starting value of 从A提高到B as written: A, or the list of a paired sentence (从209元、280元提高到217元、290元). */
  from?: number | number[];
  /** A paired sentence's values (提高到217元、290元), in order; value is the first, min/max the smallest and largest. */
  values?: number[];
  /** Deadline as written: 全年, 年内, 到2025年, 6月底 … */
  deadline?: string;
  /** The deadline resolved against the plan period, YYYY-MM-DD, when it can be. */
  deadlineDate?: string;
  /** 'increase' when more is better, 'decrease' for reduction targets (压缩至, 缩短至, 以内). */
  direction: 'increase' | 'decrease';
  /** Exact text of the target in the source. */
  quote: string;
  span: Span;
}

export interface Measure {
  id: string;
  /** Number as written ("1", "12", "（三）"); empty for unnumbered paragraphs. */
  number: string;
  /** 1-based position of the measure in its plan. */
  index: number;
  /** The lead phrase, e.g. 提升企业开办便利度. */
  title: string;
  /** Full text, original script, without the responsibility note. */
  text: string;
  /** Responsible units, normalised through seeds/owner-aliases.json, lead unit first. */
  units: string[];
  /** Units by role, as the plan names them (牵头 lead, 责任 responsible, 配合 support). */
  unitRoles: { name: string; role: 'lead' | 'responsible' | 'support' }[];
  targets: Target[];
  /** The measure's own deadline when stated (6月底完成, 年内). */
  deadline?: string;
  deadlineDate?: string;
  sectionId?: string;
  subsectionId?: string;
  span: Span;
  /** The opening words of the measure as written, for anchoring when offsets fail. */
  quote: string;
  /** Indicator tags the user added / removed (corrections add-tag / remove-tag); absent when none. */
  tagsAdded?: string[];
  tagsRemoved?: string[];
}

export interface Subsection {
  id: string;
  number: string;
  title: string;
  measureIds: string[];
  span: Span;
}

export interface Section {
  id: string;
  /** 一、 二、 … as written, without the mark. */
  number: string;
  title: string;
  /** Measures directly under the section (not inside a subsection). */
  measureIds: string[];
  subsections: Subsection[];
  span: Span;
}

/** A row of an indicator table (指标 / 单位 / 目标值 / 属性). */
export interface Indicator {
  id: string;
  name: string;
  unit: string;
  /** Target as written in the table: "45", "4-5", "≧1000". */
  target: string;
  value?: number;
  min?: number;
  max?: number;
  comparator: Comparator;
  /** 预期性 or 约束性 when the table says; empty otherwise. */
  attribute: string;
  /** The table's category column (产业规模 …) carried down merged rows. */
  category?: string;
  baseline?: number;
  /** Year the target is for (2025年目标值 → 2025). */
  year?: number;
  span: Span;
}

export interface PlanPeriod {
  start: number;
  end: number;
}

export interface Plan {
  id: string;
  /** Hash of the plan's measure texts: recognises the same plan on another page. */
  fingerprint: string;
  title: string;
  issuer: string;
  /** YYYY-MM-DD when stated. */
  date: string;
  /** 索引号 */
  indexNumber?: string;
  /** 文号 */
  docNumber?: string;
  period: PlanPeriod | null;
  /** 'traditional' when the page is in traditional script. */
  script: 'simplified' | 'traditional';
  sections: Section[];
  measures: Measure[];
  indicators: Indicator[];
  /** Targets stated in prose outside numbered measures (five-year plans' 发展目标). */
  narrativeTargets: Target[];
  span: Span;
}

/** A reported result figure in a results report (76项改革任务, 1.8万家…). */
export interface Outcome {
  id: string;
  label: string;
  value: number;
  unit: string;
  /** 超 / 近 / 余 / 多 qualifiers as written. */
  qualifier?: string;
  quote: string;
  span: Span;
}

export interface ParseResult {
  plans: Plan[];
  outcomes: Outcome[];
  /** What kind of document the parser took this to be. */
  kind: 'plan' | 'plans' | 'report' | 'other';
  /** Title of the whole page, when it has one. */
  title: string;
  /** Things the parser noticed but could not settle (kept short, human-readable). */
  warnings: string[];
}
