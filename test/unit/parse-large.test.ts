// Plans of thousands of measures keep every measure (numbers of four and five
// digits continue a list), and a year at the start of a line never starts one.
import { describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';

function plan(count: number, first = 1): string {
  const lines = ['深圳市光明区测试工作方案', '一、主要任务'];
  for (let i = first; i < first + count; i++) lines.push(`${i}. 推进第${i}项改革任务建设。（责任单位：区发展和改革局）`);
  return lines.join('\n');
}

describe('measures numbered 1000 and above', () => {
  it('a 10,000-measure plan gives 10,000 measures, numbered to the end', () => {
    const result = parseText(plan(10_000));
    expect(result.plans).toHaveLength(1);
    const measures = result.plans[0]!.measures;
    expect(measures).toHaveLength(10_000);
    expect(measures.slice(998, 1001).map((m) => m.number)).toEqual(['999', '1000', '1001']);
    expect(measures.at(-1)!.number).toBe('10000');
  });

  it('a line opening with a year is not a measure', () => {
    const text = plan(5).replace('一、主要任务', '一、主要任务\n2025、全面完成各项改革任务。（责任单位：区发展和改革局）');
    const measures = parseText(text).plans[0]!.measures;
    expect(measures.map((m) => m.number)).toEqual(['1', '2', '3', '4', '5']);
  });
});
