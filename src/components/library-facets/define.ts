import { LibraryFacets } from './library-facets.js';
import { define } from '../../define-element.js';

define('library-facets', LibraryFacets);

declare global {
  interface HTMLElementTagNameMap {
    'library-facets': LibraryFacets;
  }
}
