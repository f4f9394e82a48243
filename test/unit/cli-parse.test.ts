// `planmeter parse FILE [--json]`, run as users run it (a child process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'planmeter-cli-parse-'));

function planmeter(...args: string[]) {
  const run = spawnSync(TSX, ['engine/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('planmeter parse', () => {
  it('--explain says, line by line, what each line was read as and which rule said so, then each block\'s decision', () => {
    const page = file(
      'explain.txt',
      ['某区2026年营商环境改革工作方案', '一、总体要求', '坚持问题导向。', '二、重点任务', '1.推行企业开办全程网办。（责任单位：区市场监管局）',
        '2.压缩工程审批时限。（责任单位：区住房建设局）', '3.建设24小时自助服务区。（责任单位：区数据局）'].join('\n'),
    );
    const { code, stdout } = planmeter('parse', page, '--explain');
    expect(code).toBe(0);
    expect(stdout).toMatch(/L\s+2\s+section\s+\[section-heading\]\s+一、总体要求/u);
    expect(stdout).toMatch(/L\s+5\s+measure 1\s+\[numbered-items\]\s+1\.推行企业开办全程网办/u);
    expect(stdout).toMatch(/==> PLAN: 某区2026年营商环境改革工作方案 — 3 measures \[owners-named\]/u);
    const news = file('explain-news.txt', ['财经早报', '1、沪指收涨0.5%。', '2、某银行发布业绩报告。', '3、多家券商调整两融利率。'].join('\n'));
    expect(planmeter('parse', news, '--explain').stdout).toMatch(/==> not a plan: .* — 3 measures \[not-tasks\]/u);
  });

  it('prints a readable outline: title, period, sections, measures with units and targets', () => {
    const { code, stdout, stderr } = planmeter('parse', 'seeds/000_5c7a958c132072e2.txt');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('# 光明区2025年优化营商环境改革工作方案');
    expect(stdout).toContain('period: 2025');
    expect(stdout).toContain('一、打造要素自由流动、竞争公平有序的现代市场体系');
    expect(stdout).toContain('12. 促进民营经济良好发展 [区委统战部、区发展改革局、区工业和信息化局、区商务局]');
    expect(stdout).toMatch(/6\. 打造知识产权保护服务样板 \[市市场监管局光明监管局\] targets: ≥200 个 知识产权服务包/u);
  });

  it('a bundled seed whose page prints no title takes the manifest title; the same text elsewhere does not', () => {
    type Out = { plans: { id: string; title: string; period: unknown }[] };
    const bundled = planmeter('parse', 'seeds/001_21d7cb096258acbb.txt', '--json');
    const copy = planmeter('parse', file('untitled.txt', readFileSync(join(ROOT, 'seeds/001_21d7cb096258acbb.txt'))), '--json');
    const a = (JSON.parse(bundled.stdout) as Out).plans[0]!;
    const b = (JSON.parse(copy.stdout) as Out).plans[0]!;
    expect(a.title).toBe('深圳市2025年优化国际化营商环境工作方案');
    expect(a.period).toEqual({ start: 2025, end: 2025 });
    expect(b.title).toBe('(无标题)');
    expect(b.id).not.toBe(a.id);
  });

  it('--json prints { plans, outcomes } with ids, measures, units and targets', () => {
    const { code, stdout } = planmeter('parse', 'seeds/003_a85699c24c36714f.txt', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { plans: { id: string; title: string; measures: { id: string; number: string; title: string; text: string; units: string[]; targets: unknown[] }[] }[]; outcomes: unknown[]; kind: string };
    expect(Object.keys(json).slice(0, 2)).toEqual(['plans', 'outcomes']);
    expect(json.kind).toBe('plans');
    expect(json.plans.map((p) => p.measures.length)).toEqual([44, 31, 30]);
    const m = json.plans[0]!.measures[0]!;
    expect(m.id).toMatch(/^m_/u);
    expect(m.number).toBe('1');
    expect(m.title).toBe('开展智能网联汽车准入和上路通行工作');
    expect(m.units).toEqual(['市工业和信息化局']);
    expect(Array.isArray(m.targets)).toBe(true);
    // Same file, same ids.
    const again = JSON.parse(planmeter('parse', 'seeds/003_a85699c24c36714f.txt', '--json').stdout) as typeof json;
    expect(again.plans.map((p) => p.id)).toEqual(json.plans.map((p) => p.id));
  });

  it('reads a saved .html page (GB18030-encoded too)', () => {
    const html = `<html><head><meta charset="gbk"><title>某区2026年政务服务改革方案</title></head><body>
<h2>某区2026年政务服务改革方案</h2><p>1.推行“一件事一次办”。（责任单位：区数据局）</p><p>2.压缩审批时限。（责任单位：区审批局）</p>
<p>3.建设政务服务驿站不少于20个。（责任单位：各街道）</p></body></html>`;
    const utf8 = planmeter('parse', file('plan.html', html), '--json');
    expect(utf8.code).toBe(0);
    const plan = (JSON.parse(utf8.stdout) as { plans: { title: string; measures: { units: string[] }[] }[] }).plans[0]!;
    expect(plan.title).toBe('某区2026年政务服务改革方案');
    expect(plan.measures.map((m) => m.units[0])).toEqual(['区数据局', '区审批局', '各街道']);
    const gbk = planmeter('parse', file('plan-gbk.htm', encodeGb18030(html)));
    expect(gbk.code).toBe(0);
    expect(gbk.stdout).toContain('1. 推行“一件事一次办” [区数据局]');
  });

  it('reports a results report with its figures', () => {
    const { code, stdout } = planmeter('parse', 'seeds/002_92a4fd714a6d6f65.txt');
    expect(code).toBe(0);
    expect(stdout).toContain('results report');
    expect(stdout).toContain('76 项');
  });

  const failures: [string, () => string, RegExp][] = [
    ['a missing file', () => join(dir, 'nope.txt'), /no such file/u],
    ['an empty file', () => file('empty.txt', ''), /empty/u],
    ['a binary file', () => file('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff, 0xfe])), /binary/u],
    ['a directory', () => dir, /directory/u],
    ['a page that is not a plan', () => file('rules.txt', ['某市某条例', ...['一', '二', '三', '四'].map((n) => `第${n}条 本条例适用于本市行政区域内的有关活动。`)].join('\n')), /not a plan/u],
  ];
  for (const [what, make, message] of failures) {
    it(`refuses ${what} with one clear line and a non-zero exit`, () => {
      const { code, stdout, stderr } = planmeter('parse', make());
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /u);
    });
  }

  it('refuses a missing FILE argument with usage', () => {
    const { code, stderr } = planmeter('parse');
    expect(code).not.toBe(0);
    expect(stderr).toContain('usage: planmeter parse FILE');
  });
});

/** GB18030 bytes of a string (Node has a GB18030 decoder but no encoder: use iconv-free mapping via TextDecoder round trip). */
function encodeGb18030(text: string): Buffer {
  // Build a reverse table for the characters we need by decoding every 2-byte GBK code.
  const needed = new Set(Array.from(text).filter((c) => c.charCodeAt(0) > 0x7f));
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe && table.size < needed.size; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (needed.has(ch) && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code <= 0x7f) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}
