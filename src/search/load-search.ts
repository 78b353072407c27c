/**
 * Loads the search code (`search-index.ts`: the index, and the scan by its
 * rules) for the listings of a page, once; again after a failed download,
 * when asked again. Part of the reader tools.
 */
import { importAgain } from '../lazy/import-again.js';

/** The search code's file in the browser bundle, relative to the code that imports it: the build writes the content hash in place of the underscores. */
const SEARCH_CHUNK = './chunks/search-index-________.js';

const load = importAgain(
  () => import('./search-index.js'),
  typeof __VL_BUNDLE__ !== 'undefined' && __VL_BUNDLE__ ? (fragment) => import(/* @vite-ignore */ `${SEARCH_CHUNK}${fragment}`) : undefined,
);

/** The search code, asked for a second time at once should the first download fail (a connection that drops one request). */
export const loadSearch = () => load().catch(() => load());
