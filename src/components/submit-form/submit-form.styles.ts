import { css } from 'lit';

export const submitFormStyles = css`
  form {
    display: grid;
    /* As wide as the element, not as its longest word or widest control: no sideways scrolling on a phone. */
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_gap) * 1.25);
    max-width: 42rem;
  }

  form:focus {
    outline: none;
  }

  .field,
  .field-group {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.35rem;
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  .field--error {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: calc(var(--_gap) * 0.75);
  }

  label,
  legend {
    font-weight: 600;
  }

  legend {
    padding: 0;
    margin-bottom: 0.35rem;
  }

  .required {
    font-weight: 400;
    color: var(--_muted);
  }

  .hint {
    margin: 0;
    color: var(--_muted);
  }

  .error-message {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }

  input:not([type='checkbox']):not([type='file']),
  select,
  textarea {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5em 0.65em;
    border: 1px solid color-mix(in srgb, currentColor 60%, transparent);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }

  textarea {
    resize: vertical;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
    border-width: 2px !important;
  }

  input[type='file'] {
    font: inherit;
    min-height: 2.75rem;
    /* Its button and "No file chosen" are wider than a phone's column in some fonts. */
    max-width: 100%;
  }

  .field--check {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: 0.6rem;
  }

  .field--check .error-message {
    grid-column: 1 / -1;
  }

  .field--check label {
    font-weight: 400;
  }

  input[type='checkbox'] {
    width: 1.4rem;
    height: 1.4rem;
    margin: 0.1rem 0 0;
    accent-color: var(--_accent);
  }

  .authors {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
  }

  .authors li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }

  .authors input {
    flex: 1;
  }

  .link-button {
    min-height: 2.75rem;
    padding: 0 0.25rem;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  .file-chosen {
    margin: 0;
  }

  .honeypot {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
  }

  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }

  .progress {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }

  progress {
    width: 12rem;
    accent-color: var(--_accent);
  }

  .heading {
    font-size: 1.25em;
    font-weight: 700;
    margin: 0 0 0.5rem;
  }

  .error-summary,
  .failure,
  .notice,
  .confirmation {
    margin-bottom: calc(var(--_gap) * 1.25);
    padding: var(--_gap);
    border-radius: var(--_radius);
    max-width: 42rem;
  }

  .error-summary,
  .failure {
    border: 3px solid var(--_danger);
  }

  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }

  .error-summary a {
    color: var(--_danger);
    font-weight: 600;
  }

  .failure p,
  .notice p,
  .confirmation p,
  .error-summary p {
    margin: 0 0 0.5rem;
  }

  .notice {
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
  }

  .confirmation {
    border: 3px solid var(--_accent);
  }

  .error-summary:focus,
  .failure:focus,
  .confirmation:focus {
    outline: var(--_focus);
    outline-offset: 2px;
  }
`;
