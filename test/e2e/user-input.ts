// Real user input in a browser test. Playwright's selectOption() sets a
// <select>'s value from a script and fires *untrusted* input/change events,
// which the entry form ignores, as it must ignore a page script's; a user
// picks an option with the mouse or the keyboard, which the browser marks trusted.
import type { Locator } from 'playwright-core';

/** Picks `value` in a <select> with the arrow keys, as a keyboard user would. */
export async function chooseOption(select: Locator, value: string): Promise<void> {
  const values = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const want = values.indexOf(value);
  if (want < 0) throw new Error(`no option ${value} among ${values.join(', ')}`);
  await select.focus();
  for (let step = 0; step <= values.length; step++) {
    const at = values.indexOf(await select.inputValue());
    if (at === want) return;
    await select.press(at < want ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`could not choose ${value} with the keyboard`);
}
