// Content script on government sites. Small on purpose: Preact, zod/mini and
// the overlay; the parser runs in the background (never on the page's main
// thread); no Dexie, no full zod, no Chart.js, no conversion dictionary.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { runContentScript } from '../components/overlay/content-main.ts';

export default defineContentScript({
  matches: ['*://*.gov.cn/*', '*://*.gov.hk/*', '*://*.gov.mo/*', '*://*.gov.tw/*'],
  // document_idle, not document_end: measured (issue 15), document_end started us only a few ms
  // sooner, and our first layout read then paid the page's own first layout (a 20,000-line
  // page: a 224 ms task of ours instead of 140 ms).
  runAt: 'document_idle',
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
