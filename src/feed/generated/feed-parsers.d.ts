/** Types for the generated check and rules (see scripts/build-feed-parsers.ts). */
import type { Rule } from '../explain.js';

/** zod's compiled check of `itemSchema`: true when zod accepts the value. */
export declare function isItem(value: unknown): boolean;
export declare const ENVELOPE: Rule;
export declare const FEED_EXTENSION: Rule;
export declare const ITEM: Rule;
