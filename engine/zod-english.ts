// zod/mini words its issues ("Too small: expected string to have >=1 characters")
// only once a locale is set; full zod set English by itself. The modules that
// used full zod import this, so their messages (shown in import problems, the
// CLI, store errors) read as before without full zod in the bundle.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
