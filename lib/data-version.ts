// A number that changes whenever anything is written to a database: this
// context's writes and, through Dexie's cross-context notice (BroadcastChannel),
// those of the extension's other pages. What is kept in memory from the database
// (page.open's replies, lib/bg-handlers.ts) is kept under the number it was made
// at and is not used once the number has moved.
import Dexie from 'dexie';

/** Starts counting writes to `db`; returns the current count. */
export function writeCounter(db: Dexie): () => number {
  let count = 0;
  const prefix = `idb://${db.name}/`;
  // Dexie reports each committed read-write transaction with the parts it changed.
  Dexie.on('storagemutated', (parts) => {
    for (const key of Object.keys(parts)) {
      if (key.startsWith(prefix)) {
        count++;
        return;
      }
    }
  });
  return () => count;
}
