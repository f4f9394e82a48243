// The words a view shows for a measure's status: 逾期未启动 for a measure past
// its deadline with no entry (staff's word), the engine's status otherwise;
// and one rounding rule for every percentage (engine/score/format.ts).
import { describe, expect, it } from 'vitest';
import { displayStatus, statusColour, statusWord, STATUS_COLOURS } from '../../utils/status.ts';
import { setLanguage } from '../../utils/i18n.ts';
import { formatPercent, formatPercentChange } from '../../engine/score/format.ts';

describe('displayStatus', () => {
  it('says 逾期未启动 only for a measure with no entries whose deadline has passed', () => {
    setLanguage('zh-CN');
    expect(displayStatus({ status: 'not_started', expected: 100, entryCount: 0 })).toBe('overdue_not_started');
    expect(statusWord(displayStatus({ status: 'not_started', expected: 100, entryCount: 0 }))).toBe('逾期未启动');
    expect(statusColour('overdue_not_started')).toBe(STATUS_COLOURS.overdue);
    expect(displayStatus({ status: 'not_started', expected: 60, entryCount: 0 })).toBe('not_started');
    expect(displayStatus({ status: 'not_started', expected: 100, entryCount: 1 })).toBe('not_started'); // a reported 0 is started
    expect(displayStatus({ status: 'overdue', expected: 100, entryCount: 2 })).toBe('overdue');
    expect(displayStatus(undefined)).toBe('not_started');
    setLanguage('en');
    expect(statusWord('overdue_not_started')).toBe('overdue, not started');
    setLanguage('zh-CN');
  });
});

describe('one rounding rule', () => {
  it('shows whole percentages, and a change as the difference of the numbers shown', () => {
    expect(formatPercent(4.4)).toBe('4%');
    expect(formatPercent(5.6)).toBe('6%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercentChange(4.4, 5.6)).toBe('+2'); // not +1.2: it reads 4% → 6%
    expect(formatPercentChange(80, 52)).toBe('−28');
    expect(formatPercentChange(3, 3.2)).toBe('±0');
  });
});
