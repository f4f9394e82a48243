// "A block is a plan when at least half its measures name owners": exactly
// half is enough, one fewer is not (the other rules decide then).
import { describe, expect, it } from 'vitest';
import { decidePlan, type PlanEvidence } from '../../engine/parse/plan-rules.ts';
import { parseText } from '../../engine/parse/index.ts';

const base: PlanEvidence = { measures: 10, owned: 0, tasks: 0, questions: 0, title: '光明区重点事项', identifiesPlan: false, embedded: false, regulation: false, headed: 0, firstPerson: 0 };

describe('the owner threshold, at its boundary', () => {
  it('5 of 10 measures with owners: a plan, by the owners rule; 4 of 10: not by that rule', () => {
    expect(decidePlan({ ...base, owned: 5 })).toMatchObject({ isPlan: true, rule: { name: 'owners-named' } });
    expect(decidePlan({ ...base, owned: 4 }).rule.name).not.toBe('owners-named');
    expect(decidePlan({ ...base, owned: 4 }).isPlan).toBe(false);
    // Odd counts: 2 of 3 is at least half, 1 of 3 is not.
    expect(decidePlan({ ...base, measures: 3, owned: 2 })).toMatchObject({ isPlan: true, rule: { name: 'owners-named' } });
    expect(decidePlan({ ...base, measures: 3, owned: 1 }).isPlan).toBe(false);
  });

  it('the same through the parser: a page of items that are not tasks, under a title that is no plan\'s', () => {
    const page = (owned: number) =>
      ['光明区重点事项', ...Array.from({ length: 4 }, (_, i) => `${i + 1}. 第${i + 1}批重点事项清单共若干个${i < owned ? '。（责任单位：区发展和改革局）' : '。'}`)].join('\n');
    expect(parseText(page(2)).plans.map((p) => p.measures.length)).toEqual([4]);
    expect(parseText(page(1)).plans).toEqual([]);
  });
});
