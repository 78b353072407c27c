import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/components/pdf-viewer/define.js';

interface ViewerArgs {
  src?: string;
  label?: string;
  page?: number;
}

type Story = StoryObj<ViewerArgs>;

/** PDFs from pdf.js's own test suite, served beside the stories. */
const PDF = (name: string) => `fixtures/pdfs/${name}`;

const meta: Meta<ViewerArgs> = {
  title: 'Elements/pdf-viewer',
  component: 'pdf-viewer',
  tags: ['autodocs'],
  render: ({ src, label, page }) =>
    html`<pdf-viewer src=${src ?? nothing} label=${label ?? nothing} page=${page ?? nothing}></pdf-viewer>`,
};
export default meta;

/** The 14-page tracemonkey paper: pages draw as they come near the view. */
export const Default: Story = { args: { src: PDF('tracemonkey.pdf'), label: 'Tracemonkey paper' } };

/** Pages turned by 90°. */
export const RotatedPages: Story = { args: { src: PDF('rotation.pdf') } };

/** An encrypted PDF asks for its password (it is `asdfasdf`). */
export const PasswordProtected: Story = { args: { src: PDF('pr6531_1.pdf') } };

/** A damaged file: the reader is told, and offered the plain link. */
export const Corrupt: Story = { args: { src: PDF('bug1020226.pdf') }, tags: ['expect-console-errors'] };
