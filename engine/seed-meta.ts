// What seeds/manifest.json knows about a bundled seed that its page does not
// print (the traditional-script city plan has no title line). Passed to the
// parser as a fallback only: a title on the page always wins.
import manifest from '../seeds/manifest.json';

interface SeedInfo {
  file: string;
  title: string;
}

const SEEDS = (manifest as { seeds: SeedInfo[] }).seeds;

/** Parser options for the seed file `file` (a path or a bare file name). */
export function seedParseOptions(file: string): { title?: string; source: string } {
  const name = file.split('/').pop() ?? file;
  const title = SEEDS.find((s) => s.file === name)?.title;
  return title ? { title, source: name } : { source: name };
}
