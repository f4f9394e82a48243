// The browser a test file shares: one local server for its pages and one
// Chromium with the extension, started before the file's tests and stopped
// after. (Apart from harness.ts, which the bench and demo import outside vitest.)
import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, startServer, type Launched, type LocalServer } from './harness.ts';
import type { TestPage } from './pages.ts';

export function useExtensionBrowser(pages: TestPage[]): { readonly server: LocalServer; readonly browser: Launched } {
  let server: LocalServer | undefined;
  let browser: Launched | undefined;
  beforeAll(async () => {
    server = await startServer(pages);
    browser = await launchWithExtension({ port: server.port });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the local server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}
