import { describe, expect, it } from 'vitest';
import { cleanOriginal, normalizeText, toOriginalSpan } from '../../engine/text/normalize.ts';
import { loadSimplifier, needsSimplification } from '../../engine/text/simplify.ts';
import { decodeEntities, htmlTitle, htmlToText } from '../../engine/text/html.ts';

describe('normalizeText', () => {
  it('folds full-width digits, letters and punctuation (NFKC)', () => {
    const n = normalizeText('１２．推进ＡＩ赋能（责任单位：区数据局）');
    expect(n.text).toBe('12.推进AI赋能(责任单位:区数据局)');
  });

  it('removes pinyin annotations with tone marks but keeps real parentheses', () => {
    const n = normalizeText('營商環(huán)境、區(qū)域；對標（CPTPP）和(DEPA)，规划（2020—2035年），的(de)');
    expect(n.text).toBe('營商環境、區域;對標(CPTPP)和(DEPA),规划(2020—2035年),的(de)');
  });

  it('removes Word bookmark tags but keeps other square brackets', () => {
    const n = normalizeText('[bookmark: _Toc1][bookmark: _Toc2]一、总体要求 [注1]');
    expect(n.text).toBe('一、总体要求 [注1]');
  });

  it('maps every normalised character back to the original character it came from', () => {
    const original = '[bookmark: x]１．環(huán)境\r\n（一）𠀋字';
    const n = normalizeText(original);
    expect(n.text).toBe('1.環境\n(一)𠀋字');
    expect(n.toOriginal.length).toBe(n.text.length + 1);
    expect(original[n.toOriginal[n.text.indexOf('環')]!]).toBe('環');
    expect(original[n.toOriginal[n.text.indexOf('境')]!]).toBe('境');
    expect(original[n.toOriginal[n.text.indexOf('(')]!]).toBe('（');
    expect(original.slice(n.toOriginal[n.text.indexOf('𠀋')]!, n.toOriginal[n.text.indexOf('𠀋')]! + 2)).toBe('𠀋');
    // A normalised span maps to the original span that holds the same words, noise inside kept.
    const start = n.text.indexOf('環');
    const span = toOriginalSpan(n, start, start + 2);
    expect(original.slice(span.start, span.end)).toBe('環(huán)境');
    expect(cleanOriginal(n, span.start, span.end)).toBe('環境');
  });

  it('simplifies for matching while offsets still point at the traditional original', async () => {
    const simplify = await loadSimplifier();
    const original = '１．全面落實外資準入政策(責任單位:市發展改革委)';
    const n = normalizeText(original, { simplify });
    expect(n.text).toBe('1.全面落实外资准入政策(责任单位:市发展改革委)');
    const at = n.text.indexOf('落实');
    const span = toOriginalSpan(n, at, at + 2);
    expect(original.slice(span.start, span.end)).toBe('落實');
  });

  it('is linear on hostile input (no catastrophic backtracking)', () => {
    const hostile = '('.repeat(200_000) + '[bookmark:'.repeat(50_000) + '環(huá'.repeat(50_000);
    const n = normalizeText(hostile);
    expect(n.text.length).toBeGreaterThan(0);
  });
});

describe('needsSimplification', () => {
  it('detects traditional-script pages with a few characters, without a dictionary', () => {
    expect(needsSimplification('為深入貫徹落實，營造國際化營商環境')).toBe(true);
    expect(needsSimplification('为深入贯彻落实，营造国际化营商环境，制定本工作方案。')).toBe(false);
    expect(needsSimplification('')).toBe(false);
  });
});

describe('htmlToText', () => {
  it('breaks lines at blocks and <br>, joins table cells with tabs, drops script/style, decodes entities', () => {
    const html = [
      '<!doctype html><html><head><title>某区方案 &amp; 清单</title><style>p{color:red}</style></head><body>',
      '<script>document.write("1.不是措施")</script>',
      '<div class="title">某区2026年&ldquo;一网通办&rdquo;工作方案</div>',
      '<p>一、重点任务<br>1.推进&nbsp;改革。<br/>2.压缩时限&#65292;提速&#x4E00;倍。</p>',
      '<table><tr><th>序号</th><th>任务</th></tr><tr><td><p>1</p></td><td>建设<br>平台</td></tr></table>',
      '<!-- 注释 1.也不是 -->',
      '</body></html>',
    ].join('\n');
    const text = htmlToText(html);
    expect(text.split('\n')).toEqual([
      '某区2026年“一网通办”工作方案',
      '一、重点任务',
      '1.推进\u00a0改革。',
      '2.压缩时限，提速一倍。',
      '序号\t任务',
      '1\t建设 平台',
    ]);
    expect(htmlTitle(html)).toBe('某区方案 & 清单');
  });

  it('keeps a lone "<" and unknown entities as text', () => {
    expect(htmlToText('<p>占比<5% &foo; a&b</p>')).toBe('占比<5% &foo; a&b');
    expect(decodeEntities('&#0;&#x110000;')).toBe('\ufffd\ufffd');
  });
});
