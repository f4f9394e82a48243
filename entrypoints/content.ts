// Content script on government sites. Small on purpose: Preact, zod/mini and
// the overlay; the parser runs in the background (never on the page's main
// thread); no Dexie, no full zod, no Chart.js, no conversion dictionary.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { runContentScript } from '../components/overlay/content-main.ts';

export default defineContentScript({
  matches: ['*://*.gov.cn/*', '*://*.gov.hk/*', '*://*.gov.mo/*', '*://*.gov.tw/*'],
  runAt: 'document_idle',
  allFrames: false,
  main() {
    void runContentScript({
      runtime: browser.runtime as never,
    }).catch((error: unknown) => {
      // A page we cannot read is left as it is; nothing to show the user.
      console.debug('[PlanMeter]', error);
    });
  },
});
