// False until a render with `shown` true is on screen, then true for good.
// The dashboard draws what the user reads first (the plan list, a plan's rows)
// in the first frame and the costly extras (indicator tags, the radar and the
// indicator panel) right after it (issue 15: the dashboard's first render).
import { useEffect, useState } from 'preact/hooks';

export function useAfterFirstPaint(shown: boolean): boolean {
  const [painted, setPainted] = useState(false);
  // Preact runs effects after the browser has painted the render that scheduled them.
  useEffect(() => {
    if (shown && !painted) setPainted(true);
  }, [shown]);
  return painted;
}
