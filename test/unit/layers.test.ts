// Imports point down only (README, Layout). The engine must stay free of the
// extension; lib must not reach into entrypoints. The overlay UI still imports
// components/ from lib/overlay (issue 9): those are listed, not yet refused.
import { describe, expect, it } from 'vitest';
import { upwardImports } from '../tools/check-imports.ts';

describe('layers', () => {
  const found = upwardImports();
  it('the engine imports nothing above it, and nothing imports an entrypoint', () => {
    expect(found.filter((f) => f.file.startsWith('engine/') || f.imports.startsWith('entrypoints/'))).toEqual([]);
  });
  it('every other upward import is one of lib → components (the overlay UI still in lib/overlay, and content-main)', () => {
    expect(found.filter((f) => !(f.file.startsWith('lib/') && f.imports.startsWith('components/')))).toEqual([]);
  });
});
