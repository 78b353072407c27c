/**
 * `npx tsx scripts/serve-demo.ts [--port 8080] [--partner-port 8081] [--host 127.0.0.1] [--dist dist]`
 *
 * Serves the demo as two websites, so that the partner page really loads the
 * library from another origin:
 *
 * - the institute, http://localhost:8080: `demo/` as the site root (`/` is
 *   `demo/index.html`; `/feed.json`, `/pdfs/…`, `/demo.css`) and the built
 *   elements under `/dist/`;
 * - a partner institution, http://localhost:8081: `/` is `demo/partner.html`,
 *   with `/partner.css` and its own copy of `/dist/`;
 * - the submissions receiver (`server/`), http://localhost:8082, where the
 *   pages' `<submit-form>` sends. Its data folder is `.data/receiver`, and the
 *   institute's `/feed.json` is served from the receiver's copy of the feed
 *   (`.data/receiver/feed.json`, made from `demo/feed.json` the first time),
 *   so an approved contribution shows up on the demo page while
 *   `demo/feed.json` itself is never changed. `--no-receiver` leaves it out.
 *
 * Ports come from the flags, else `PORT`, `PARTNER_PORT` and `RECEIVER_PORT`,
 * else 8080, 8081 and 8082 (0 picks free ports). The pages name each other
 * (and the partner page names the feed) at http://localhost:8080 and
 * http://localhost:8081, and the receiver at http://localhost:8082; on other
 * ports, those origins are rewritten in the HTML as it is served.
 *
 * Only Node's built-in modules are used. Every HTML page is sent with the
 * strict Content-Security-Policy the elements must work under; the feed and
 * the PDFs may be read from any origin (CORS). Run `npx vite build` first so
 * that `dist/virtual-library.js` exists.
 *
 * Tests and benchmarks can start the same servers with `startDemoServers()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startReceiver, type RunningReceiver } from '../server/app.js';

const root = resolve(import.meta.dirname, '..');
const DEMO = join(root, 'demo');
const DIST = join(root, 'dist');
/** The receiver's data folder for the demo (ignored by git). */
const RECEIVER_DATA = join(root, '.data', 'receiver');

/** The origins the demo pages name each other by (the feed's URL, links between the two sites). */
const DEFAULT_INSTITUTE_ORIGIN = 'http://localhost:8080';
const DEFAULT_PARTNER_ORIGIN = 'http://localhost:8081';
/** Where the pages' `<submit-form>` sends. */
const DEFAULT_RECEIVER_ORIGIN = 'http://localhost:8082';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface DemoServerOptions {
  /** Port of the institute's site. Default 8080; 0 picks a free port. */
  port?: number;
  /** Port of the partner's site. Default 8081; 0 picks a free port. */
  partnerPort?: number;
  /** Address to listen on. Default `127.0.0.1`, so the demo is not reachable from other machines. */
  host?: string;
  /** Log each request to the console. Default false. */
  log?: boolean;
  /** Folder of the demo pages, feed and PDFs. Default: the repository's `demo/`. */
  demoDir?: string;
  /** Folder of the built elements, served under `/dist/`. Default: the repository's `dist/`. */
  distDir?: string;
  /** Start the submissions receiver too. Default true. */
  receiver?: boolean;
  /** Port of the receiver. Default 8082, or a free port when `port` is 0 (a caller asking for free ports wants them all free). */
  receiverPort?: number;
  /** The receiver's data folder. Default `.data/receiver` in the repository. */
  receiverDataDir?: string;
  /** The receiver's moderator token (its `/admin` endpoints exist only with one). Default: none. */
  receiverAdminToken?: string;
}

export interface DemoServers {
  /** The institute's site, such as `http://localhost:8080/`. */
  instituteUrl: string;
  /** The partner's site, such as `http://localhost:8081/`. */
  partnerUrl: string;
  /** The submissions receiver, such as `http://localhost:8082`; undefined when it was left out. */
  receiverUrl?: string;
  institute: Server;
  partner: Server;
  receiver?: RunningReceiver;
  /** Stops the servers, dropping open connections. */
  close(): Promise<void>;
}

/** One site: which request paths map to which files, and how its pages are sent. */
interface Site {
  name: string;
  /** The file for a URL path (already decoded and normalised), or undefined for 404. */
  resolve(path: string): string | undefined;
  /** Content-Security-Policy of its HTML pages. */
  csp: () => string;
  /** A change to make to HTML pages as they are sent. */
  rewriteHtml?: (html: string) => string;
  /** The folders files may come from, even through symbolic links. */
  folders: string[];
  log: boolean;
}

/** Starts the institute's and the partner's servers; resolves once both listen. */
export async function startDemoServers(options: DemoServerOptions = {}): Promise<DemoServers> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? false;
  const demo = resolve(options.demoDir ?? DEMO);
  const dist = resolve(options.distDir ?? DIST);
  const publicHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  const withReceiver = options.receiver ?? true;
  const receiverData = resolve(options.receiverDataDir ?? RECEIVER_DATA);
  const receiverFeed = join(receiverData, 'feed.json');

  // Each site's handler is in place before it listens; the origins are filled in once the ports are known.
  let instituteOrigin = DEFAULT_INSTITUTE_ORIGIN;
  let partnerOrigin = DEFAULT_PARTNER_ORIGIN;
  let receiverOrigin = DEFAULT_RECEIVER_ORIGIN;
  // The pages name each other and the receiver at the default origins; point them at the real ones
  // (through placeholders, so that one replacement cannot be caught by the next).
  const rewriteOrigins = (html: string) =>
    html
      .replaceAll(DEFAULT_INSTITUTE_ORIGIN, '\0institute\0')
      .replaceAll(DEFAULT_PARTNER_ORIGIN, '\0partner\0')
      .replaceAll(DEFAULT_RECEIVER_ORIGIN, '\0receiver\0')
      .replaceAll('\0institute\0', instituteOrigin)
      .replaceAll('\0partner\0', partnerOrigin)
      .replaceAll('\0receiver\0', receiverOrigin);

  const institute = createServer(
    handler({
      name: 'institute',
      log,
      folders: withReceiver ? [demo, dist, receiverData] : [demo, dist],
      csp: () => contentSecurityPolicy("'self' http://localhost:* http://127.0.0.1:*", withReceiver ? receiverOrigin : undefined),
      rewriteHtml: rewriteOrigins,
      resolve: (path) => {
        // The feed the receiver's approvals change, when it runs; demo/feed.json otherwise.
        if (path === '/feed.json' && withReceiver) return receiverFeed;
        return path.startsWith('/dist/') ? within(dist, path.slice('/dist'.length)) : within(demo, path);
      },
    }),
  );

  const partnerFiles: Record<string, string> = {
    '/': 'partner.html',
    '/partner.html': 'partner.html',
    '/partner.css': 'partner.css',
  };
  const partner = createServer(
    handler({
      name: 'partner',
      log,
      folders: [demo, dist],
      csp: () => contentSecurityPolicy(`'self' ${instituteOrigin}${withReceiver ? ` ${receiverOrigin}` : ''}`, withReceiver ? receiverOrigin : undefined),
      rewriteHtml: rewriteOrigins,
      resolve: (path) => {
        if (path.startsWith('/dist/')) return within(dist, path.slice('/dist'.length));
        const file = partnerFiles[path];
        return file ? join(demo, file) : undefined;
      },
    }),
  );

  let receiver: RunningReceiver | undefined;
  const closeAll = async () => {
    await Promise.all([stop(institute), stop(partner), receiver?.close()]);
  };
  try {
    instituteOrigin = `http://${publicHost}:${await listen(institute, options.port ?? 8080, host)}`;
    partnerOrigin = `http://${publicHost}:${await listen(partner, options.partnerPort ?? 8081, host)}`;
    if (withReceiver) {
      refreshUntouchedFeedCopy(receiverFeed, join(demo, 'feed.json'));
      receiver = await startReceiver({
        port: options.receiverPort ?? (options.port === 0 ? 0 : 8082),
        host,
        dataDir: receiverData,
        feedFile: receiverFeed,
        seedFeed: join(demo, 'feed.json'),
        origins: [instituteOrigin, partnerOrigin],
        adminToken: options.receiverAdminToken,
        logger: false,
      });
      // The receiver's public address is its own (`http://localhost:<port>` on this machine).
      receiverOrigin = receiver.publicUrl;
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    instituteUrl: `${instituteOrigin}/`,
    partnerUrl: `${partnerOrigin}/`,
    ...(receiver && { receiverUrl: receiver.publicUrl, receiver }),
    institute,
    partner,
    close: closeAll,
  };
}

/**
 * The receiver's feed starts as a copy of `demo/feed.json`. While no approval
 * has changed the copy, it follows `demo/feed.json` (a marker file holds the
 * hash of the copy as made), so editing the demo feed still shows; once an
 * approval has changed it, it is left alone.
 */
function refreshUntouchedFeedCopy(copy: string, seed: string): void {
  const marker = `${copy}.seed-sha256`;
  const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  const untouched = !existsSync(copy) || (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash(copy));
  if (!untouched || (existsSync(copy) && hash(copy) === hash(seed))) return;
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(seed, copy);
  writeFileSync(marker, `${hash(copy)}\n`);
}

/** The pages' CSP. `formTarget` is an extra address forms may be sent to (the receiver, for a form sent without script). */
function contentSecurityPolicy(connect: string, formTarget?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTarget ? ` ${formTarget}` : ''}`,
    "frame-ancestors 'self'",
  ].join('; ');
}

/** The file under `base` for a URL path; undefined if the path would leave `base`. */
function within(base: string, path: string): string | undefined {
  const file = resolve(base, `.${path}`);
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

/** True when a resolved file path lies inside one of the folders (each taken with symbolic links resolved). */
async function isServedFolder(real: string, folders: string[]): Promise<boolean> {
  for (const folder of folders) {
    const base = await realpath(folder).catch(() => folder);
    if (real.startsWith(base + sep)) return true;
  }
  return false;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

function handler(site: Site) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (site.log) res.once('finish', () => console.log(`[${site.name}] ${res.statusCode} ${req.method} ${req.url}`));
    serve(site, req, res).catch((error: unknown) => {
      console.error(`[${site.name}] ${req.method} ${req.url}:`, error);
      if (!res.headersSent) sendError(site, req, res, 500, 'Something went wrong on the demo server.');
      else res.destroy();
    });
  };
}

async function serve(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');

  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      Allow: 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'Accept, Range',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    sendError(site, req, res, 405, `The demo server does not accept ${method} requests.`);
    return;
  }

  const path = urlPath(req.url ?? '/');
  if (path === undefined) {
    sendError(site, req, res, 400, 'That address is not valid.');
    return;
  }

  // Hidden files and folders (.git, .DS_Store) are never published.
  if (path.split('/').some((segment) => segment.startsWith('.'))) {
    sendError(site, req, res, 404, `Nothing is published at ${path}.`);
    return;
  }

  let file = site.resolve(path);
  let info = file ? await stat(file).catch(() => undefined) : undefined;
  if (file && info?.isDirectory()) {
    if (!path.endsWith('/')) {
      // /pdfs → /pdfs/, so relative links inside the directory's page resolve.
      res.writeHead(301, { Location: `${path}/`, 'Content-Length': 0 });
      res.end();
      return;
    }
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  // A symbolic link must not lead out of the served folders either.
  const real = file && info?.isFile() ? await realpath(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile() || !real || !(await isServedFolder(real, site.folders))) {
    sendError(site, req, res, 404, `Nothing is published at ${path}.`);
    return;
  }

  const ext = extname(file).toLowerCase();
  const name = file.slice(file.lastIndexOf(sep) + 1);
  const type = name === 'feed.json' ? 'application/feed+json; charset=utf-8' : (CONTENT_TYPES[ext] ?? 'application/octet-stream');
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-cache');
  if (ext === '.json' || ext === '.pdf') {
    // The feed and its PDFs are meant to be read by other sites (a partner's "related work").
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  }

  if (ext === '.html') {
    let html = await readFile(file, 'utf8');
    if (site.rewriteHtml) html = site.rewriteHtml(html);
    const body = Buffer.from(html);
    res.setHeader('Content-Security-Policy', site.csp());
    res.setHeader('Content-Length', body.length);
    res.writeHead(200);
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }

  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304);
    res.end();
    return;
  }
  res.setHeader('Content-Length', info.size);
  res.writeHead(200);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(file);
    stream.once('error', fail);
    res.once('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
}

/** The decoded, normalised path of a request URL; undefined when it cannot be a file path. */
function urlPath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://demo.invalid').pathname);
  } catch {
    return undefined;
  }
  // NUL and backslashes have no business in a URL path here; `..` can survive URL parsing as `..%2F`, so it is refused again.
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  if (pathname.split('/').includes('..')) return undefined;
  return pathname;
}

function sendError(site: Site, req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  const titles: Record<number, string> = { 400: 'Bad request', 404: 'Page not found', 405: 'Method not allowed', 500: 'Server error' };
  const title = titles[status] ?? 'Error';
  const home = site.name === 'partner' ? 'the partner page' : 'the Virtual Library';
  const body = Buffer.from(
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${status} ${title}</title>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/">Go to ${home}</a></p>
</main>
</body>
</html>
`,
  );
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Content-Security-Policy': site.csp(),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---------------------------------------------------------------------------
// Command line

function portOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number from 0 to 65535, not "${value}".`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      'partner-port': { type: 'string' },
      'receiver-port': { type: 'string' },
      'no-receiver': { type: 'boolean' },
      host: { type: 'string' },
      dist: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npx tsx scripts/serve-demo.ts [--port 8080] [--partner-port 8081] [--receiver-port 8082] [--no-receiver] [--host 127.0.0.1] [--dist dist] [--quiet]\n' +
        'Environment: PORT, PARTNER_PORT, RECEIVER_PORT, RECEIVER_ADMIN_TOKEN, HOST. Port 0 picks a free port.',
    );
    return;
  }
  const port = portOption(values.port ?? process.env.PORT, '--port / PORT', 8080);
  const partnerPort = portOption(values['partner-port'] ?? process.env.PARTNER_PORT, '--partner-port / PARTNER_PORT', 8081);
  const receiverPort = portOption(values['receiver-port'] ?? process.env.RECEIVER_PORT, '--receiver-port / RECEIVER_PORT', 8082);

  let servers: DemoServers;
  try {
    servers = await startDemoServers({
      port,
      partnerPort,
      receiver: !values['no-receiver'],
      receiverPort,
      receiverAdminToken: process.env.RECEIVER_ADMIN_TOKEN || undefined,
      host: values.host ?? process.env.HOST,
      distDir: values.dist,
      log: !values.quiet,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { port?: number };
    if (e.code === 'EADDRINUSE') {
      console.error(
        `Port ${e.port ?? ''} is already in use. Choose others with --port, --partner-port and --receiver-port (or PORT, PARTNER_PORT and RECEIVER_PORT), or leave the receiver out with --no-receiver.`,
      );
    } else {
      console.error(e.message);
    }
    process.exit(1);
  }

  const bundle = await stat(join(values.dist ?? DIST, 'virtual-library.js')).catch(() => undefined);
  console.log(`Virtual Library demo (Ctrl+C to stop)
  Institute: ${servers.instituteUrl}
  Partner:   ${servers.partnerUrl}`);
  if (servers.receiver) {
    const data = relative(process.cwd(), RECEIVER_DATA) || '.';
    console.log(`  Receiver:  ${servers.receiverUrl} (submissions from both pages; data in ${data})
  Moderate:  npm run submissions -- list        (then: show <id>, approve <id>, reject <id> --note "…")`);
  }
  if (!bundle) console.warn('\n  dist/virtual-library.js is missing: run `npx vite build` first, or the pages show no elements.');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130); // a second Ctrl+C does not wait
    stopping = true;
    console.log(`\n${signal}: stopping the demo servers.`);
    servers.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
