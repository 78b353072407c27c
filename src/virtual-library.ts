/**
 * The all-in-one entry: one `<script type="module">` defines every element.
 * Built to `dist/virtual-library.js`, with lit and the rest bundled in.
 */
import './components/library-list/define.js';
import './components/publication-card/define.js';

export * from './index.js';
