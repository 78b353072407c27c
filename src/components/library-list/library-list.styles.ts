import { css } from 'lit';

export const listStyles = css`
  /* A message above the list (its later pages, its search and filters) stands apart from it as the controls do. */
  .error {
    margin-bottom: var(--_gap);
  }

  .error p:last-child {
    margin-bottom: 0;
  }

  .count {
    margin: 0 0 var(--_gap);
    color: var(--_muted);
  }

  .group + .group {
    margin-top: calc(var(--_gap) * 2);
  }

  .group-heading {
    margin: 0 0 calc(var(--_gap) * 0.75);
    padding-bottom: 0.25em;
    border-bottom: 1px solid var(--_border);
    font-family: var(--vl-title-font-family, inherit);
    font-size: var(--vl-group-heading-size, 1.4em);
    font-weight: 700;
    line-height: 1.25;
  }

  .items {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  :host([layout='grid']) .items {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--vl-columns-min, 18rem)), 1fr));
  }

  .items > li {
    display: grid;
  }

  :host([layout='grid']) li.featured {
    grid-column: 1 / -1;
  }

  :host([layout='compact']) .items {
    gap: calc(var(--_gap) * 0.5);
  }

  .more {
    margin-top: var(--_gap);
  }

  .empty {
    padding: var(--_gap);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }

  .empty p {
    margin: 0 0 0.5em;
  }

  .notice {
    margin-bottom: var(--_gap);
    color: var(--_muted);
    font-size: 0.9em;
  }

  .notice summary {
    cursor: pointer;
  }

  .loading {
    display: grid;
    gap: var(--_gap);
  }

  .skeleton-card {
    display: grid;
    gap: 0.6em;
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .skeleton.line {
    height: 1em;
  }

  .skeleton.short {
    width: 25%;
  }

  .skeleton.title {
    height: 1.4em;
    width: 70%;
  }

  /* Filters beside the results when there is room, above them when there is not. */
  :host {
    container-type: inline-size;
  }

  .with-facets {
    display: grid;
    gap: var(--_gap);
  }

  /* The last column, beside the filters or the room kept for them. */
  .with-facets > .results {
    grid-column: -2;
  }

  @container (min-width: 48rem) {
    .with-facets {
      grid-template-columns: minmax(12rem, 16rem) minmax(0, 1fr);
      align-items: start;
    }
  }

  /* The virtualizer places each card itself; the grid gap becomes a margin. */
  .items.virtual {
    display: block;
  }

  .items.virtual > li {
    width: 100%;
    padding-bottom: var(--_gap);
  }
`;
