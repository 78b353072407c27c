// Browser tests in the three engines readers use, all from Debian's packages:
// Chromium, Firefox ESR and WebKitGTK (Safari's engine). `BROWSERS` picks a
// subset, e.g. BROWSERS=chromium npx web-test-runner.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { fixtureServer, receiverProxy } from './test/server/fixture-server.mjs';
import { reactEsm } from './test/server/react-esm.mjs';
import { CHROMIUM, CHROMIUM_FLAGS } from './scripts/chromium.mjs';

const root = import.meta.dirname;
const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',').map((b) => b.trim());
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function webkit() {
  const port = await freePort();
  const driver = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
  const stop = () => driver.kill();
  process.once('exit', stop);
  // Give the driver a moment to listen before the launcher connects.
  await new Promise((resolve) => setTimeout(resolve, 800));
  return webdriverLauncher({
    automationProtocol: 'webdriver',
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    },
  });
}

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_FLAGS,
      },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
    }),
  webkit,
};

/**
 * Vite's `?url` imports (the pdf.js worker) mean "the address of this file".
 * The esbuild plugin does not know them; answer with the file's served path.
 */
const urlImports = {
  name: 'url-imports',
  resolveImport({ source }) {
    const match = /^([^?]+)\?url(&no-inline)?$/.exec(source);
    if (match) return `/__url__/${match[1]}`;
  },
  serve(context) {
    if (!context.path.startsWith('/__url__/')) return;
    const file = context.path.slice('/__url__/'.length);
    return { body: `export default ${JSON.stringify(`/node_modules/${file}`)};`, type: 'js' };
  },
};

// The reference receiver for <submit-form>'s tests: a real Fastify service with a real SQLite file in a
// temporary folder, reached through the test server at /receiver/ (see receiverProxy).
const { startReceiver } = await tsImport('./server/app.ts', import.meta.url);
const receiverData = mkdtempSync(join(tmpdir(), 'vl-receiver-'));
const RECEIVER_TOKEN = 'test-moderator-token';
const receiver = await startReceiver({
  port: 0,
  dataDir: receiverData,
  seedFeed: null,
  rateLimit: false,
  adminToken: RECEIVER_TOKEN,
  maxFileBytes: 512 * 1024,
});
process.once('exit', () => rmSync(receiverData, { recursive: true, force: true }));

export default {
  rootDir: root,
  // test/receiver/ holds the receiver's Node tests (run by scripts/test.mjs), not browser tests.
  files: ['test/**/*.test.ts', '!test/receiver/**'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: Number(process.env.WTR_FINISH_TIMEOUT ?? 10 * 60_000),
  browserStartTimeout: 120_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: await Promise.all(wanted.map((name) => launchers[name]())),
  plugins: [urlImports, reactEsm(), esbuildPlugin({ ts: true, tsconfig: `${root}/tsconfig.json`, target: 'es2022' })],
  middleware: [fixtureServer(), receiverProxy(receiver.url, RECEIVER_TOKEN)],
};
