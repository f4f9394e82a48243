// A form field whose value only the user can set.
//
// The overlay's shadow root is open, so a page script can reach the card's
// inputs: dispatch synthetic input/change events, or set `.value` with no
// event at all, between the user's typing and the user's real click on Save.
// A trusted field therefore keeps its own copy of the value, updated only
// from events the browser marks as real user input (`isTrusted`). At the
// trusted click the form compares that copy with what the element shows: if
// they differ, something other than the user changed the field, the element
// is put back to what the user typed, and nothing is written. What is written
// is always the copy, which the form also shows as a preview beside Save.
import { useRef, useState } from 'preact/hooks';

type FieldElement = HTMLInputElement | HTMLSelectElement;

export interface TrustedField<T extends string> {
  /** The value the user set (the only value the form writes). */
  value: T;
  /** For the element: ref, value, and the trusted-only handler. */
  bind: { ref: (el: FieldElement | null) => void; value: T; onInput: (e: Event) => void };
  /** Sets the value from the form's own code (e.g. clearing after a save). */
  set(value: T): void;
  /** True when the element shows the value the user set. */
  intact(): boolean;
  /** Puts the element back to the value the user set. */
  restore(): void;
}

export function useTrustedField<T extends string>(initial: T): TrustedField<T> {
  const [value, setValue] = useState<T>(initial);
  const element = useRef<FieldElement | null>(null);
  const current = useRef<T>(initial);
  const take = (e: Event) => {
    if (!e.isTrusted) return; // a page script's synthetic event: ignored
    const next = (e.currentTarget as FieldElement).value as T;
    current.current = next;
    setValue(next);
  };
  return {
    value,
    // Only `input` events: they come from typing and picking. A `change` event
    // can be trusted yet carry a page script's value (Chrome fires it on blur
    // after a script set `.value`), so it is not listened to.
    bind: { ref: (el) => void (element.current = el), value, onInput: take },
    set(next) {
      current.current = next;
      setValue(next);
      if (element.current) element.current.value = next;
    },
    intact: () => !element.current || element.current.value === current.current,
    restore() {
      if (element.current) element.current.value = current.current;
    },
  };
}
