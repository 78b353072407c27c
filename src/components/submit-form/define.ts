import { SubmitForm } from './submit-form.js';
import { define } from '../../define-element.js';

define('submit-form', SubmitForm);

declare global {
  interface HTMLElementTagNameMap {
    'submit-form': SubmitForm;
  }
}
