// Content script on government sites. Small on purpose: Preact, zod/mini and
// the overlay; the parser runs in the background (never on the page's main
// thread); no Dexie, no full zod, no Chart.js, no conversion dictionary.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { runContentScript } from '../components/overlay/content-main.ts';

export default defineContentScript({
  matches: ['*://*.gov.cn/*', '*://*.gov.hk/*', '*://*.gov.mo/*', '*://*.gov.tw/*'],
  // As soon as the document is parsed (not at idle): badges appear as the page does.
  runAt: 'document_end',
  allFrames: false,
  main(ctx) {
    void runContentScript({
      runtime: browser.runtime,
      ctx,
    }).catch((error: unknown) => {
      // A page we cannot read is left as it is; nothing to show the user.
      console.debug('[PlanMeter]', error);
    });
  },
});
