// The bundled seed documents, as text (Vite `?raw` imports): the extension's
// built-in plans, parsed into the database on first run.
export const SEED_TEXTS: Record<string, string> = import.meta.glob('../seeds/*.txt', { query: '?raw', import: 'default', eager: true });
