/**
 * `npm run receiver -- [--port 8082] [--host 127.0.0.1] [--data .data/receiver] [--feed <file>]
 *   [--origins <a,b>] [--public-url <URL>] [--max-file-size 20MB] [--rate-limit 10/1m] [--admin-token <token>]`
 *
 * Starts the submissions receiver. Every flag has an environment fallback
 * (RECEIVER_PORT, RECEIVER_HOST, RECEIVER_DATA, RECEIVER_FEED, RECEIVER_ORIGINS,
 * RECEIVER_PUBLIC_URL, RECEIVER_MAX_FILE_BYTES, RECEIVER_RATE_LIMIT,
 * RECEIVER_ADMIN_TOKEN). Prints `Receiver listening on <url>` once it listens.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startReceiver, type RunningReceiver } from './app.js';
import {
  ConfigError,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_ORIGINS,
  DEFAULT_PORT,
  defaultFeedFile,
  parseBytes,
  parseOrigins,
  parsePort,
  parsePublicUrl,
  parseRateLimit,
} from './config.js';

const USAGE = `Usage: npm run receiver -- [options]

  --port <n>            port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)      RECEIVER_PORT
  --host <address>      address to listen on (default ${DEFAULT_HOST})                  RECEIVER_HOST
  --data <folder>       database and PDFs (default ${DEFAULT_DATA_DIR})              RECEIVER_DATA
  --feed <file>         the feed approvals change (default <data>/feed.json,
                        created from demo/feed.json when missing)                   RECEIVER_FEED
  --origins <a,b>       pages allowed to send the form
                        (default ${DEFAULT_ORIGINS.join(',')})   RECEIVER_ORIGINS
  --public-url <URL>    the receiver's public address, for PDF links in the feed
                        (default: the address it listens on)                        RECEIVER_PUBLIC_URL
  --max-file-size <n>   largest PDF, such as 20MB (default 20MB)                     RECEIVER_MAX_FILE_BYTES
  --rate-limit <n/w>    submissions per address: 10 (a minute), 10/1m, 50/1h, off    RECEIVER_RATE_LIMIT
  --admin-token <t>     the moderators' token (16+ characters); without one, /admin does not exist    RECEIVER_ADMIN_TOKEN
  --trust-proxy <p>     behind a reverse proxy: how many proxies (1) or which addresses    RECEIVER_TRUST_PROXY
                        (10.0.0.1,10.0.0.2) to trust for X-Forwarded-For, so each reader
                        gets their own rate limit
  --log                 log every request`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      feed: { type: 'string' },
      origins: { type: 'string' },
      'public-url': { type: 'string' },
      'max-file-size': { type: 'string' },
      'rate-limit': { type: 'string' },
      'admin-token': { type: 'string' },
      'trust-proxy': { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const pick = (flag: string | undefined, variable: string) => flag ?? (env[variable] || undefined);

  const port = parsePort(pick(values.port, 'RECEIVER_PORT') ?? String(DEFAULT_PORT), '--port / RECEIVER_PORT');
  const host = pick(values.host, 'RECEIVER_HOST') ?? DEFAULT_HOST;
  const dataDir = resolve(pick(values.data, 'RECEIVER_DATA') ?? DEFAULT_DATA_DIR);
  const feedFile = resolve(pick(values.feed, 'RECEIVER_FEED') ?? defaultFeedFile(dataDir));
  const originsText = pick(values.origins, 'RECEIVER_ORIGINS');
  const publicText = pick(values['public-url'], 'RECEIVER_PUBLIC_URL');
  const sizeText = pick(values['max-file-size'], 'RECEIVER_MAX_FILE_BYTES');
  const rateText = pick(values['rate-limit'], 'RECEIVER_RATE_LIMIT');
  const adminToken = pick(values['admin-token'], 'RECEIVER_ADMIN_TOKEN');
  const proxyText = pick(values['trust-proxy'], 'RECEIVER_TRUST_PROXY');

  const receiver: RunningReceiver = await startReceiver({
    port,
    host,
    dataDir,
    feedFile,
    origins: originsText === undefined ? DEFAULT_ORIGINS : parseOrigins(originsText, '--origins / RECEIVER_ORIGINS'),
    publicUrl: publicText === undefined ? undefined : parsePublicUrl(publicText, '--public-url / RECEIVER_PUBLIC_URL'),
    maxFileBytes: sizeText === undefined ? undefined : parseBytes(sizeText, '--max-file-size / RECEIVER_MAX_FILE_BYTES'),
    rateLimit: rateText === undefined ? undefined : parseRateLimit(rateText, '--rate-limit / RECEIVER_RATE_LIMIT'),
    adminToken,
    // A number of hops, or a list of addresses: trusting any X-Forwarded-For would let a sender pick its own address.
    trustProxy: proxyText === undefined ? undefined : /^\d+$/.test(proxyText) ? Number(proxyText) : proxyText,
    logger: values.log ?? false,
  });

  console.log(`Receiver listening on ${receiver.url}
  public address: ${receiver.publicUrl}
  data:           ${dataDir}
  feed:           ${feedFile}
  moderation:     npm run submissions -- list --data ${dataDir}${adminToken ? '' : '\n  (no admin token: the /admin endpoints are off)'}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`${signal}: stopping the receiver.`);
    receiver.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  if (error instanceof ConfigError) console.error(e.message);
  else if (e.code === 'EADDRINUSE') console.error(`That port is already in use. Choose another with --port (or RECEIVER_PORT).`);
  else console.error(e);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
