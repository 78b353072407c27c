import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// Written by `npm run build:manifest`, which `npm run storybook` and
// `npm run build-storybook` run first. Autodocs read each element's
// attributes, properties, methods, events, slots, CSS parts and custom
// properties from it, so the docs show exactly the JSDoc that is the
// elements' public API.
import manifest from '../dist/custom-elements.json';
import { argTypesFromManifest } from './manifest-arg-types.js';

// Storybook's own reader still gives each docs page the element's description.
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    docs: {
      toc: true,
      // Rows keyed by kind, so a CSS part or slot never hides an attribute of the same name.
      extractArgTypes: (component: unknown) => (typeof component === 'string' ? argTypesFromManifest(manifest, component) : null),
    },
    controls: { expanded: true },
  },
};

export default preview;
