/**
 * Two builds from one config:
 * - `vite build` (mode `production`): the all-in-one CDN bundle,
 *   `dist/virtual-library.js`, with every dependency inside and lazy parts as
 *   content-hashed sibling chunks addressed relative to it.
 * - `vite build --mode lib`: the npm build in `dist/lib/`, one module per
 *   source file, dependencies left as imports, so bundlers can tree-shake and
 *   share one copy of lit with the host application.
 */
import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';
import { cpSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const dependencies = Object.keys(pkg.dependencies);
/** Left as imports in the npm build: the dependencies, and React (an optional peer, for the React entry). */
const external = [...dependencies, ...Object.keys(pkg.peerDependencies)];

/** Drops comments and white space from the css`` literals of style modules, which minifiers leave alone. */
function minifyStyleLiterals(): Plugin {
  const compact = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      // 0.5em → .5em
      .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-style-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/[/\\]src[/\\].*(\.styles\.ts|styles[/\\]host\.ts)$/.test(id)) return null;
      // Static CSS only: `${name}` interpolations of other css`` results are kept as they are.
      return { code: code.replace(/css`((?:[^`$]|\$\{\w+\})*)`/g, (_, body: string) => `css\`${compact(body)}\``), map: null };
    },
  };
}

/**
 * Drops the indentation after line breaks in the project's own sources, for
 * the browser bundles: minifiers keep template literals as they are, and the
 * html`` templates carry their source indentation into the file (110 bytes of
 * the listing's entry after gzip). A line break followed by spaces and a line
 * break alone render alike outside preformatted text, which no template here
 * holds; code, comments and line numbers are unchanged in meaning. Other
 * template text (pdf.js's shader code) is not the project's and is left alone.
 */
function compactTemplateIndentation(): Plugin {
  return {
    name: 'compact-template-indentation',
    enforce: 'pre',
    transform(code, id) {
      if (!/[/\\]src[/\\].*\.ts$/.test(id)) return null;
      const text = new MagicString(code);
      for (const indent of code.matchAll(/\n([ \t]+)/g)) text.remove(indent.index + 1, indent.index + indent[0].length);
      // Every other character keeps its place in the source map.
      return { code: text.toString(), map: text.generateMap({ hires: true, source: id }) };
    },
  };
}

/**
 * Copies pdf.js's data files into `dist/pdfjs/`, laid out as in pdfjs-dist
 * (the worker is emitted to `dist/pdfjs/build/`), so the viewer finds them
 * relative to the worker: CJK character maps, standard fonts, colour
 * profiles and image decoders. pdf.js's script engine (quickjs) is left out:
 * scripting is never enabled.
 */
function copyPdfJsFiles(): Plugin {
  const from = resolve(root, 'node_modules/pdfjs-dist');
  return {
    name: 'copy-pdfjs-files',
    apply: 'build',
    writeBundle(options) {
      const to = resolve(options.dir ?? resolve(root, 'dist'), 'pdfjs');
      for (const folder of ['cmaps', 'standard_fonts', 'iccs', 'wasm']) {
        cpSync(resolve(from, folder), resolve(to, folder), { recursive: true, filter: (file) => !/quickjs/i.test(file) });
      }
    },
  };
}

/** The parts imported again under a new address after a failed download (src/lazy/import-again.ts), by chunk name: the module each is built from. */
const LATE_PARTS: Record<string, string> = {
  'parse-feed': '/src/feed/parse-feed.ts',
  'reader-tools': '/src/components/library-list/reader-tools.ts',
  'search-index': '/src/search/search-index.ts',
  'load-feed-pages': '/src/feed/load-feed-pages.ts',
  'en-feed-errors': '/src/localize/en-feed-errors.ts',
  pdf: '/node_modules/pdfjs-dist/build/pdf.mjs',
};

/**
 * Writes into a bundle the file names its code needs at run time: each
 * `./chunks/<name>-________.js` of `LATE_PARTS` becomes the address of that
 * chunk, relative to the file that holds it, padded with spaces after the
 * closing quote to the placeholder's length so the source map still lines up.
 */
function chunkAddresses(): Plugin {
  const placeholder = /(["'`])\.\/chunks\/([\w-]+?)-_{8}\.js\1/g;
  return {
    name: 'chunk-addresses',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      for (const file of chunks) {
        file.code = file.code.replace(placeholder, (quoted: string, quote: string, name: string) => {
          const source = LATE_PARTS[name];
          const part = source && chunks.find((chunk) => chunk.facadeModuleId?.replace(/\\/g, '/').endsWith(source));
          if (!part) this.error(`chunk-addresses: ${file.fileName} needs the address of the chunk "${name}", and the bundle has no such chunk.`);
          const path = posix.relative(posix.dirname(file.fileName), part.fileName);
          const written = `${quote}${path.startsWith('.') ? path : `./${path}`}${quote}`;
          if (written.length > quoted.length) this.error(`chunk-addresses: ${written} is longer than its placeholder in ${file.fileName}.`);
          return written.padEnd(quoted.length, ' ');
        });
      }
    },
  };
}

/**
 * Chunks whose code nearly all runs as soon as they load, besides the
 * bundles' entries (the elements): the feed reader and the reader tools,
 * which a listing needs for its first card. Each starts with V8's compile
 * hint (`//# allFunctionsCalledOnLoad`, Chromium 136 and later), so that
 * Chromium compiles their functions while the file downloads, off the page's
 * thread, instead of one by one on first call once the feed has come. Other
 * engines read it as a comment. See decisions 6 and 9.
 */
const COMPILED_ON_LOAD = new Set(['parse-feed', 'reader-tools']);
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The browser bundles, one per `vite build --mode`: the listing (default), the PDF reader, the submission form. */
const BUNDLES: Record<string, { entry: string; file: string }> = {
  production: { entry: 'src/virtual-library.ts', file: 'virtual-library.js' },
  viewer: { entry: 'src/components/pdf-viewer/define.ts', file: 'pdf-viewer.js' },
  form: { entry: 'src/components/submit-form/define.ts', file: 'submit-form.js' },
};

export default defineConfig(({ command, mode }) => {
  const bundle = BUNDLES[mode] ?? BUNDLES.production;
  const first = bundle === BUNDLES.production;
  if (mode === 'lib') {
    return {
      plugins: [minifyStyleLiterals()],
      // An application's bundler decides where chunks go: the npm build never imports by address.
      define: { __VL_BUNDLE__: 'false' },
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        minify: false,
        sourcemap: true,
        target: 'es2022',
        lib: {
          entry: {
            index: resolve(root, 'src/index.ts'),
            'virtual-library': resolve(root, 'src/virtual-library.ts'),
            'library-list': resolve(root, 'src/components/library-list/define.ts'),
            'publication-card': resolve(root, 'src/components/publication-card/define.ts'),
            'pdf-viewer': resolve(root, 'src/components/pdf-viewer/define.ts'),
            'submit-form': resolve(root, 'src/components/submit-form/define.ts'),
            // The React wrappers (`./react`, `./react/pdf-viewer.js`), with `react` left to the application.
            react: resolve(root, 'src/react/index.ts'),
            'react/pdf-viewer': resolve(root, 'src/react/pdf-viewer.ts'),
            'react/submit-form': resolve(root, 'src/react/submit-form.ts'),
          },
          formats: ['es'],
        },
        rolldownOptions: {
          external: (id: string) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
          output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
        },
      },
    };
  }
  return {
    base: './',
    plugins: [minifyStyleLiterals(), compactTemplateIndentation(), chunkAddresses(), ...(mode === 'form' ? [] : [copyPdfJsFiles()])],
    // Built bundles only: the dev server (npm start, Storybook) serves the sources, with no chunks to address.
    define: { __VL_BUNDLE__: JSON.stringify(command === 'build') },
    build: {
      // The listing bundle is built first (see package.json), so it starts from an empty dist/:
      // no stale hashed chunks are left to be published.
      outDir: 'dist',
      emptyOutDir: first,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      // The listing and cards in one file (mode production); the PDF reader (mode viewer) and the
      // submission form (mode form) each in their own, built separately so that the listing file
      // never carries any of them.
      lib: {
        entry: resolve(root, bundle.entry),
        formats: ['es'],
        fileName: () => bundle.file,
      },
      rolldownOptions: {
        // Lets modules shared with lazy chunks live in the entry instead of a
        // separate common chunk, so a page makes one request for first render.
        preserveEntrySignatures: 'allow-extension',
        // Vite keeps white space in ES library builds; this file is for browsers, so minify fully.
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          // The only asset is pdf.js's worker, placed where its data files are found relative to it.
          assetFileNames: 'pdfjs/build/[name][extname]',
          minify: true,
          comments: { annotation: false },
          // After minification, which would drop it as a comment; it must be the file's first line.
          postBanner: (chunk) => (chunk.isEntry || COMPILED_ON_LOAD.has(chunk.name) ? COMPILE_HINT : ''),
        },
      },
    },
  };
});
