// React and react-dom are CommonJS, which a browser cannot import. This test
// runner plugin answers the few React specifiers the tests use with ES
// modules that esbuild bundles from the npm packages on first request: one
// shared chunk, so `react` and `react-dom/client` use the same React. Nothing
// else passes through it, so other tests are not slowed.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const PREFIX = '/__react__/';
/** The specifiers served, and the file each is served as. */
const MODULES = { react: 'react', 'react-dom': 'react-dom', 'react-dom/client': 'react-dom-client' };
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The names each module exports, read by loading the packages in a child
 * Node process: React's development build touches `console` as it loads,
 * which the test runner's own console does not expect.
 */
function exportNames() {
  const script = `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(MODULES))}.map((m) => [m, Object.keys(require(m))]))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: import.meta.dirname, encoding: 'utf8' }));
}

/** An ES module re-exporting a CommonJS module: its exports as default and by name. */
function entrySource(specifier, exported) {
  const names = exported[specifier].filter((name) => name !== 'default' && IDENTIFIER.test(name));
  return `import m from ${JSON.stringify(specifier)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

async function bundle() {
  const exported = exportNames();
  const result = await build({
    entryPoints: Object.entries(MODULES).map(([specifier, out]) => ({ in: `entry:${specifier}`, out })),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outdir: '/out',
    chunkNames: 'chunk-[hash]',
    logLevel: 'error',
    // React's development build: it reports misuse (unknown props, bad keys) on the console.
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins: [
      {
        name: 'react-entries',
        setup(build) {
          build.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice('entry:'.length), namespace: 'react-entry' }));
          build.onLoad({ filter: /.*/, namespace: 'react-entry' }, (args) => ({
            contents: entrySource(args.path, exported),
            resolveDir: import.meta.dirname,
          }));
        },
      },
    ],
  });
  return new Map(result.outputFiles.map((file) => [file.path.replace(/^\/out\//, ''), file.text]));
}

export function reactEsm() {
  let files;
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (Object.hasOwn(MODULES, source)) return `${PREFIX}${MODULES[source]}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      files ??= bundle();
      const body = (await files).get(context.path.slice(PREFIX.length));
      if (body !== undefined) return { body, type: 'js' };
    },
  };
}
