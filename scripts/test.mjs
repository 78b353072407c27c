#!/usr/bin/env node
// `npm test`: everything a clean machine must pass, in order —
//   1. the three browsers are there (installed from Debian's packages when
//      we are root and they are missing; otherwise the one command to run),
//   2. type check, 3. build (bundle, npm modules, types, manifest, schema),
//   4. the built files have the shape we publish, the feed validator and the submissions receiver work,
//      and the demo works through them,
//   5. browser tests in Chromium, Firefox ESR and WebKitGTK,
//   6. Storybook builds and every story loads without console error or axe violation.
// `--only browsers` runs steps 1 and 5; BROWSERS=chromium,firefox narrows step 5.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const onlyBrowsers = process.argv.includes('--only') && process.argv.includes('browsers');
const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',').map((b) => b.trim());

const NEEDS = {
  chromium: { files: ['/usr/bin/chromium'], packages: ['chromium'] },
  firefox: { files: ['/usr/bin/firefox-esr'], packages: ['firefox-esr'] },
  webkit: {
    files: ['/usr/bin/WebKitWebDriver', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/bin/xvfb-run'],
    packages: ['webkit2gtk-driver', 'xvfb', 'xauth'],
  },
};

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function ensureBrowsers() {
  const missing = wanted.flatMap((name) => (NEEDS[name]?.files.some((f) => !existsSync(f)) ? NEEDS[name].packages : []));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`The browser tests need ${missing.join(', ')} from Debian's packages. Install them with:\n\n  sudo sh -c '${command}'\n`);
    process.exit(1);
  }
  console.log(`Installing the missing browsers from Debian's packages: ${missing.join(', ')}`);
  run('apt-get update', 'apt-get', ['update']);
  run('install browsers', 'apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
    DEBIAN_FRONTEND: 'noninteractive',
  });
}

/** Runs a command with its output shown as it comes and also kept, for reading afterwards. */
function runKeepingOutput(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    child.on('close', (status, signal) => resolve({ status, signal, output }));
  });
}

/** How the test runner names each browser in its output. */
const RUNNER_NAMES = { chromium: 'Chrome', firefox: 'Firefox', webkit: 'MiniBrowser' };

/**
 * The browser tests. A browser that crashes (the runner reports it
 * "disconnected", or its WebDriver session gone) fails no test of ours but
 * ends the run: when that is the only trouble, that browser's tests run once
 * more, and the second run decides. A failed test is never run again.
 */
async function browserTests(browsers, attempt = 1) {
  const title = attempt === 1 ? 'browser tests' : `browser tests again in ${browsers.join(', ')}`;
  console.log(`\n▶ ${title}`);
  const wtr = ['web-test-runner', '--config', 'web-test-runner.config.mjs'];
  const env = { BROWSERS: browsers.join(',') };
  const result = browsers.includes('webkit') ? await runKeepingOutput('xvfb-run', ['-a', 'npx', ...wtr], env) : await runKeepingOutput('npx', wtr, env);
  if (result.status === 0) return;
  const plain = result.output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  const crashed = browsers.filter((name) =>
    new RegExp(`(browser disconnected|invalid session id)[^\\n]*\\(failed on ${RUNNER_NAMES[name]}\\)`).test(plain),
  );
  // Every other browser's last summary line: all files run, none failed.
  const finishedCleanly = (name) => {
    const lines = plain.split('\n').filter((line) => line.trimStart().startsWith(`${RUNNER_NAMES[name]}:`));
    const last = lines.at(-1) ?? '';
    const files = /(\d+)\/(\d+) test files \| \d+ passed, (\d+) failed/.exec(last);
    return files !== null && files[1] === files[2] && files[3] === '0';
  };
  const others = browsers.filter((name) => !crashed.includes(name));
  if (attempt === 1 && crashed.length > 0 && others.every(finishedCleanly)) {
    console.log(`\n${crashed.map((name) => RUNNER_NAMES[name]).join(' and ')} crashed during the run (no test failed); running its tests once more.`);
    return browserTests(crashed, attempt + 1);
  }
  console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
  process.exit(result.status || 1);
}

ensureBrowsers();

if (!onlyBrowsers) {
  run('type check', 'npx', ['tsc', '--noEmit', '-p', '.']);
  run('check the generated item parser matches the schema', 'npx', ['tsx', 'scripts/build-feed-parsers.ts', '--check']);
  run('build', 'npm', ['run', 'build', '--silent']);
  run('check the published files', 'node', ['scripts/check-dist.mjs']);
  run('the feed validator (virtual-library validate)', 'node', ['--test', 'test/cli/']);
  // Node 20 finds only .js test files in a folder, so the TypeScript ones are named.
  const receiverTests = readdirSync('test/receiver').filter((f) => f.endsWith('.test.ts')).map((f) => `test/receiver/${f}`);
  run('the submissions receiver, over real HTTP with a real SQLite file', 'node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...receiverTests]);
  run('check the demo PDFs match the feed', 'npx', ['tsx', 'scripts/make-demo-pdfs.ts', '--check']);
  run('the demo pages, through the built bundle', 'npx', ['tsx', 'scripts/demo-smoke.ts']);
}

await browserTests(wanted);

if (!onlyBrowsers) {
  run('build Storybook', 'npm', ['run', 'build-storybook', '--silent']);
  run('load every story', 'node', ['scripts/storybook-smoke.mjs']);
}

console.log('\n✓ All checks passed.');
