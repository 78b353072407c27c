// `node scripts/build-builder.mjs`: bundles the embed builder's script
// (demo/builder/builder.ts) into one browser module, dist/builder/builder.js,
// which demo/builder.html loads. Run after `vite build`, which empties dist/.
//
// The library itself is not bundled in: the builder's import of src/index.ts
// becomes the relative import `../virtual-library.js`, so the page, its preview
// and the snippet it writes all use the one published bundle. The wording it
// needs and the bundle does not export (localize/en.ts, en-feed-errors.ts, en-fixes.ts)
// is bundled here, keeping the elements' bundle as small as it is.
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const libraryEntry = resolve(root, 'src/index.ts');
const outfile = resolve(root, 'dist/builder/builder.js');

/** The library's own entry, taken from the published bundle next to the builder rather than compiled in again. */
const useBundle = {
  name: 'use-published-bundle',
  setup(build) {
    build.onResolve({ filter: /\/src\/index(\.js|\.ts)?$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (target !== libraryEntry) return undefined;
      return { path: '../virtual-library.js', external: true };
    });
    // Anything else from src/ that has code of its own would mean a second copy of the elements.
    build.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, (args) => {
      if (!/[/\\]src[/\\]localize[/\\]en(-fixes|-feed-errors)?\.ts$/.test(args.path)) {
        return { errors: [{ text: `the builder may import from src/ only index.js and localize/en*.js, not ${args.path}` }] };
      }
      return undefined;
    });
  },
};

await build({
  entryPoints: [resolve(root, 'demo/builder/builder.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  plugins: [useBundle],
  logLevel: 'warning',
});
console.log(`wrote ${outfile.slice(root.length + 1)}`);
