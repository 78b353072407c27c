import { PublicationCard } from './publication-card.js';
import { define } from '../../define-element.js';

define('publication-card', PublicationCard);

declare global {
  interface HTMLElementTagNameMap {
    'publication-card': PublicationCard;
  }
}
