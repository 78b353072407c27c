// `npm run build:cli`: bundles the `virtual-library` command (src/cli/bin.ts)
// into one Node module, dist/cli/virtual-library.js, with zod inside, so that
// `npx virtual-library validate` needs nothing but Node.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const outfile = 'dist/cli/virtual-library.js';
await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
console.log(`wrote ${outfile}`);
