/**
 * The submission form for React: `virtual-library-elements/react/submit-form.js`.
 *
 * Its own entry, like the form's own bundle: a page that only lists the
 * library never carries the form's rules. Importing this module defines
 * `<submit-form>`.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  SubmitForm as SubmitFormElement,
  SubmissionErrorEvent,
  SubmissionSendEvent,
  SubmissionSuccessEvent,
} from '../components/submit-form/define.js';

export type { SubmissionErrorEvent, SubmissionSendEvent, SubmissionSuccessEvent };
export type { SubmitMode, SubmissionError, Receipt, Submission } from '../components/submit-form/define.js';
/** The element's class, for calling `submit()` through a ref. */
export { SubmitFormElement };

/**
 * `<submit-form>` for React: a reader suggests a work (`mode="contribute"`)
 * or asks for one to be removed (`mode="removal"`); answers are kept in the
 * browser until the receiver at `action` confirms.
 *
 * Props: `action`, `mode`, `feed`, `maxFileSize` ("10MB"), `timeout`,
 * `draftKey`, `headingLevel`, `label`, `theme`. Events:
 * - `onSubmissionSend(event: SubmissionSendEvent)`: about to send; `event.respondWith(promise)` sends it your way instead.
 * - `onSubmissionSuccess(event: SubmissionSuccessEvent)`: confirmed; `event.receipt.id`.
 * - `onSubmissionError(event: SubmissionErrorEvent)`: answers to fix, or a failed send; `event.error.kind`.
 *
 * @example
 * ```tsx
 * import { SubmitForm } from 'virtual-library-elements/react/submit-form.js';
 *
 * export function Contribute() {
 *   return (
 *     <SubmitForm
 *       action="https://receiver.example.org/submissions"
 *       feed="/library/feed.json"
 *       onSubmissionSuccess={(event) => analytics.track('suggestion', event.receipt.id)}
 *     />
 *   );
 * }
 * ```
 */
export const SubmitForm = createComponent({
  react: React,
  tagName: 'submit-form',
  elementClass: SubmitFormElement,
  displayName: 'SubmitForm',
  events: {
    onSubmissionSend: SubmissionSendEvent.type as EventName<SubmissionSendEvent>,
    onSubmissionSuccess: SubmissionSuccessEvent.type as EventName<SubmissionSuccessEvent>,
    onSubmissionError: SubmissionErrorEvent.type as EventName<SubmissionErrorEvent>,
  },
});
