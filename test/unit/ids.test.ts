import { describe, expect, it } from 'vitest';
import { stableId, uniqueIds } from '../../engine/ids.ts';

describe('stableId', () => {
  it('ignores white space and full-width forms', () => {
    expect(stableId('m', '提升 企业\n开办便利度１')).toBe(stableId('m', '提升企业开办便利度1'));
  });
  it('differs for different text', () => {
    expect(stableId('m', '提升企业开办便利度')).not.toBe(stableId('m', '提升企业注销便利度'));
  });
  it('numbers repeats in order', () => {
    const unique = uniqueIds();
    expect([unique('a'), unique('b'), unique('a')]).toEqual(['a', 'b', 'a~2']);
  });
});
