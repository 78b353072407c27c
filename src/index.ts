/**
 * Virtual Library elements: classes, event classes and types. Importing this
 * module registers no tag; import `./components/<tag>/define.js` (or the
 * all-in-one `virtual-library.js`) for that.
 */
export * from './elements-api.js';
// The feed reader's synchronous functions, for tools and servers. Not in the all-in-one bundle, whose
// elements load the reader beside their first feed request (see feed/load-feed.ts).
export { parseFeed, readFeed } from './feed/parse-feed.js';
