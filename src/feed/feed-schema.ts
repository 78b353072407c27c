/**
 * The whole feed as one schema, for generating `feed.schema.json` and for
 * tools. The elements never import this: at runtime the same parts are
 * applied piece by piece (see `parse-feed.ts`), so one bad item is reported
 * instead of failing the feed.
 */
import * as z from 'zod/mini';
import { envelopeSchema, feedExtensionSchema, itemSchema } from './schema.js';

export const feedSchema = z.extend(envelopeSchema, {
  $schema: z.optional(z.string()),
  items: z.array(itemSchema),
  _library: z.optional(feedExtensionSchema),
});

export type RawFeed = z.infer<typeof feedSchema>;
