import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/components/pdf-viewer/define.js';
import { PdfViewer } from '../src/components/pdf-viewer/pdf-viewer.js';

// An application that bundles the viewer itself (as Storybook does) serves a
// copy of pdf.js's worker and data files and says where, relative to the page.
// See .storybook/main.ts for the folders served under pdfjs/.
PdfViewer.pdfjsBase = 'pdfjs/';

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
export const Default: Story = { args: { src: PDF('tracemonkey.pdf'), label: 'Tracemonkey paper' }, tags: ['expect-pdf-page'] };

/** Japanese set vertically: the text maps to Unicode through pdf.js's character maps (`cmaps/`), so it can be found and copied. */
export const JapaneseVertical: Story = { args: { src: PDF('vertical.pdf'), label: 'Japanese vertical text' }, tags: ['expect-pdf-page'] };

/** Right-to-left Arabic. */
export const Arabic: Story = { args: { src: PDF('ArabicCIDTrueType.pdf'), label: 'Arabic text' }, tags: ['expect-pdf-page'] };

/** A document with an outline: Contents lists its sections (one of the demo's stand-in PDFs). */
export const WithOutline: Story = {
  args: { src: 'demo/pdfs/strengthening-resilience-crisis-communications.pdf', label: 'A report with an outline' },
  tags: ['expect-pdf-page'],
};

/** Pages turned by 90°. */
export const RotatedPages: Story = { args: { src: PDF('rotation.pdf') }, tags: ['expect-pdf-page'] };

/** An encrypted PDF asks for its password (it is `asdfasdf`). */
export const PasswordProtected: Story = { args: { src: PDF('pr6531_1.pdf') } };

/** A damaged file: the reader is told, and offered the plain link. */
export const Corrupt: Story = { args: { src: PDF('bug1020226.pdf') }, tags: ['expect-console-errors'] };
