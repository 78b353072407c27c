#!/usr/bin/env node
// Checks that `dist/` has the shape we publish: a self-contained CDN bundle
// with relative lazy chunks, side-effect-free npm modules that leave lit to
// the host, React wrappers that leave React to the application, type
// declarations, the custom-elements manifest and the feed schema.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '..', 'dist');
const results = [];
function check(name, test) {
  try {
    const detail = test();
    results.push({ name, ok: true, detail });
  } catch (error) {
    results.push({ name, ok: false, detail: error.message });
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const STATIC_IMPORT = /(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bexport\s*[\w*{}\s,$]+\s*from\s*)["'`]([^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g;
/** What a module imports: statically, or also through import() with a literal address (computed ones are left out). */
const specifiers = (code, { dynamic = true } = {}) =>
  [...code.matchAll(STATIC_IMPORT), ...(dynamic ? code.matchAll(DYNAMIC_IMPORT) : [])]
    .map((m) => m[1])
    .filter((spec) => !spec.includes('${'));
const read = (path) => readFileSync(path, 'utf8');
/** The browser bundles' entries, beside `dist/chunks/`. */
const BUNDLE_FILES = ['virtual-library.js', 'pdf-viewer.js', 'submit-form.js'];
const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * The files a module loads when imported (static imports only, followed through relative ones), and the packages
 * they import. Block comments are dropped first: the wrappers' JSDoc examples contain import lines.
 */
function staticGraph(entry) {
  const files = new Set();
  const bare = new Set();
  const walk = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of specifiers(read(file).replace(/\/\*[\s\S]*?\*\//g, ''), { dynamic: false })) {
      if (spec.startsWith('.')) walk(join(dirname(file), spec));
      else bare.add(packageName(spec));
    }
  };
  walk(entry);
  return { files, bare };
}

check('dist/virtual-library.js has no bare imports and its chunks are relative files', () => {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(read(file))) {
      assert(spec.startsWith('./') || spec.startsWith('../'), `${file} imports "${spec}"`);
      const target = join(dirname(file), spec);
      assert(existsSync(target), `${file} imports missing ${spec}`);
      walk(target);
    }
  };
  walk(join(dist, 'virtual-library.js'));
  return `${seen.size} files`;
});

check('DOMPurify is in a lazy chunk, not in the main bundle', () => {
  const main = read(join(dist, 'virtual-library.js'));
  assert(!main.includes('removeAllHooks'), 'DOMPurify code found in virtual-library.js');
  // Everything reachable from the dynamic imports, statically or not.
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(read(file))) if (spec.startsWith('.')) walk(join(dirname(file), spec));
  };
  const dynamic = [...main.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]).filter((spec) => !spec.includes('${')).map((spec) => join(dist, spec));
  assert(dynamic.length > 0, 'the main bundle has no lazy import');
  dynamic.forEach(walk);
  assert([...seen].some((file) => read(file).includes('removeAllHooks')), 'no lazy chunk contains DOMPurify');
});

check('the feed reader is a chunk of its own, which the listing requests beside its feed, and which needs no other', () => {
  const main = read(join(dist, 'virtual-library.js'));
  const marker = 'must be a JSON Feed version URL';
  assert(!main.includes(marker), "the feed reader's rules are in virtual-library.js");
  const reader = [...main.matchAll(/import\(\s*["'`](\.\/chunks\/parse-feed-[^"'`]+)["'`]\s*\)/g)].map((m) => join(dist, m[1]));
  assert(reader.length === 1, 'virtual-library.js does not import a parse-feed chunk lazily');
  assert(read(reader[0]).includes(marker), `${reader[0]} does not hold the feed's rules`);
  // Nothing more to fetch once it has come: a chunk it imported would be requested only after it was read.
  const more = [...read(reader[0]).matchAll(/(?:from|import)\s*["'`](\.\/[^"'`]+)["'`]/g)].map((m) => m[1]).filter((file) => !file.endsWith('virtual-library.js'));
  assert(more.length === 0, `${reader[0]} imports ${more.join(', ')}, a round trip after it before the first card`);
});

check("the code that runs as soon as it loads, and only that, starts with V8's compile hint", () => {
  // vite.config.ts: the bundles' entries, and the feed readers and reader tools (decisions 6 and 9).
  const HINT = '//# allFunctionsCalledOnLoad\n';
  const files = [...BUNDLE_FILES, ...readdirSync(join(dist, 'chunks')).filter((name) => name.endsWith('.js')).map((name) => `chunks/${name}`)];
  const expected = new Set([...BUNDLE_FILES, ...files.filter((file) => /^chunks\/(parse-feed|reader-tools)-[\w-]{8}\.js$/.test(file))]);
  assert(expected.size >= 5, `only ${[...expected].join(', ')} would carry the hint: are the reader chunks still built?`);
  for (const file of files) {
    const hinted = read(join(dist, file)).startsWith(HINT);
    if (expected.has(file)) assert(hinted, `${file} does not start with the compile hint`);
    else assert(!hinted, `${file} starts with the compile hint, though little of it runs on load`);
  }
  return `${expected.size} files`;
});

check('every chunk address in the bundles names a file of dist/, and each part retried after a failed download has a second one', () => {
  const files = [...BUNDLE_FILES, ...readdirSync(join(dist, 'chunks')).map((name) => `chunks/${name}`)];
  const addresses = files
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => [...read(join(dist, file)).matchAll(/["'`](\.{1,2}\/[\w/.-]*?[\w-]+-[\w-]{8}\.js)["'`]/g)].map((m) => [file, m[1]]));
  for (const [file, address] of addresses) assert(existsSync(join(dist, dirname(file), address)), `${file} names ${address}, which is not in dist/`);
  // The listing retries its feed reader, its reader tools, the code for feeds in pages and the words for a failed load; the PDF reader its pdf.js (src/lazy/import-again.ts).
  const retried = [
    ['virtual-library.js', 'parse-feed'],
    ['virtual-library.js', 'reader-tools'],
    ['virtual-library.js', 'load-feed-pages'],
    ['virtual-library.js', 'en-feed-errors'],
    ['pdf-viewer.js', 'pdf'],
  ];
  for (const [bundle, part] of retried) {
    assert(addresses.filter(([file, address]) => file === bundle && address.includes(`/${part}-`)).length >= 2, `${bundle} has no address for a second try at ${part}`);
  }
  return `${addresses.length} addresses`;
});

check('the all-in-one bundle defines every element', () => {
  const main = read(join(dist, 'virtual-library.js'));
  assert(main.includes('customElements.define('), 'no customElements.define in the bundle (tree-shaken away?)');
  for (const tag of ['library-list', 'publication-card']) {
    assert(new RegExp(`["'\`]${tag}["'\`]`).test(main), `${tag} not found`);
  }
});

check('dist/lib/index.js leaves lit to the host and registers no element when imported', () => {
  const seen = new Set();
  const bare = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = read(file);
    assert(!/customElements\.define\(/.test(code), `${file} defines an element`);
    // Only what importing does: a card's "View PDF" may import the reader later, on a click.
    for (const spec of specifiers(code, { dynamic: false })) {
      if (spec.startsWith('.')) walk(join(dirname(file), spec));
      else bare.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  walk(join(dist, 'lib', 'index.js'));
  assert(bare.has('lit'), 'lit is bundled into the npm build');
  return [...bare].sort().join(', ');
});

check('dist/pdf-viewer.js loads pdf.js and its worker only when a PDF opens; the listing has none of it', () => {
  const viewer = read(join(dist, 'pdf-viewer.js'));
  const listing = read(join(dist, 'virtual-library.js'));
  for (const spec of specifiers(viewer, { dynamic: false })) {
    assert(!read(join(dist, spec)).includes('getDocument'), `pdf.js is a static import of pdf-viewer.js (${spec})`);
  }
  assert(!listing.includes('getDocument') && !listing.includes('pdf.worker'), 'pdf.js is in the listing bundle');
  assert(existsSync(join(dist, 'pdfjs', 'build', 'pdf.worker.min.mjs')), 'the pdf.js worker was not emitted to dist/pdfjs/build/');
});

check("pdf.js's data files sit beside its worker, and its script engine is not shipped", () => {
  for (const file of ['cmaps/UniJIS-UCS2-H.bcmap', 'standard_fonts/LiberationSans-Regular.ttf', 'iccs/CGATS001Compat-v2-micro.icc', 'wasm/openjpeg.wasm']) {
    assert(existsSync(join(dist, 'pdfjs', file)), `dist/pdfjs/${file} is missing`);
  }
  assert(!readdirSync(join(dist, 'pdfjs', 'wasm')).some((f) => /quickjs/i.test(f)), 'pdf.js scripting (quickjs) is in dist/');
});

check('each element has its own define entry', () => {
  for (const tag of ['library-list', 'publication-card', 'pdf-viewer']) {
    assert(/customElements\.define|define\(/.test(read(join(dist, 'lib', `${tag}.js`))), `${tag}.js defines nothing`);
  }
});

check('the React entries leave react and @lit/react to the application, define their elements, and keep pdf.js to their own entry', () => {
  const pkg = JSON.parse(read(join(dist, '..', 'package.json')));
  const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]);
  const lib = join(dist, 'lib');
  const list = staticGraph(join(lib, 'react.js'));
  const viewer = staticGraph(join(lib, 'react', 'pdf-viewer.js'));
  for (const [name, graph] of [['react.js', list], ['react/pdf-viewer.js', viewer]]) {
    const stray = [...graph.bare].filter((dep) => !allowed.has(dep));
    assert(stray.length === 0, `${name} imports ${stray.join(', ')}, which is neither a dependency nor a peer`);
    for (const dep of ['react', '@lit/react', 'lit']) assert(graph.bare.has(dep), `${name} does not import ${dep} (bundled in?)`);
  }
  for (const tag of ['library-list', 'publication-card']) {
    assert(list.files.has(join(lib, `${tag}.js`)), `react.js does not import the ${tag} define module`);
  }
  assert(viewer.files.has(join(lib, 'pdf-viewer.js')), 'react/pdf-viewer.js does not import the pdf-viewer define module');
  const reader = join(lib, 'components', 'pdf-viewer', 'pdf-viewer.js');
  assert(!list.files.has(reader) && !list.bare.has('pdfjs-dist'), 'react.js loads the PDF reader');
  return `react.js: ${[...list.bare].sort().join(', ')}; react/pdf-viewer.js: ${[...viewer.bare].sort().join(', ')}`;
});

check('the React entries are exported with their types and marked as having side effects', () => {
  const pkg = JSON.parse(read(join(dist, '..', 'package.json')));
  const entries = { './react': 'react', './react/pdf-viewer.js': 'react/pdf-viewer' };
  for (const [path, name] of Object.entries(entries)) {
    const target = pkg.exports[path];
    assert(target?.default === `./dist/lib/${name}.js`, `exports["${path}"] does not name dist/lib/${name}.js`);
    assert(target.types === `./dist/types/${name === 'react' ? 'react/index' : name}.d.ts`, `exports["${path}"] has no matching types`);
    assert(existsSync(join(dist, '..', target.types)), `${target.types} is missing`);
    assert(pkg.sideEffects.includes(`./dist/lib/${name}.js`), `sideEffects lacks ./dist/lib/${name}.js: a bundler could drop its definitions`);
  }
  assert(pkg.peerDependenciesMeta?.react?.optional === true, 'react is not an optional peer dependency');
});

check("an application's TypeScript resolves the React entries' types, event props included", () => {
  // A consumer project in a temporary folder, with this package (and React's types) under node_modules
  // as an application installs them, type-checked under both bundler and Node module resolution.
  const root = join(dist, '..');
  const app = mkdtempSync(join(tmpdir(), 'vle-react-types-'));
  try {
    mkdirSync(join(app, 'node_modules', '@types'), { recursive: true });
    symlinkSync(root, join(app, 'node_modules', 'virtual-library-elements'), 'dir');
    for (const dep of ['react', '@types/react']) symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(app, 'app.ts'),
      `import type { ComponentProps } from 'react';
import { LibraryList, PublicationCard, type LibraryLoadEvent } from 'virtual-library-elements/react';
import { PdfViewer, PdfViewerElement } from 'virtual-library-elements/react/pdf-viewer.js';

export const list: ComponentProps<typeof LibraryList> = {
  feed: '/feed.json',
  layout: 'grid',
  limit: 3,
  noControls: true,
  onLibraryLoad: (event) => console.log(event.items.length, event.issues.length),
  onLibraryError: (event) => console.log(event.error.kind),
  onPdfOpen: (event) => event.preventDefault(),
};
export const card: ComponentProps<typeof PublicationCard> = { feed: '/feed.json', item: 'a', variant: 'featured', onPdfOpen: (event) => console.log(event.pdf.url) };
export const viewer: ComponentProps<typeof PdfViewer> = { src: '/a.pdf', page: 2, onPdfLoad: (event) => console.log(event.pageCount), onPdfError: (event) => console.log(event.error.kind) };
PdfViewerElement.pdfjsBase = '/pdfjs/';
export const items: LibraryLoadEvent['items'] = [];
// Had the types not resolved (any), these would not be errors and the directives would fail.
// @ts-expect-error: layout takes only the values the element knows
export const badLayout: ComponentProps<typeof LibraryList> = { layout: 'table' };
// @ts-expect-error: a LibraryLoadEvent has no such field
export const badEvent: ComponentProps<typeof LibraryList> = { onLibraryLoad: (event) => event.nothing };
// @ts-expect-error: page is a number
export const badPage: ComponentProps<typeof PdfViewer> = { page: 'two' };
`,
    );
    const resolutions = { bundler: { module: 'esnext', moduleResolution: 'bundler' }, node: { module: 'nodenext', moduleResolution: 'nodenext' } };
    for (const [name, options] of Object.entries(resolutions)) {
      const config = { compilerOptions: { ...options, target: 'es2022', lib: ['es2023', 'dom', 'dom.iterable'], strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['app.ts'] };
      writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify(config));
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${name}.json`], { cwd: app, encoding: 'utf8' });
      assert(tsc.status === 0, `with ${name} resolution:\n${(tsc.stdout + tsc.stderr).trim()}`);
    }
    return Object.keys(resolutions).join(' and ');
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});

check('type declarations are emitted', () => {
  const index = read(join(dist, 'types', 'index.d.ts'));
  const shared = read(join(dist, 'types', 'elements-api.d.ts'));
  assert(index.includes("from './elements-api.js'") && index.includes('parseFeed'), 'index.d.ts lacks exports');
  assert(shared.includes('LibraryList') && shared.includes('PdfOpenEvent') && shared.includes('loadFeed'), 'elements-api.d.ts lacks exports');
});

check('custom-elements.json documents both elements', () => {
  const manifest = JSON.parse(read(join(dist, 'custom-elements.json')));
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  const list = declarations.find((d) => d.tagName === 'library-list');
  const card = declarations.find((d) => d.tagName === 'publication-card');
  assert(list && card, 'an element is missing');
  assert(list.attributes.some((a) => a.name === 'feed'), 'library-list has no feed attribute');
  assert(list.events.some((e) => e.name === 'library-load'), 'library-list has no library-load event');
  assert(card.cssParts.some((p) => p.name === 'title'), 'publication-card has no title part');
  assert(card.cssProperties.some((p) => p.name === '--vl-color-accent'), 'publication-card has no --vl-color-accent');
  return `${declarations.length} declarations`;
});

check('feed.schema.json is a JSON Schema with an $id', () => {
  const schema = JSON.parse(read(join(dist, 'feed.schema.json')));
  assert(schema.$id && schema.$schema, 'no $id or $schema');
  assert(schema.properties?.items, 'no items property');
});

check('the virtual-library command is one self-contained Node script named by package.json "bin"', () => {
  const pkg = JSON.parse(read(join(dist, '..', 'package.json')));
  const file = join(dist, '..', pkg.bin?.['virtual-library'] ?? 'missing');
  const code = read(file);
  assert(code.startsWith('#!/usr/bin/env node'), `${file} has no #! line`);
  assert(!/from ['"](zod|lit)/.test(code), 'the command imports packages instead of bundling them');
});

check('every path in package.json "exports" exists, types included', () => {
  const pkg = JSON.parse(read(join(dist, '..', 'package.json')));
  const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  const missing = targets.filter((target) => !existsSync(join(dist, '..', target)));
  assert(missing.length === 0, `missing: ${missing.join(', ')}`);
  return `${targets.length} paths`;
});

check('lazy chunks are named by content hash, so a CDN can cache them for ever', () => {
  const unhashed = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js') && !/-[\w-]{8}\.js$/.test(f));
  assert(unhashed.length === 0, `no hash: ${unhashed.join(', ')}`);
});

check('the npm package holds the build, the docs and no tests, stories, fixtures or source maps', () => {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: join(dist, '..'), encoding: 'utf8' });
  assert(result.status === 0, `npm pack failed: ${result.stderr}`);
  const files = JSON.parse(result.stdout)[0].files.map((f) => f.path);
  const stray = files.filter((f) => /^(test|stories|src|scripts|demo)\/|fixtures|\.map$/.test(f));
  assert(stray.length === 0, `should not be published: ${stray.slice(0, 5).join(', ')}`);
  for (const needed of ['README.md', 'dist/virtual-library.js', 'dist/pdf-viewer.js', 'dist/cli/virtual-library.js', 'docs/editors.md', 'dist/feed.schema.json', 'dist/lib/react.js', 'dist/types/react/index.d.ts']) {
    assert(files.includes(needed), `${needed} is not in the package`);
  }
  return `${files.length} files`;
});

for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name}${r.detail ? ` — ${r.detail}` : ''}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
