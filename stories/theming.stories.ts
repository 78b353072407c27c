import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import '../src/components/library-list/define.js';

/**
 * The theming workshop: every design token of the elements as a live
 * control (docs/theming.md lists them with their defaults). Change a control
 * and the listing below follows; "Show code" gives the CSS to paste into a
 * site's stylesheet. Two ready themes show the range: the institute's own and
 * a partner's.
 */
interface TokenArgs {
  '--vl-font-family': string;
  '--vl-title-font-family': string;
  '--vl-font-size': string;
  '--vl-line-height': string;
  '--vl-color-text': string;
  '--vl-color-accent': string;
  '--vl-color-accent-contrast': string;
  '--vl-color-surface': string;
  '--vl-color-background': string;
  '--vl-color-border': string;
  '--vl-radius': string;
  '--vl-space': string;
  '--vl-title-size': string;
  '--vl-group-heading-size': string;
}

type Story = StoryObj<TokenArgs>;

const color = { control: 'color' } as const;
const text = { control: 'text' } as const;

/** Empty values are left out, so the element's own default applies. */
const tokens = (args: TokenArgs) => Object.fromEntries(Object.entries(args).filter(([, value]) => value));

const meta: Meta<TokenArgs> = {
  title: 'Theming/Design tokens',
  render: (args) =>
    html`<div style=${styleMap({ background: args['--vl-color-background'] || 'transparent', padding: '1rem' })}>
      <library-list style=${styleMap(tokens(args))} feed="fixtures/library/feed.json" layout="grid" facets="type,year"></library-list>
    </div>`,
  argTypes: {
    '--vl-font-family': text,
    '--vl-title-font-family': text,
    '--vl-font-size': text,
    '--vl-line-height': text,
    '--vl-color-text': color,
    '--vl-color-accent': color,
    '--vl-color-accent-contrast': color,
    '--vl-color-surface': color,
    '--vl-color-background': color,
    '--vl-color-border': color,
    '--vl-radius': text,
    '--vl-space': text,
    '--vl-title-size': text,
    '--vl-group-heading-size': text,
  },
  args: {
    '--vl-font-family': '',
    '--vl-title-font-family': '',
    '--vl-font-size': '',
    '--vl-line-height': '',
    '--vl-color-text': '',
    '--vl-color-accent': '',
    '--vl-color-accent-contrast': '',
    '--vl-color-surface': '',
    '--vl-color-background': '',
    '--vl-color-border': '',
    '--vl-radius': '',
    '--vl-space': '',
    '--vl-title-size': '',
    '--vl-group-heading-size': '',
  },
};
export default meta;

/** The elements' defaults: every control empty. */
export const Defaults: Story = {};

/** The institute's own site: serif titles, navy and gold, square corners. */
export const InstituteTheme: Story = {
  name: "Institute's theme",
  args: {
    '--vl-font-family': 'system-ui, sans-serif',
    '--vl-title-font-family': 'Georgia, "Times New Roman", serif',
    '--vl-color-text': '#1a1f2b',
    '--vl-color-accent': '#0d2240',
    '--vl-color-accent-contrast': '#ffffff',
    '--vl-color-surface': '#ffffff',
    '--vl-color-background': '#f4f1ea',
    '--vl-color-border': '#c9b98f',
    '--vl-radius': '0',
    '--vl-title-size': '1.3em',
  },
};

/** A partner's site: dark, rounded, compact. */
export const PartnerTheme: Story = {
  name: "Partner's theme",
  args: {
    '--vl-font-family': '"Trebuchet MS", system-ui, sans-serif',
    '--vl-color-text': '#e9eef5',
    '--vl-color-accent': '#7fd1c7',
    '--vl-color-accent-contrast': '#06201d',
    '--vl-color-surface': '#1c2430',
    '--vl-color-background': '#111821',
    '--vl-color-border': '#3a4656',
    '--vl-radius': '1rem',
    '--vl-space': '0.75rem',
    '--vl-group-heading-size': '1.2em',
  },
};
