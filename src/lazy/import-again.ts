/**
 * Lazily loaded parts that can be imported again after a failed download.
 *
 * Firefox remembers a failed `import()` of an address for the life of the
 * page: importing it again fails at once, however the connection has
 * recovered. In the browser bundles the build writes each part's file name
 * into a placeholder beside the code that imports it (`chunkAddresses` in
 * vite.config.ts); after a failure, that code imports the same file under a
 * new fragment, which the server never sees but the browser counts as a new
 * address. Elsewhere (the npm build, where an application's bundler places the
 * chunks, and the tests) the part is imported again as it was the first time.
 */

declare global {
  /** True in the browser bundles built by vite.config.ts, false in the npm build; undefined when running from source. */
  const __VL_BUNDLE__: boolean | undefined;
}

/**
 * A loader for a lazily loaded part: `load` imports it the usual way, once,
 * again after a failure; `again`, given in the browser bundles only, imports
 * its file under the fragment it is passed.
 */
export function importAgain<T>(load: () => Promise<T>, again?: (fragment: string) => Promise<unknown>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  let failures = 0;
  return () => {
    loading ??= (failures && again ? (again(`#retry-${failures}`) as Promise<T>) : load()).catch((error: unknown) => {
      failures++;
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
