import { css } from 'lit';

export const viewerStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    padding: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_surface);
  }

  .toolbar .button {
    min-width: 2.75rem;
    justify-content: center;
  }

  .toolbar .gap {
    flex: 1;
  }

  .page-field {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }

  .page-field input {
    width: 4.5em;
    min-height: 2.75rem;
    padding: 0.3em;
    border: 1px solid color-mix(in srgb, currentColor 60%, transparent);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
  }

  .find {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
  }

  .find input {
    width: 10em;
    min-height: 2.75rem;
    padding: 0.3em 0.5em;
    border: 1px solid color-mix(in srgb, currentColor 60%, transparent);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
  }

  .find-status {
    min-width: 5em;
    font-size: 0.9em;
  }

  .textLayer .match {
    background: rgb(255 200 0 / 0.45);
    border-radius: 2px;
  }

  .zoom {
    min-width: 3.5em;
    text-align: center;
  }

  .body {
    display: flex;
    border: 1px solid var(--_border);
    border-top: 0;
  }

  .sidebar {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    flex: 0 0 auto;
    width: 9rem;
    height: var(--vl-pdf-height, 80vh);
    overflow: auto;
    padding: 0.5rem;
    border-inline-end: 1px solid var(--_border);
  }

  .sidebar[hidden] {
    display: none;
  }

  .contents {
    width: 14rem;
    max-width: 45%;
  }

  .contents ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .contents ul ul {
    padding-inline-start: 1rem;
  }

  .contents :is(button, a, span) {
    display: block;
    width: 100%;
    padding: 0.35rem 0.4rem;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    overflow-wrap: anywhere;
  }

  .contents :is(button, a) {
    cursor: pointer;
  }

  .contents :is(button, a):hover {
    background: color-mix(in srgb, currentColor 8%, transparent);
  }

  .thumb {
    display: grid;
    justify-items: center;
    gap: 0.2em;
    min-height: 8rem;
    padding: 0.25rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .thumb[aria-current='page'] {
    border-color: var(--_accent);
  }

  .thumb canvas {
    display: block;
    max-width: 100%;
    background: #fff;
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.3);
  }

  .pages {
    flex: 1;
    min-width: 0;
    position: relative;
    height: var(--vl-pdf-height, 80vh);
    overflow: auto;
    padding: 1rem;
    background: var(--vl-pdf-background, color-mix(in srgb, currentColor 8%, transparent));
    /* Two-finger pinch is the viewer's own zoom (see PinchZoomController); one finger scrolls. */
    touch-action: pan-x pan-y;
  }

  .page {
    position: relative;
    /* While a pinch is under way the pages are scaled by CSS; lifting the fingers draws them again. */
    transform: scale(var(--vl-pinch, 1));
    transform-origin: top center;
    margin: 0 auto 1rem;
    background: #fff;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.3);
    --scale-round-x: 1px;
    --scale-round-y: 1px;
  }

  .page canvas {
    display: block;
  }

  /* The text layer: transparent text over the canvas, so readers can select and copy. */
  .textLayer {
    position: absolute;
    inset: 0;
    overflow: clip;
    line-height: 1;
    text-align: initial;
    text-size-adjust: none;
    forced-color-adjust: none;
    transform-origin: 0 0;
    caret-color: CanvasText;
    z-index: 0;
    --min-font-size: 1;
    --text-scale-factor: calc(var(--total-scale-factor) * var(--min-font-size));
    --min-font-size-inv: calc(1 / var(--min-font-size));
  }

  .textLayer :is(span, br) {
    position: absolute;
    color: transparent;
    white-space: pre;
    cursor: text;
    transform-origin: 0% 0%;
    user-select: text;
  }

  .textLayer > :not(.markedContent),
  .textLayer .markedContent span:not(.markedContent) {
    z-index: 1;
    --font-height: 0;
    font-size: calc(var(--text-scale-factor) * var(--font-height));
    --scale-x: 1;
    --rotate: 0deg;
    transform: rotate(var(--rotate)) scaleX(var(--scale-x)) scale(var(--min-font-size-inv));
  }

  .textLayer .markedContent {
    display: contents;
  }

  .textLayer .link {
    position: absolute;
    z-index: 2;
    border-radius: 2px;
  }

  .textLayer .link:hover,
  .textLayer .link:focus-visible {
    background: rgb(255 255 0 / 0.25);
  }

  .textLayer ::selection {
    background: rgb(0 0 255 / 0.25);
  }

  .status {
    padding: 1rem;
  }

  .progress {
    display: block;
    width: 100%;
    height: 0.5rem;
    accent-color: var(--_accent);
  }

  .password,
  .error {
    display: grid;
    gap: 0.75em;
    padding: var(--_gap);
  }

  .password label {
    display: grid;
    gap: 0.25em;
    font-weight: 600;
  }

  .password input {
    min-height: 2.75rem;
    padding: 0.4em 0.6em;
    border: 1px solid color-mix(in srgb, currentColor 60%, transparent);
    border-radius: var(--_radius);
    font: inherit;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }

  p {
    margin: 0;
  }
`;
