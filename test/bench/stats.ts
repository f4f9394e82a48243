// Timing helpers for `npm run bench`. Medians over several runs, after warm-up,
// because these machines are noisy: a single timing means little.
import { performance } from 'node:perf_hooks';

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; milliseconds. */
export function time(fn: () => unknown, runs = 9, warmup = 2): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs };
}

export async function timeAsync(fn: () => Promise<unknown>, runs = 5, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs };
}

export function ms(t: number): string {
  return t < 1 ? `${(t * 1000).toFixed(0)} µs` : `${t.toFixed(t < 10 ? 2 : 1)} ms`;
}

export function goal(ok: boolean): string {
  return ok ? 'meets goal' : 'MISSES goal';
}
