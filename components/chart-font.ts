// The charts' font (Chart.js defaults in components/chart-lib.ts, and the captions of saved pictures).
export const CHART_FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif';
