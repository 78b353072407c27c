/** Types for the generated parser (see scripts/build-feed-parsers.ts). */
export declare function createItemParser(INVALID: symbol): (input: unknown) => unknown;
