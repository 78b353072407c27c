import { SubmitForm } from './submit-form.js';
import { define } from '../../define-element.js';

define('submit-form', SubmitForm);

export { SubmitForm, type SubmitMode } from './submit-form.js';
export { SubmissionSendEvent } from '../../events/submission-send-event.js';
export { SubmissionSuccessEvent } from '../../events/submission-success-event.js';
export { SubmissionErrorEvent } from '../../events/submission-error-event.js';
export { SubmissionError, type SubmissionErrorKind } from '../../submission/submission-error.js';
export type { Receipt } from '../../submission/send-submission.js';
export {
  normalizeSubmission,
  validateSubmission,
  type Contribution,
  type FieldError,
  type Removal,
  type Submission,
} from '../../submission/schema.js';

declare global {
  interface HTMLElementTagNameMap {
    'submit-form': SubmitForm;
  }
}
