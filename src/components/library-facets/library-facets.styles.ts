import { css } from 'lit';

export const facetStyles = css`
  :host {
    display: block;
  }

  .facets {
    display: grid;
    gap: calc(var(--_gap) * 0.75);
    padding: calc(var(--_gap) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.95em;
  }

  /* Closed, only the summary shows: no gap left for the hidden content. */
  .facets:not([open]) {
    gap: 0;
  }

  .facets > summary {
    min-height: 1.75rem;
    font-weight: 700;
    cursor: pointer;
  }

  .facet {
    display: grid;
    gap: 0.15em;
    margin: 0.5em 0 0;
    padding: 0;
    border: 0;
  }

  .facet legend {
    margin-bottom: 0.3em;
    padding: 0;
    font-weight: 600;
  }

  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 1.75rem;
    cursor: pointer;
  }

  .option input {
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--_accent);
  }

  .option-label {
    flex: 1;
    overflow-wrap: anywhere;
  }

  .none {
    margin: 0.25em 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .option-count {
    color: var(--_muted);
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }

  .link-button {
    justify-self: start;
    min-height: 1.75rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .clear {
    justify-self: start;
    margin-top: 0.5em;
  }
`;
