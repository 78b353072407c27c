import { LibraryList } from './library-list.js';
import '../publication-card/define.js';
import { define } from '../../define-element.js';

define('library-list', LibraryList);

declare global {
  interface HTMLElementTagNameMap {
    'library-list': LibraryList;
  }
}
