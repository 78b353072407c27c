/**
 * The pieces every field of `<submit-form>` is made of: a label with its
 * "required" mark, a hint, and an error message, tied to the control with
 * `aria-describedby` so assistive technology reads them with it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { FieldError } from '../../submission/schema.js';
import { enSubmit } from '../../localize/en-submit.js';

export interface FieldProps {
  /** The field's name in the submission (`title`, `email` …). */
  name: string;
  /** The control's id. */
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: FieldError;
  /** The id of a problem shown elsewhere (by the group this control belongs to) that concerns this control too. */
  errorRef?: string;
}

export const hintId = (p: FieldProps) => `${p.id}-hint`;
export const errorId = (p: FieldProps) => `${p.id}-error`;

/** The ids that describe a control: its hint, then its error. */
export function describedBy(p: FieldProps): string | undefined {
  return [p.hint ? hintId(p) : '', p.error ? errorId(p) : '', p.errorRef ?? ''].filter(Boolean).join(' ') || undefined;
}

export function labelText(p: Pick<FieldProps, 'label' | 'required'>): TemplateResult {
  return html`${p.label}${p.required ? html` <span class="required">(${enSubmit.required})</span>` : nothing}`;
}

export function hintAndError(p: FieldProps): TemplateResult {
  return html`${p.hint ? html`<p class="hint" id=${hintId(p)}>${p.hint}</p>` : nothing}${p.error
    ? html`<p class="error-message" id=${errorId(p)} part="field-error"><span class="visually-hidden">${enSubmit.errorPrefix} </span>${p.error.message}</p>`
    : nothing}`;
}

export interface TextFieldProps extends FieldProps {
  value: string;
  type?: 'text' | 'email' | 'url';
  autocomplete?: string;
  inputmode?: string;
  multiline?: boolean;
}

/** A labelled text input (or textarea). Input and blur are handled by the form, through the control's `name`. */
export function textField(p: TextFieldProps): TemplateResult {
  const control = p.multiline
    ? html`<textarea
        id=${p.id}
        name=${p.name}
        rows="5"
        .value=${live(p.value)}
        aria-required=${p.required ? 'true' : 'false'}
        aria-invalid=${p.error || p.errorRef ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(p))}
      ></textarea>`
    : html`<input
        id=${p.id}
        name=${p.name}
        type=${p.type ?? 'text'}
        .value=${live(p.value)}
        autocomplete=${ifDefined(p.autocomplete)}
        inputmode=${ifDefined(p.inputmode)}
        spellcheck=${p.type === 'email' || p.type === 'url' ? 'false' : 'true'}
        aria-required=${p.required ? 'true' : 'false'}
        aria-invalid=${p.error || p.errorRef ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(p))}
      />`;
  return html`<div class="field ${p.error ? 'field--error' : ''}">
    <label for=${p.id}>${labelText(p)}</label>
    ${hintAndError(p)} ${control}
  </div>`;
}

export interface SelectFieldProps extends FieldProps {
  value: string;
  placeholder: string;
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
}

export function selectField(p: SelectFieldProps): TemplateResult {
  return html`<div class="field ${p.error ? 'field--error' : ''}">
    <label for=${p.id}>${labelText(p)}</label>
    ${hintAndError(p)}
    <select
      id=${p.id}
      name=${p.name}
      ?disabled=${p.disabled}
      aria-required=${p.required ? 'true' : 'false'}
      aria-invalid=${p.error || p.errorRef ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(p))}
    >
      <option value="" ?selected=${p.value === ''}>${p.placeholder}</option>
      ${p.options.map((o) => html`<option value=${o.value} ?selected=${o.value === p.value}>${o.label}</option>`)}
    </select>
  </div>`;
}

export function checkboxField(p: FieldProps & { checked: boolean }): TemplateResult {
  return html`<div class="field field--check ${p.error ? 'field--error' : ''}">
    ${p.error ? hintAndError({ ...p, hint: undefined }) : nothing}
    <input
      id=${p.id}
      name=${p.name}
      type="checkbox"
      .checked=${live(p.checked)}
      aria-required=${p.required ? 'true' : 'false'}
      aria-invalid=${p.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(p.error ? errorId(p) : undefined)}
    />
    <label for=${p.id}>${labelText(p)}</label>
  </div>`;
}
