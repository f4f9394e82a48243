// The page text the content script reads: block boundaries become line
// breaks, table cells tabs, and every character maps back to its DOM text
// node, so engine spans turn into DOM ranges (with a quote fallback).
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { domPosition, findQuote, rangeFor, readPageText, readPageTextPaced, spanMatches } from '../../lib/page-text.ts';
import { htmlToText } from '../../engine/text/html.ts';

function doc(html: string) {
  return parseHTML(`<!doctype html><html><head><title>t</title><style>p{}</style></head><body>${html}</body></html>`).document;
}

describe('readPageText', () => {
  it('reads visible text with line breaks at blocks and <br>, tabs between cells, and skips scripts and hidden parts', () => {
    const d = doc(
      '<div>首页 &gt; 政务公开</div><p>一、总体要求</p><p>1.推进<b>改革</b>。</p><div>甲<br>乙</div>' +
        '<table><tr><td>指标</td><td>单位</td></tr><tr><td>产值<br>合计</td><td>亿元</td></tr></table>' +
        '<script>var x = "<p>不是正文</p>";</script><div hidden>隐藏</div><div style="display:none">也隐藏</div><planmeter-overlay>徽章</planmeter-overlay>',
    );
    const { text } = readPageText(d.body as unknown as Node);
    expect(text.split('\n').filter(Boolean)).toEqual(['首页 > 政务公开', '一、总体要求', '1.推进改革。', '甲', '乙', '指标\t单位', '产值 合计\t亿元']);
    expect(text).not.toMatch(/不是正文|隐藏|徽章/u);
  });

  it('gives the same lines as the engine reads from the page HTML', () => {
    const html = '<div class="main"><p>（一）提升效能</p><p>1.推进AI赋能政务服务。（责任单位：区政数局）</p><table><tr><td>指标</td><td>目标值</td></tr></table><p>2.优化  服务</p></div>';
    const mine = readPageText(doc(html).body as unknown as Node).text;
    const norm = (s: string) => s.split('\n').map((l) => l.replace(/ +/gu, ' ').trim()).filter(Boolean);
    expect(norm(mine)).toEqual(norm(htmlToText(html)));
  });

  it('maps every character of every text node back to that node and offset', () => {
    const d = doc('<p>第一段<b>加粗</b>文字</p><ul><li>项目一</li><li>项目二</li></ul>');
    const map = readPageText(d.body as unknown as Node);
    for (let i = 0; i < map.nodes.length; i++) {
      const node = map.nodes[i]!;
      for (let k = 0; k < node.data.length; k++) {
        const pos = domPosition(map, map.starts[i]! + k, 'start')!;
        expect(pos.node).toBe(node);
        expect(pos.offset).toBe(k);
        expect(map.text[map.starts[i]! + k]).toBe(node.data[k]);
      }
    }
    // A span across two nodes: starts inside <b>, ends after the first character of the next node.
    const at = map.text.indexOf('加粗文字');
    const start = domPosition(map, at, 'start')!;
    const end = domPosition(map, at + 3, 'end')!;
    expect([start.node.data, start.offset]).toEqual(['加粗', 0]);
    expect([end.node.data, end.offset]).toEqual(['文字', 1]);
    // An end offset right after a block break stays in the text before it.
    const li = map.text.indexOf('项目一');
    expect(domPosition(map, li + 3, 'end')).toMatchObject({ offset: 3 });
    expect(domPosition(map, li + 4, 'start')!.node.data).toBe('项目二');
    expect(rangeFor(map, 5, 5, d as unknown as Document)).toBeNull();
  });
});

describe('reading long and deep pages', () => {
  it('reads a page nested 20,000 elements deep without overflowing the stack', () => {
    const d = doc('');
    let parent = d.body as unknown as Element;
    for (let i = 0; i < 20_000; i++) {
      const el = d.createElement(i % 2 ? 'span' : 'div');
      parent.appendChild(el);
      parent = el;
    }
    parent.appendChild(d.createTextNode('最深处的文字'));
    expect(readPageText(d.body as unknown as Node).text.trim()).toBe('最深处的文字');
  });

  it('gives the same text and map when read in paced slices', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `<p>${i + 1}.推进第${i}项<b>改革</b>任务</p>`).join('');
    const d = doc(`<div>${lines}</div><table><tr><td>甲</td><td>乙</td></tr></table>`);
    const once = readPageText(d.body as unknown as Node);
    let pauses = 0;
    const paced = await readPageTextPaced(d.body as unknown as Node, async () => void pauses++, 0);
    expect(paced.text).toBe(once.text);
    expect(paced.starts).toEqual(once.starts);
    expect(paced.nodes.length).toBe(once.nodes.length);
    expect(pauses).toBeGreaterThan(0);
  });
});

describe('findQuote', () => {
  it('finds a quote exactly, the occurrence nearest the expected place, or ignoring re-wrapped white space', () => {
    const text = '甲 不少于200个 乙\n丙 不少于200个 丁';
    expect(findQuote(text, '不少于200个', 0)).toEqual({ start: 2, end: 9 });
    expect(findQuote(text, '不少于200个', 14)).toEqual({ start: 14, end: 21 });
    const wrapped = '推进企业\n开办  便利度';
    const hit = findQuote(wrapped, '推进企业开办便利度')!;
    expect(wrapped.slice(hit.start, hit.end)).toBe(wrapped);
    expect(findQuote(text, '没有的文字')).toBeNull();
    expect(findQuote(text, '   ')).toBeNull();
  });

  it('always returns a span whose text, without white space, is the quote', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 60 }), (before, quote, after) => {
        const text = `${before}${quote}${after}`;
        const hit = findQuote(text, quote);
        if (!quote.trim()) return hit === null;
        if (!hit) return false;
        return text.slice(hit.start, hit.end).replace(/\s+/gu, '') === quote.trim().replace(/\s+/gu, '');
      }),
    );
  });

  it('checks that a span still reads as its quote', () => {
    expect(spanMatches('xx 1.推进改革 yy', { start: 3, end: 9 }, '1.推进改革')).toBe(true);
    expect(spanMatches('xx 1.推进改革 yy', { start: 0, end: 5 }, '2.其他')).toBe(false);
    expect(spanMatches('短', { start: 5, end: 9 }, '短')).toBe(false);
  });
});
