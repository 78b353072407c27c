import { css } from 'lit';

export const cardStyles = css`
  .card {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_gap) * 0.4);
    height: 100%;
    padding: var(--vl-card-padding, var(--_gap));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .card > * {
    margin: 0;
  }

  .type {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }

  .badge,
  .origin {
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: 1em;
    letter-spacing: 0.02em;
  }

  .title {
    font-family: var(--vl-title-font-family, inherit);
    font-size: var(--vl-title-size, 1.2em);
    font-weight: 700;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }

  .title a {
    color: inherit;
    text-decoration-color: var(--_accent);
  }

  .title a:hover {
    color: var(--_accent);
  }

  .authors,
  .meta {
    color: var(--_muted);
    font-size: 0.95em;
  }

  .authors a {
    color: inherit;
  }

  .summary,
  .content {
    overflow-wrap: anywhere;
  }

  .content :is(img, video) {
    max-width: 100%;
    height: auto;
  }

  .featured {
    border-color: var(--_accent);
    border-width: 2px;
  }

  .featured .title {
    font-size: var(--vl-featured-title-size, 1.5em);
  }

  .subheading {
    margin-top: calc(var(--_gap) * 0.5);
    font-weight: 700;
  }

  ol {
    margin: 0.25em 0 0;
    padding-inline-start: 1.5em;
  }

  li + li {
    margin-top: 0.35em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: auto;
    padding-top: calc(var(--_gap) * 0.4);
  }

  .size {
    font-weight: 400;
  }

  :host([variant='compact']) .button {
    min-height: 2.25rem;
    padding: 0.25em 0.75em;
    font-size: 0.9em;
  }

  .withdrawn {
    border-style: dashed;
  }

  .withdrawn .title {
    color: var(--_muted);
  }

  .notice {
    font-style: italic;
  }

  .thumbnail {
    align-self: flex-start;
  }

  .thumbnail canvas {
    display: block;
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.3);
  }

  /* A card that loads its own feed shows its placeholder from 150 ms on (as the list does): a feed that comes sooner appears without a flash of grey. */
  .card[aria-busy] {
    animation: wait 0s 150ms backwards;
  }

  @keyframes wait {
    from {
      visibility: hidden;
    }
  }

  .skeleton.line {
    height: 1em;
    width: 100%;
  }

  .skeleton.short {
    width: 30%;
  }

  .skeleton.title {
    height: 1.5em;
    width: 80%;
  }

  mark {
    padding: 0 0.05em;
    border-radius: 0.15em;
    background: color-mix(in srgb, var(--_accent) 22%, transparent);
    color: inherit;
  }
`;
