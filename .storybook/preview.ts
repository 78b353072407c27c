import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// Written by `npm run build:manifest`, which `npm run storybook` and
// `npm run build-storybook` run first. Autodocs read each element's
// attributes, properties, events, slots, CSS parts and custom properties from
// it, so the tables show exactly the JSDoc that is the elements' public API.
import manifest from '../dist/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { toc: true },
  },
};

export default preview;
