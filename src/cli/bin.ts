/**
 * The `virtual-library` command (package.json `bin`), built to
 * `dist/cli/virtual-library.js` by `scripts/build-cli.mjs`. In this
 * repository: `npm run validate -- <file or URL>`.
 */
import { main } from './validate.js';

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`virtual-library: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
