// The user's settings: the one schema the store writes with and the
// settings.put message is checked with. zod/mini: lib/messages.ts (and so the
// content script) imports it.
import * as z from 'zod/mini';

const weight = z.number().check(z.gte(0), z.lte(100));

export const Settings = z.object({
  language: z._default(z.enum(['zh-CN', 'en']), 'zh-CN'),
  /** Extra sites (match patterns) the user allowed the content script on. */
  sites: z._default(z.array(z.string().check(z.maxLength(300))).check(z.maxLength(200)), []),
  /** Overrides of the engine's DEFAULT_SCORE_CONFIG (thresholds, weights). */
  scoreConfig: z._default(
    z.object({
      thresholds: z.optional(
        z.partial(
          z.object({
            onTrackGap: z.number().check(z.gte(0), z.lte(100)),
            atRiskGap: z.number().check(z.gte(0), z.lte(100)),
            doneAt: z.number().check(z.gte(1), z.lte(100)),
          }),
        ),
      ),
      weights: z.optional(
        z.object({
          sections: z.optional(z.record(z.string(), weight)),
          measures: z.optional(z.record(z.string(), weight)),
        }),
      ),
    }),
    {},
  ),
});
export type Settings = z.infer<typeof Settings>;
