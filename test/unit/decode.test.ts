// Saved pages in the encodings government sites use: a BOM decides, then an
// HTML page's declared charset, then UTF-8, then GB18030 or Big5 by how
// Chinese each reads; a stray or cut byte is replaced with a warning, not a
// refusal; lone CR line ends read as line ends.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, declaredCharset } from '../../engine/text/decode.ts';
import { loadPlansFromFile } from '../../engine/cli/score.ts';

const SEEDS = join(import.meta.dirname, '..', '..', 'seeds');
const simplified = readFileSync(join(SEEDS, '000_5c7a958c132072e2.txt'), 'utf8');
const traditional = readFileSync(join(SEEDS, '001_21d7cb096258acbb.txt'), 'utf8');

/** An encoder for a two-byte legacy encoding, built by inverting its decoder; characters it lacks become "?". */
function encoder(encoding: string): (text: string) => Uint8Array {
  const map = new Map<string, number[]>();
  const decoder = new TextDecoder(encoding, { fatal: true });
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      try {
        const ch = decoder.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && !map.has(ch)) map.set(ch, [a, b]);
      } catch {
        // not a character in this encoding
      }
    }
  }
  return (text) => {
    const out: number[] = [];
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) out.push(code);
      else out.push(...(map.get(ch) ?? [0x3f]));
    }
    return new Uint8Array(out);
  };
}
const gbk = encoder('gbk');
const big5 = encoder('big5');
const keep = (text: string, enc: (t: string) => Uint8Array, name: string) => new TextDecoder(name).decode(enc(text));

describe('decodeBytes', () => {
  it('GBK and Big5 without any declaration are told apart by what they read', () => {
    const g = decodeBytes(gbk(simplified));
    expect(g.encoding).toBe('gb18030');
    expect(g.text).toBe(keep(simplified, gbk, 'gbk').replace(/\r(?!\n)/gu, '\n'));
    const b = decodeBytes(big5(traditional));
    expect(b.encoding).toBe('big5');
    expect(b.text).toBe(keep(traditional, big5, 'big5'));
    expect(b.warnings).toEqual([]);
  });

  it('a page that declares charset=big5 is read as Big5, and one declaring gb2312 as GB18030', () => {
    const html = (charset: string, body: string) => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>t</title></head><body>${body}</body></html>`;
    const page = big5(html('big5', traditional.slice(0, 2000)));
    expect(declaredCharset(page)).toBe('big5');
    expect(decodeBytes(page).encoding).toBe('big5');
    expect(decodeBytes(gbk(html('gb2312', simplified.slice(0, 2000)))).encoding).toBe('gb18030');
  });

  it('the declared charset decides where guessing would go wrong', () => {
    // Each of these Big5 characters is, byte for byte, a common simplified one in
    // GB18030 (溫習數遠督 reads 放策计环服): undeclared, GB18030 wins the guess.
    const words = '溫習數遠督';
    expect(decodeBytes(big5(words))).toMatchObject({ encoding: 'gb18030', text: '放策计环服' });
    const page = decodeBytes(big5(`<html><head><meta charset="big5"><title>t</title></head><body>${words}</body></html>`));
    expect(page.encoding).toBe('big5');
    expect(page.text).toContain(words);
    expect(page.warnings).toEqual([]);
  });

  it('a UTF-8 byte-order mark beats a stale declared charset', () => {
    // An editor re-saved a GB2312 page as UTF-8 with a BOM and left its <meta>.
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<meta charset="gb2312"><p>方案</p>')]);
    expect(declaredCharset(bytes)).toBe('gbk');
    expect(decodeBytes(bytes)).toEqual({ text: '<meta charset="gb2312"><p>方案</p>', encoding: 'utf-8', warnings: [] });
  });

  it('GBK with one stray byte, or cut in the middle of a character, is read with a warning', () => {
    const bytes = gbk(simplified);
    let at = 1000;
    while (bytes[at - 1]! >= 0x80) at++; // just after an ASCII byte: between two characters
    const stray = new Uint8Array([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at)]);
    const r = decodeBytes(stray);
    expect(r.encoding).toBe('gb18030');
    expect(r.warnings).toEqual([expect.stringMatching(/^1 byte could not be decoded as gb18030 and was replaced/u)]);
    expect(r.text.length).toBeGreaterThan(simplified.length - 10);
    // Cut after the first byte of a two-byte character (中 is D6 D0 in GBK: only D6 is left).
    expect(Array.from(gbk('中'))).toEqual([0xd6, 0xd0]);
    const c = decodeBytes(new Uint8Array([...bytes.subarray(0, at), 0xd6]));
    expect(c.encoding).toBe('gb18030');
    expect(c.warnings[0]).toMatch(/could not be decoded as gb18030/u);
  });

  it('UTF-16 with a byte-order mark is text, not binary; a UTF-8 BOM is dropped', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(simplified.slice(0, 500), 'utf16le')]);
    expect(decodeBytes(le)).toEqual({ text: simplified.slice(0, 500).replace(/\r(?!\n)/gu, '\n'), encoding: 'utf-16le', warnings: [] });
    const be = Buffer.from(simplified.slice(0, 500), 'utf16le').swap16();
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, ...be])).text).toBe(simplified.slice(0, 500));
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('方案')])).text).toBe('方案');
    expect(() => decodeBytes(new Uint8Array([0x41, 0, 0x42, 0]))).toThrow(/binary file/u);
  });

  it('lone CR line ends become LF, one for one (offsets unchanged); CRLF stays', () => {
    const r = decodeBytes(Buffer.from('一、任务\r1. 推进。\r\n2. 完善。'));
    expect(r.text).toBe('一、任务\n1. 推进。\r\n2. 完善。');
  });
});

describe('decodeBytes, exactly: each step decides only when it should', () => {
  const text = simplified.slice(0, 300);
  const gbkText = gbk(text);
  const char = (...bytes: number[]) => new TextDecoder('gbk', { fatal: true }).decode(new Uint8Array(bytes));

  it('bytes that only begin like a byte-order mark are not one', () => {
    // GBK characters whose bytes are EF BB, EF A1 and BF A1; an ASCII start with BF third;
    // characters whose second byte is FE or first byte FE (the UTF-16 marks' halves).
    for (const start of [char(0xef, 0xbb), char(0xef, 0xa1) + char(0xbf, 0xa1), `1.${char(0xbf, 0xa1)}`, char(0xb0, 0xbb) + char(0xbf, 0xa1), char(0xb0, 0xfe), char(0xfe, 0x50)]) {
      const bytes = gbk(start + text);
      expect(decodeBytes(bytes), start).toEqual({ text: new TextDecoder('gb18030').decode(bytes).replace(/\r(?!\n)/gu, '\n'), encoding: 'gb18030', warnings: [] });
    }
  });

  it('a stray byte at the very start (FF, or FF second) is replaced and counted like any other', () => {
    for (const bytes of [new Uint8Array([0xff, ...gbkText]), new Uint8Array([0x31, 0xff, ...gbkText])]) {
      const r = decodeBytes(bytes);
      expect(r.encoding).toBe('gb18030');
      expect(r.warnings).toEqual(['1 byte could not be decoded as gb18030 and was replaced by �; the rest of the page is read']);
    }
    const two = decodeBytes(new Uint8Array([0xff, ...gbkText, 0xff]));
    expect(two.warnings).toEqual(['2 bytes could not be decoded as gb18030 and were replaced by �; the rest of the page is read']);
  });

  it("GB18030's own byte-order mark (84 31 95 33) is dropped; UTF-16 BE is named", () => {
    expect(decodeBytes(new Uint8Array([0x84, 0x31, 0x95, 0x33, ...gbk('方案')]))).toEqual({ text: '方案', encoding: 'gb18030', warnings: [] });
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, ...Buffer.from('方案', 'utf16le').swap16()]))).toEqual({ text: '方案', encoding: 'utf-16be', warnings: [] });
  });

  it('a page whose declared charset does not fit is said so and read by its bytes; one that fits gives no warning', () => {
    const page = (charset: string) => `<html><head><meta charset="${charset}"></head><body>${text}</body></html>`;
    const wrong = decodeBytes(gbk(page('utf-8')));
    expect(wrong).toEqual({ text: keep(page('utf-8'), gbk, 'gbk').replace(/\r(?!\n)/gu, '\n'), encoding: 'gb18030', warnings: ['the page declares charset utf-8 but does not fully decode as it'] });
    expect(decodeBytes(gbk(page('gb2312'))).warnings).toEqual([]);
    expect(declaredCharset(Buffer.from('<meta charset = "BIG5">'))).toBe('big5');
    expect(declaredCharset(Buffer.from('<meta charset="x-no-such-charset">'))).toBeNull();
    expect(declaredCharset(Buffer.from('<p>charset=big5</p>'))).toBeNull();
  });

  it('plain ASCII is UTF-8; on a tie between the guesses GB18030, the mainland encoding, is used', () => {
    expect(decodeBytes(Buffer.from('1. plain ASCII text\n2. more'))).toEqual({ text: '1. plain ASCII text\n2. more', encoding: 'utf-8', warnings: [] });
    // A lead byte cut off at the end: each of GB18030, Big5 and UTF-8 replaces it.
    const tie = decodeBytes(new Uint8Array([...Buffer.from('a'.repeat(99)), 0x81]));
    expect(tie.encoding).toBe('gb18030');
    expect(tie.text).toBe(`${'a'.repeat(99)}\ufffd`);
  });

  it('at most 1% of the characters replaced: exactly 1 in 100 is read, 2 in 100 is not text', () => {
    const one = decodeBytes(new Uint8Array([...gbk('方'.repeat(99)), 0xff]));
    expect(one).toEqual({ text: `${'方'.repeat(99)}\ufffd`, encoding: 'gb18030', warnings: [expect.stringMatching(/^1 byte could not be decoded as gb18030/u)] });
    expect(() => decodeBytes(new Uint8Array([...gbk('方'.repeat(98)), 0xff, 0xff]))).toThrow(/^not a text file \(2 bytes are not valid UTF-8, GB18030 or Big5\)$/u);
  });

  it('a stray byte in a Big5 page is counted, though the decoder drops it without a trace', () => {
    const bytes = big5(traditional.slice(0, 2000));
    let at = 1000;
    while (bytes[at - 1]! >= 0x80) at++;
    for (const stray of [0xff, 0x80]) {
      const r = decodeBytes(new Uint8Array([...bytes.subarray(0, at), stray, ...bytes.subarray(at)]));
      expect(r.encoding).toBe('big5');
      expect(r.warnings).toEqual([expect.stringMatching(/^1 byte could not be decoded as big5/u)]);
    }
  });
});

describe('the CLI reads such files as plans', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planmeter-decode-'));
  it('a Big5 copy of the traditional seed, a CR-only copy and a UTF-16 copy of the district plan all give their plans', async () => {
    const files: [string, Uint8Array, number][] = [
      ['big5.txt', big5(traditional), 26],
      ['cr.txt', Buffer.from(simplified.replace(/\r?\n/gu, '\r')), 53],
      ['utf16.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from(simplified, 'utf16le')]), 53],
    ];
    for (const [name, bytes, measures] of files) {
      writeFileSync(join(dir, name), bytes);
      const plans = await loadPlansFromFile(join(dir, name));
      expect(plans.map((p) => p.measures.length), name).toEqual([measures]);
    }
  });
});
