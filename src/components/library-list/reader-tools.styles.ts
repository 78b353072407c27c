import { css } from 'lit';

/**
 * The search, sort and grouping bar's look, in the reader tools' chunk with
 * the bar itself: `<library-list>` adopts it beside its own styles once the
 * tools have loaded, so a list without controls never carries it.
 */
export const controlsStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_gap) * 0.75);
    margin-bottom: var(--_gap);
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    font-size: 0.9em;
    font-weight: 600;
  }

  .field.search {
    flex: 1 1 16rem;
  }

  input,
  select {
    min-height: 2.75rem;
    padding: 0.4em 0.6em;
    border: 1px solid color-mix(in srgb, currentColor 60%, transparent);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    font-weight: 400;
  }
`;
