// Inputs built to hurt a parser: long digit runs, unclosed brackets, markers
// repeated without end, and very many numbered lines. Shared by the bench and
// the property tests so both measure the same thing.

const PIECES = [
  (i: number) => `${i}.推进第${i}项改革任务不少于${i % 997}个(责任单位:区发展改革局、区财政局)\n`,
  () => `${'9'.repeat(400)}个工作日压缩至${'1'.repeat(300)}\n`,
  () => `(责任单位:${'区政务服务和数据管理局、'.repeat(20)}\n`,
  () => `《${'方案'.repeat(150)}\n`,
  () => `由由由由由8个工作日压缩至压缩至压缩至4个工作日以上以内左右不少于\n`,
  () => `[bookmark: ${'_Toc'.repeat(60)}\n`,
  () => `(${'(一)'.repeat(100)}\n`,
  () => `${'一、'.repeat(120)}\n`,
];

/** About `bytes` UTF-8 bytes of hostile plan-like text; mostly numbered lines. */
export function adversarialText(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const piece = i % 50 === 0 ? PIECES[1 + ((i / 50) % (PIECES.length - 1))]!(i) : PIECES[0]!(i);
    parts.push(piece);
    size += Buffer.byteLength(piece, 'utf8');
  }
  return parts.join('');
}

/** `count` short numbered lines ("1.x\n2.x\n…"): the 100k-numbered-lines case. */
export function numberedLines(count: number): string {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) lines.push(`${i}.措施`);
  return lines.join('\n');
}
