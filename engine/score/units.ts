// Entries may be typed in another unit than the target's (0.5亿元 against a
// 万元 target, 1.2万家 against 家). The conversion itself belongs to
// engine/units/convert.ts; this file only adapts it for scoring.
import { convertValue } from '../units/convert.ts';

/** Value of an entry in the target's unit, or null when the units are not convertible. */
export function entryValueInTargetUnit(value: number, entryUnit: string | undefined, targetUnit: string): number | null {
  if (!entryUnit || entryUnit.trim() === '' || entryUnit.trim() === targetUnit.trim()) return value;
  const converted = convertValue(value, entryUnit.trim(), targetUnit.trim());
  // 1e308 万家 in 家 overflows: a value that is no longer a number cannot be scored.
  return converted === null || Number.isFinite(converted) ? converted : null;
}
