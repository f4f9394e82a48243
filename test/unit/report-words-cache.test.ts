// The report words are built once per language (utils/report-words.ts) and
// follow a language switch at once: a cached table never answers in the old language.
import { afterEach, describe, expect, it } from 'vitest';
import { currentReportWords, rt } from '../../utils/report-words.ts';
import { setLanguage } from '../../utils/i18n.ts';

afterEach(() => setLanguage('zh-CN'));

describe('currentReportWords', () => {
  it('is built once while the language stays, and follows each switch', () => {
    setLanguage('zh-CN');
    const zh = currentReportWords();
    expect(currentReportWords()).toBe(zh);
    expect(rt('report.exportXlsx')).toBe('导出台账 .xlsx');
    setLanguage('en');
    expect(currentReportWords()).not.toBe(zh);
    expect(currentReportWords().language).toBe('en');
    expect(rt('report.exportXlsx')).toBe('Export ledger .xlsx');
    // Main-table words (status) come along in the new language too.
    expect(currentReportWords().status('done')).not.toBe(zh.status('done'));
    setLanguage('zh-CN');
    expect(rt('report.exportXlsx')).toBe('导出台账 .xlsx');
    expect(currentReportWords().status('done')).toBe(zh.status('done'));
  });
});
