/**
 * Styles every element shares: the design tokens (documented CSS custom
 * properties, each with a default that fits into most pages), the themes, and
 * small utilities. Component styles use the tokens, never raw values, so a
 * host page restyles everything from a few properties.
 */
import { css } from 'lit';

/** The dark theme's defaults: `theme="dark"`, and `theme="auto"` on a dark system. */
const darkTheme = css`
  --_text: var(--vl-color-text, #e8eaed);
  --_accent: var(--vl-color-accent, #9cc3ff);
  --_accent-text: var(--vl-color-accent-contrast, #0b1a2b);
  --_danger: var(--vl-color-danger, #ffb4ab);
  --_surface: var(--vl-color-surface, #1b1d21);
  color-scheme: dark;
  background: var(--vl-color-background, #121316);
`;

export const hostStyles = css`
  :host {
    --_text: var(--vl-color-text, inherit);
    --_muted: var(--vl-color-muted, color-mix(in srgb, currentColor 85%, transparent));
    --_accent: var(--vl-color-accent, #0b5394);
    --_accent-text: var(--vl-color-accent-contrast, #ffffff);
    --_border: var(--vl-color-border, color-mix(in srgb, currentColor 22%, transparent));
    --_surface: var(--vl-color-surface, transparent);
    --_danger: var(--vl-color-danger, #b3261e);
    --_radius: var(--vl-radius, 0.5rem);
    --_gap: var(--vl-space, 1rem);
    --_focus: var(--vl-focus-ring, 2px solid var(--_accent));

    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--vl-font-family, inherit);
    font-size: var(--vl-font-size, 1rem);
    line-height: var(--vl-line-height, 1.5);
  }

  :host([hidden]) {
    display: none !important;
  }

  :host([theme='dark']) {
    ${darkTheme}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTheme}
    }
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }

  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 2.75rem;
    padding: 0.5em 1em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-text);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }

  .button.secondary {
    background: transparent;
    color: var(--_accent);
  }

  /* Placeholders that pulse in opacity, which the compositor animates without repainting them. */
  .skeleton {
    display: block;
    border-radius: var(--_radius);
    background: var(--_border);
    animation: pulse 1.4s infinite;
  }

  @keyframes pulse {
    50% {
      opacity: 0.4;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }

  .error {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_gap);
  }

  .error strong {
    display: block;
    color: var(--_danger);
  }
`;
