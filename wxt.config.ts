import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// PlanMeter never talks to a server: no host permissions beyond the government
// sites the content script reads, and no remote code.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'PlanMeter 方案进度计',
    description: 'Scores progress on Chinese government reform plans, right on the plan page. Nothing leaves your machine.',
    permissions: ['storage', 'unlimitedStorage'],
    optional_host_permissions: ['*://*/*'],
  },
});
