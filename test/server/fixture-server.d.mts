/** Types for the test server module, which the benchmark also uses. */
export declare function bigFeed(n: number): { version: string; title: string; items: Record<string, unknown>[] };
export declare function fixtureServer(): (ctx: unknown, next: () => Promise<void>) => Promise<void>;
