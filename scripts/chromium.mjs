// Debian's Chromium, and the flags that keep it quiet on a closed network
// (no background connections, no first-run work). Shared by the test runner,
// the smoke tests and the benchmark.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
