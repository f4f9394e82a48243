// Every threshold the scorer uses lives in one object, so a team can tune how
// strict "on track" is without touching code, and the defaults are written
// down in one place.
import { MILESTONES } from '../progress/schema.ts';

/** The six statuses of a measure, a target or a plan: declared here once (snapshots and messages use this list). */
export const STATUSES = ['done', 'on_track', 'at_risk', 'off_track', 'not_started', 'overdue'] as const;
export type Status = (typeof STATUSES)[number];

export type TrendLabel = 'on_track' | 'acceleration_needed' | 'limited_progress' | 'deterioration';

export interface ScoreConfig {
  thresholds: {
    /**
     * Status against time compares completion with the share expected by the
     * as-of date. Behind by at most `onTrackGap` percentage points → on track;
     * by at most `atRiskGap` → at risk; further behind → off track.
     */
    onTrackGap: number;
    atRiskGap: number;
    /** Completion (0–100) at or above which a target or measure counts as done. */
    doneAt: number;
    /**
     * Trend ratio R = observed rate / required rate (Open SDG / Statistics
     * Canada): R ≥ trendOnTrack → on track; R ≥ trendAcceleration →
     * acceleration needed; R ≥ 0 → limited progress; R < 0 → deterioration.
     */
    trendOnTrack: number;
    trendAcceleration: number;
  };
  /** Relative weights; anything not listed weighs 1. */
  weights: { sections?: Record<string, number>; measures?: Record<string, number> };
  /** A 左右 (approx) target is met when the value is within this fraction of it (0.05 = ±5%). */
  approxTolerance: number;
  /** Completion each milestone stands for. */
  milestones: Record<keyof typeof MILESTONES, number>;
}

export const DEFAULT_SCORE_CONFIG: ScoreConfig = {
  thresholds: { onTrackGap: 10, atRiskGap: 25, doneAt: 100, trendOnTrack: 0.95, trendAcceleration: 0.6 },
  weights: {},
  approxTolerance: 0.05,
  milestones: { ...MILESTONES },
};

/** What a caller may override: any part, thresholds and weights field by field. */
export type ScoreConfigInput = Partial<Omit<ScoreConfig, 'thresholds' | 'weights'>> & {
  thresholds?: Partial<ScoreConfig['thresholds']>;
  weights?: Partial<ScoreConfig['weights']>;
};

/** Fills a partial config from the defaults (thresholds merge field by field). */
export function resolveConfig(config?: ScoreConfigInput): ScoreConfig {
  return {
    thresholds: { ...DEFAULT_SCORE_CONFIG.thresholds, ...config?.thresholds },
    weights: { sections: { ...config?.weights?.sections }, measures: { ...config?.weights?.measures } },
    approxTolerance: config?.approxTolerance ?? DEFAULT_SCORE_CONFIG.approxTolerance,
    milestones: { ...DEFAULT_SCORE_CONFIG.milestones, ...config?.milestones },
  };
}

export function emptyStatusCounts(): Record<Status, number> {
  return { done: 0, on_track: 0, at_risk: 0, off_track: 0, not_started: 0, overdue: 0 };
}
