// The one message of entrypoints/wake.ts: the service worker starts on
// it (its start-up opens the database and checks the seeds) and answers nothing.
export const WAKE_MESSAGE = 'worker.wake';
