import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/library-facets/define.js';
import type { FacetCounts, FacetSelection } from '../src/query/facets.js';

interface FacetArgs {
  narrow?: boolean;
  clearable?: boolean;
  selection?: FacetSelection;
  onFacetChange?: (event: Event) => void;
}

type Story = StoryObj<FacetArgs>;

/** Counts as `<library-list>` computes them for a small library. */
const counts: FacetCounts = {
  type: new Map([
    ['report', 4],
    ['article', 6],
    ['fact-sheet', 1],
  ]),
  tag: new Map([
    ['crisis communications', 5],
    ['nuclear risk', 4],
    ['AI', 2],
    ['deterrence', 1],
  ]),
  author: new Map([
    ['Ana Ruiz', 3],
    ['Bea Chen', 2],
    ['Li Zhào', 1],
  ]),
  year: new Map([
    ['2024', 5],
    ['2023', 4],
    ['2022', 2],
  ]),
  origin: new Map([
    ['institute', 9],
    ['external', 2],
  ]),
};

const types = [
  { id: 'fact-sheet', label: 'Fact Sheet', plural: 'Fact Sheets' },
  { id: 'report', label: 'Report', plural: 'Reports' },
  { id: 'article', label: 'Article', plural: 'Articles' },
];

/**
 * The filters `<library-list>` loads for readers. It holds no data: the list
 * gives it the counts and the current choice, and listens for `facet-change`.
 * Shown here on its own, with fixed counts, for styling.
 */
const meta: Meta<FacetArgs> = {
  title: 'Elements/library-facets',
  component: 'library-facets',
  render: (args) =>
    html`<library-facets
      .counts=${counts}
      .types=${types}
      .selection=${args.selection ?? {}}
      ?narrow=${args.narrow}
      ?clearable=${args.clearable}
      @facet-change=${args.onFacetChange}
    ></library-facets>`,
  argTypes: { selection: { control: 'object' } },
};
export default meta;

/** Every facet, nothing chosen. */
export const Default: Story = {};

/** Two filters chosen: the summary says so, and "Clear filters" appears. */
export const WithChoices: Story = {
  name: 'With choices',
  args: { selection: { type: ['report'], year: ['2024'] } },
};

/** On a narrow screen the filters start folded. */
export const Narrow: Story = { args: { narrow: true } };
