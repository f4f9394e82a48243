// Local pages laid out like real government pages, generated from the seeds
// (shared by the browser tests and the demo): site header, breadcrumb, an
// 索引号 metadata table, the document as paragraphs / <br>-separated text /
// <table> rows, and a footer. Seed text is escaped: it is data, never markup.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SEEDS_DIR = join(import.meta.dirname, '../../seeds');

export interface TestPage {
  /** Path on the local server, e.g. /gkmlpt/content/000.html */
  path: string;
  /** Host the browser uses (resolved to 127.0.0.1 by --host-resolver-rules). */
  host: string;
  html: string;
  /** Seed file it was built from ('' for the non-plan page). */
  seed: string;
  layout: 'paragraphs' | 'br' | 'table' | 'news' | 'layout-table';
}

export function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

export function readSeed(file: string): string {
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
}

const META_RE = /^(索引号|发布机构|名称|文号|主题词)\s*[:：]/u;

/** Metadata lines ("索引号: X 分类: Y") as table rows of label/value cells. */
function metaTable(lines: string[]): string {
  const rows = lines.map((line) => {
    const cells = line.split(/\s+(?=(?:分类|成文日期|发布日期|文号|主题词)\s*[:：])/u);
    return `<tr>${cells.map((c) => `<td>${escapeHtml(c.trim())}</td>`).join('')}</tr>`;
  });
  return `<table class="xxgk-table" border="1" cellspacing="0">${rows.join('')}</table>`;
}

function shell(title: string, site: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{margin:0;font:16px/1.9 "Noto Serif CJK SC","Noto Sans CJK SC",serif;color:#222;background:#f4f4f4}
.top{background:#b40000;color:#fff;padding:14px 0}.top .w,.w{width:1000px;margin:0 auto}
.top h1{font-size:24px;margin:0}.nav{background:#8c0000}.nav a{color:#fff;display:inline-block;padding:6px 16px;text-decoration:none}
.crumb{font-size:13px;color:#666;padding:8px 0}.main{background:#fff;padding:20px 150px 40px;min-height:600px}
.xxgk-table{width:100%;border-collapse:collapse;font-size:13px;margin-bottom:16px}.xxgk-table td{border:1px solid #ddd;padding:4px 8px}
.title{text-align:center;font-size:22px;font-weight:bold;margin:20px 0}
.TRS_Editor p{text-indent:2em;margin:6px 0}.doc-table{border-collapse:collapse;margin:8px 0}.doc-table td{border:1px solid #999;padding:2px 6px;font-size:14px}
.foot{background:#333;color:#ccc;font-size:12px;text-align:center;padding:16px 0;margin-top:20px}
</style></head>
<body>
<div class="top"><div class="w"><h1>${escapeHtml(site)}</h1></div></div>
<div class="nav"><div class="w"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a></div></div>
<div class="w crumb">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ghjh/">规划计划</a></div>
<div class="w main">${body}</div>
<div class="foot">主办单位:${escapeHtml(site)} 版权所有 &nbsp; 网站标识码:4403110001 &nbsp; 粤ICP备00000000号<br>地址:深圳市光明区 &nbsp; 联系电话:0755-00000000</div>
</body></html>`;
}

/** Splits seed text into leading metadata lines and the document body lines. */
function splitSeed(text: string): { meta: string[]; body: string[] } {
  const lines = text.split(/\r?\n/u);
  const meta: string[] = [];
  const body: string[] = [];
  for (const line of lines) {
    if (meta.length < 6 && body.length < 40 && META_RE.test(line.trim())) meta.push(line.trim());
    else body.push(line);
  }
  return { meta, body };
}

function titleOf(text: string): string {
  const named = /名称\s*[:：]\s*(\S.+)/u.exec(text);
  if (named) return named[1]!.trim();
  const line = text.split('\n').find((l) => /方案|规划|计划|措施/u.test(l) && l.trim().length < 60);
  return (line ?? '政策文件').trim();
}

function paragraphs(lines: string[]): string {
  return lines.map((l) => (l.trim() ? `<p>${escapeHtml(l.trim())}</p>` : '')).join('\n');
}

/** Lines with tabs become rows of one <table>, as an indicator table sits in a real page. */
function withTables(lines: string[]): string {
  const out: string[] = [];
  let rows: string[] = [];
  const flush = () => {
    if (rows.length) out.push(`<table class="doc-table">${rows.join('')}</table>`);
    rows = [];
  };
  for (const line of lines) {
    if (line.includes('\t')) {
      rows.push(`<tr>${line.split('\t').map((c) => `<td>${escapeHtml(c.trim())}</td>`).join('')}</tr>`);
    } else {
      flush();
      if (line.trim()) out.push(`<p>${escapeHtml(line.trim())}</p>`);
    }
  }
  flush();
  return out.join('\n');
}

export function planPage(seed: string, layout: 'paragraphs' | 'br' | 'table', path: string, host = 'www.szgm.gov.cn'): TestPage {
  const text = readSeed(seed);
  const { meta, body } = splitSeed(text);
  const title = titleOf(text);
  let doc: string;
  if (layout === 'br') doc = `<div class="TRS_Editor">${body.map((l) => escapeHtml(l.trim())).join('<br>\n')}</div>`;
  else if (layout === 'table') doc = `<div class="TRS_Editor">${withTables(body)}</div>`;
  else doc = `<div class="TRS_Editor">${paragraphs(body)}</div>`;
  const html = shell(title, '深圳市光明区人民政府', `${meta.length ? metaTable(meta) : ''}\n${doc}`);
  return { path, host, html, seed, layout };
}

export function newsPage(path = '/xwzx/index.html', host = 'www.szgm.gov.cn'): TestPage {
  const items = Array.from({ length: 20 }, (_, i) => {
    const d = `2025-${String((i % 9) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    return `<li><a href="/xwzx/${i}.html">光明区召开第${i + 1}次工作会议 部署近期重点工作</a><span>${d}</span></li>`;
  });
  const html = shell('新闻中心', '深圳市光明区人民政府', `<h2>新闻中心</h2><ul class="news">${items.join('\n')}</ul><p>本栏目发布光明区政务动态。</p>`);
  return { path, host, html, seed: '', layout: 'news' };
}

/** A long synthetic plan (read by the background parser: longer than the content script parses itself). */
export function longPlanPage(lines = 3000, path = '/gkmlpt/content/11/1234/post_long.html', host = 'www.szgm.gov.cn'): TestPage {
  const units = ['区发展和改革局', '区工业和信息化局', '区市场监督管理局', '区政务服务和数据管理局', '区财政局'];
  const body = [`<p>光明区${lines}项重点改革任务工作方案</p>`, '<p>为深化改革，制定本工作方案。</p>', '<p>一、重点任务</p>'];
  for (let i = 1; i <= lines; i++) {
    body.push(`<p>${i}.推进第${i}项重点改革，新增服务企业不少于${i * 10}家，办理时限压缩至${(i % 9) + 1}个工作日。（责任单位：${units[i % units.length]}）</p>`);
  }
  const html = shell(`光明区${lines}项重点改革任务工作方案`, '深圳市光明区人民政府', `<div class="TRS_Editor">${body.join('\n')}</div>`);
  return { path, host, html, seed: '', layout: 'paragraphs' };
}

/**
 * A seed laid out as gov.cn and many provincial CMS pages set an article: inside
 * layout <table width="930"> cells, beside a nested 索引号/发文机关 metadata table,
 * paragraphs with &#12288; indents (as in corpus documents 02–09).
 */
export function layoutTablePage(seed = '000_5c7a958c132072e2.txt', path = '/zhengce/content/2025-03/01/content_000.htm', host = 'www.gov.cn'): TestPage {
  const text = readSeed(seed);
  const { meta, body } = splitSeed(text);
  const title = titleOf(text);
  const metaCells = [
    ['索 引 号：', '000014349/2025-00001', '主题分类：', '综合政务'],
    ['发文机关：', '深圳市光明区人民政府', '成文日期：', '2025年03月01日'],
    ['标　　题：', title, '', ''],
  ]
    .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('');
  const article = body.map((l) => (l.trim() ? `<p>&#12288;&#12288;${escapeHtml(l.trim())}</p>` : '')).join('\n');
  const doc = `<table width="930" align="center" border="0" cellpadding="0" cellspacing="0">
<tr><td><table class="bd1" width="100%" border="1">${metaCells}</table></td></tr>
<tr><td class="b12c" id="UCAP-CONTENT">${meta.length ? `<p>${meta.map(escapeHtml).join('</p><p>')}</p>` : ''}${article}</td></tr>
</table>`;
  const html = shell(title, '中国政府网', doc);
  return { path, host, html, seed, layout: 'layout-table' };
}

/** The pages the tests and the demo serve. */
export function allPages(): TestPage[] {
  return [
    planPage('000_5c7a958c132072e2.txt', 'paragraphs', '/gkmlpt/content/11/1234/post_000.html'),
    planPage('003_a85699c24c36714f.txt', 'br', '/gkmlpt/content/11/1234/post_003.html'),
    planPage('004_e9acea2c6d31d80c.txt', 'table', '/gkmlpt/content/11/1234/post_004.html'),
    planPage('001_21d7cb096258acbb.txt', 'paragraphs', '/gkmlpt/content/11/1234/post_001.html', 'www.sz.gov.cn'),
    newsPage(),
  ];
}
