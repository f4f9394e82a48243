// Live views for extension pages: a Dexie liveQuery as a Preact hook, so the
// popup and dashboard re-render whenever any context (the background, another
// tab) writes to the database.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: (v) => setValue(v),
      error: (e: unknown) => console.warn('[PlanMeter] live query failed', e),
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}
