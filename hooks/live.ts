// Live views for extension pages: a Dexie liveQuery as a Preact hook, so the
// popup and dashboard re-render whenever any context (the background, another
// tab) writes to the database.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * `initial` may be the query's answer already read (the dashboard reads its
 * first view before rendering): an answer equal to the value held keeps that
 * value, so the query's first run after mounting renders nothing again.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: (v) => setValue((old) => (sameData(old, v) ? old : v)),
      error: (e: unknown) => console.warn('[PlanMeter] live query failed', e),
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

/** Structural equality of database rows (plain data: strings, numbers, booleans, null, arrays, objects). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
