/**
 * Storybook for the elements, written by hand: `storybook init` and `add`
 * cannot run here (they fetch a CLI version this registry lacks).
 *
 * The Vite builder reads the project's `vite.config.ts` (without its `build`
 * section), so stories compile with the same decorator settings as the
 * library: `experimentalDecorators` and `useDefineForClassFields: false` from
 * `tsconfig.json`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { bigFeed } from '../test/server/fixture-server.mjs';

const demoFeed = new URL('../demo/feed.json', import.meta.url);

// A long generated library for the virtualized story, written at start-up rather than kept in the repository.
const generated = new URL('../node_modules/.cache/virtual-library-stories/', import.meta.url);
mkdirSync(generated, { recursive: true });
writeFileSync(new URL('large-feed.json', generated), JSON.stringify({ ...bigFeed(1000), title: 'A generated library of 1,000 publications' }));

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  // Feeds the stories load. Stories address them relative to the preview
  // iframe (`fixtures/library/feed.json`), so a built Storybook works from any
  // sub-path of a site.
  staticDirs: [
    { from: '../test/fixtures/library', to: '/fixtures/library' },
    { from: '../test/fixtures/pdfs', to: '/fixtures/pdfs' },
    { from: '../stories/fixtures', to: '/story-fixtures' },
    { from: '../node_modules/.cache/virtual-library-stories', to: '/generated' },
    ...(existsSync(demoFeed) ? [{ from: '../demo', to: '/demo' }] : []),
    // pdf.js's worker and data files, laid out as in pdfjs-dist; the PDF stories set PdfViewer.pdfjsBase to this folder.
    ...['build', 'cmaps', 'standard_fonts', 'iccs', 'wasm'].map((folder) => ({
      from: `../node_modules/pdfjs-dist/${folder}`,
      to: `/pdfjs/${folder}`,
    })),
  ],
  viteFinal: (config) => ({
    ...config,
    // The stories load the elements' sources as an application does: lazy parts by Vite's own
    // dynamic imports, not by the CDN bundle's chunk addresses, whose chunks Storybook's build
    // lays out its own way.
    define: { ...config.define, __VL_BUNDLE__: 'false' },
    // `build-storybook --quiet` runs inside `npm test`: print Vite's warnings, not its list of files.
    logLevel: 'warn',
    // Storybook's own docs renderer is a 1 MB chunk; don't warn about it on every build.
    build: { ...config.build, chunkSizeWarningLimit: 1200 },
  }),
  core: {
    // This network reaches only the npm registry; don't try to phone home.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
