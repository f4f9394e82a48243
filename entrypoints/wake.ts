// Wakes the service worker while the page is still loading (issue 15): a
// sleeping worker takes ~120 ms or more to start and evaluate, which a first
// visit otherwise pays after our main script (document_idle) asks for the
// page's plans. Listed in the manifest as a document_start content script on
// the same sites as entrypoints/content.ts (wxt.config.ts). It only sends one
// message: no DOM access, no page events, a few hundred bytes.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { WAKE_MESSAGE } from '../lib/wake.ts';

export default defineUnlistedScript(() => {
  // No reply comes: the promise settles either way and nothing waits on it.
  browser.runtime.sendMessage({ type: WAKE_MESSAGE }).catch(() => {});
});
