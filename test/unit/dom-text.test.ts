// The one DOM reader behind the CLI's .html path and the extension's page text:
// layout tables read as blocks, data tables as tab-joined rows with merged cells
// kept in their columns.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classifyTable, readDomText, type DomNode } from '../../engine/text/dom-text.ts';
import { htmlToText } from '../../engine/text/html.ts';

function body(html: string): DomNode {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body as unknown as DomNode;
}

const ARTICLE = '<p>一、总体要求</p><p>（一）推进登记便利化。' + '全面推行企业开办一网通办，'.repeat(40) + '</p><p>（二）优化纳税服务。办税时间压缩至100小时以内。</p>';

describe('readDomText', () => {
  it('reads a gov.cn article set in a layout table as lines, beside its metadata table', () => {
    const html =
      '<table width="930"><tr><td><table><tr><td>索引号：</td><td>000014349/2018-00229</td><td>主题分类：</td><td>扶贫</td></tr>' +
      '<tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2018年12月30日</td></tr></table></td></tr>' +
      `<tr><td>${ARTICLE}</td></tr></table>`;
    const lines = readDomText(body(html)).text.split('\n').filter((l) => l.trim());
    expect(lines[0]).toBe('索引号：\t000014349/2018-00229\t主题分类：\t扶贫');
    expect(lines[2]).toBe('一、总体要求');
    expect(lines[3]!.startsWith('（一）推进登记便利化。')).toBe(true);
    expect(lines[4]).toBe('（二）优化纳税服务。办税时间压缩至100小时以内。');
  });

  it('tells a layout table (one cell holding the article) from a data table (short cells in a grid)', () => {
    const layout = body(`<table><tr><td>导航</td><td>${ARTICLE}</td></tr></table>`).firstChild!;
    const data = body('<table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr><tr><td>1</td><td>推行一网通办</td><td>市政务服务数据管理局</td></tr></table>').firstChild!;
    const oneColumn = body('<table><tr><td>第一段</td></tr><tr><td>第二段</td></tr></table>').firstChild!;
    expect(classifyTable(layout).layout).toBe(true);
    expect(classifyTable(data).layout).toBe(false);
    expect(classifyTable(oneColumn).layout).toBe(true);
  });

  it('keeps a task table row on one line and a rowspan cell in its column (an empty cell below it)', () => {
    const html =
      '<table><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>完成时限</th></tr>' +
      '<tr><td>1</td><td><p>推行一网通办</p><p>全程网办</p></td><td rowspan="2">市政务服务数据管理局</td><td>6月底前</td></tr>' +
      '<tr><td>2</td><td>压缩开办时间</td><td>9月底前</td></tr>' +
      '<tr><td colspan="2">二、纳税方面</td><td>市税务局</td><td>年底前</td></tr></table>';
    // Block breaks inside a cell are spaces; the CLI trims them, as a reader does.
    const lines = readDomText(body(html)).text.split('\n').filter((l) => l.trim()).map((l) => l.split('\t').map((c) => c.trim()).join('\t'));
    expect(lines).toEqual([
      '序号\t任务\t牵头单位\t完成时限',
      '1\t推行一网通办 全程网办\t市政务服务数据管理局\t6月底前',
      '2\t压缩开办时间\t\t9月底前',
      '二、纳税方面\t\t市税务局\t年底前',
    ]);
  });

  it('maps every character of a text node back to it (separators belong to no node)', () => {
    const read = readDomText(body('<p>甲乙</p><table><tr><td>丙</td><td>丁</td></tr><tr><td>戊</td><td>己</td></tr></table>'));
    read.nodes.forEach((node, i) => {
      expect(read.text.slice(read.starts[i]!, read.starts[i]! + (node.data ?? '').length)).toBe(node.data);
    });
  });

  it('reads a saved page whose <body> is hidden until its scripts run, and skips hidden elements', () => {
    const text = htmlToText('<html><head><title>t</title></head><body style="visibility: hidden"><p>正文一段</p><p style="display:none">隐藏</p><p hidden>也隐藏</p></body></html>');
    expect(text).toBe('正文一段');
  });
});
