// The text the user last selected in the page (not in PlanMeter's overlay), for
// the card's correction tools: clicking into the card may clear the live selection.
import { useEffect, useRef, useState } from 'preact/hooks';

/** The page's current text selection, outside PlanMeter's own overlay ('' when none). */
function pageSelection(): string {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed) return '';
  const node = sel.anchorNode;
  const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  if (el?.closest('planmeter-overlay')) return '';
  return sel.toString().trim().slice(0, 2000);
}

/** The last selection the user made in the page: clicking into the card may clear the live one. */
export function useLastSelection(): [string, () => string] {
  const last = useRef('');
  const [shown, setShown] = useState('');
  useEffect(() => {
    const update = () => {
      const text = pageSelection();
      if (text) {
        last.current = text;
        setShown(text);
      }
    };
    update();
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, []);
  return [shown, () => pageSelection() || last.current];
}
