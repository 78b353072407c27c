// `npm run sri`: the CDN snippets for this version, pinned with Subresource
// Integrity. Run after `npm run build`, on the files that will be published.
// The browser checks each hash before running the file, so a changed file on
// the CDN is refused rather than run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

for (const file of ['dist/virtual-library.js', 'dist/pdf-viewer.js']) {
  const hash = createHash('sha384').update(readFileSync(join(root, file))).digest('base64');
  console.log(
    `<script type="module" src="https://unpkg.com/${name}@${version}/${file}" integrity="sha384-${hash}" crossorigin="anonymous"></script>`,
  );
}
