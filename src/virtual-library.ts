/**
 * The all-in-one entry: one `<script type="module">` defines every element.
 * Built to `dist/virtual-library.js`, with lit and the rest bundled in.
 * It exports what the npm entry does except `parseFeed` and `readFeed`,
 * which are synchronous and would put the feed reader in this file: pages
 * that want a feed's publications call `loadFeed`.
 */
import './components/library-list/define.js';
import './components/publication-card/define.js';

export * from './elements-api.js';
