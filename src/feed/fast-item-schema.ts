/**
 * The item schema with the parser zod compiled ahead of time (see
 * scripts/build-feed-parsers.ts): about eight times faster on large feeds,
 * no eval. Items it rejects are parsed again by zod's interpreter, which says
 * why. Loaded only for large feeds, so small ones do not pay its size.
 */
import { INVALID, withParser } from 'zod/mini';
import { createItemParser } from './generated/item-parser.js';
import { itemSchema, type RawItem } from './schema.js';

export const fastItemSchema = withParser(itemSchema, createItemParser(INVALID) as (input: unknown) => RawItem | typeof INVALID);
