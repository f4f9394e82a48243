import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';

// PlanMeter never talks to a server: no host permissions beyond the government
// sites the content script reads (and sites the user adds, asked for at run
// time), and no remote code.

/**
 * The content script is built as one classic script (IIFE), where a dynamic
 * import() is inlined. The OpenCC tables (traditional → simplified) would then
 * sit in every page's script; instead the content build gets a stub converter
 * that throws: pages are parsed in the background (the service worker), never
 * in the content script. Other builds keep the real tables.
 */
function openccStubForContentScript(): Plugin {
  let isContentBuild = false;
  const STUB = '\0planmeter-opencc-stub';
  return {
    name: 'planmeter:opencc-stub-in-content-script',
    enforce: 'pre',
    options(options) {
      const input = options.input;
      const inputs = typeof input === 'string' ? [input] : Array.isArray(input) ? input : input ? Object.values(input) : [];
      isContentBuild = inputs.some((p) => /[\\/]entrypoints[\\/]content(\.ts|[\\/]index\.ts)$/u.test(p));
      return null;
    },
    resolveId(source) {
      if (isContentBuild && source.startsWith('opencc-js')) return `${STUB}:${source}`;
      return null;
    },
    load(id) {
      if (!id.startsWith(STUB)) return null;
      if (id.endsWith('opencc-js/core')) {
        return "export function ConverterFactory() { throw new Error(\"PlanMeter: the content script converts through the background\"); }\nexport const Converter = ConverterFactory;";
      }
      return 'export default [];';
    },
  };
}

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  imports: false,
  // Chrome and Firefox both get Manifest V3 from the same source.
  manifestVersion: 3,
  vite: () => ({
    plugins: [openccStubForContentScript(), preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'PlanMeter 方案进度计',
    description: 'Scores progress on Chinese government reform plans, right on the plan page. Nothing leaves your machine.',
    // unlimitedStorage: months of progress entries in IndexedDB without quota eviction.
    // scripting: register the content script on sites the user adds in settings.
    // alarms: one daily wake-up to refresh the reminder badge (and, if the user
    // turned it on, the reminder notification; notifications is asked for then).
    permissions: ['unlimitedStorage', 'scripting', 'alarms'],
    optional_permissions: ['notifications'],
    // Asked for at run time, one site at a time, only when the user adds a site.
    optional_host_permissions: ['*://*/*'],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'planmeter@example.org', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } } } : {}),
  }),
  // The sources archive (for Firefox review) holds the source, not local output or screenshots.
  zip: { excludeSources: ['out/**', 'test-results/**', '.ci/**', '**/*.log'] },
  hooks: {
    // The dashboard is the options page, opened in a tab.
    'build:manifestGenerated'(_wxt, manifest) {
      (manifest as { options_ui?: unknown }).options_ui = { page: 'dashboard.html', open_in_tab: true };
      // entrypoints/wake.ts: starts the service worker at document_start on the main content script's sites.
      const main = manifest.content_scripts?.find((c) => c.js?.includes('content-scripts/content.js'));
      if (main) manifest.content_scripts!.push({ matches: main.matches, run_at: 'document_start', all_frames: false, js: ['wake.js'] });
    },
  },
});
