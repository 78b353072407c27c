/**
 * The reference receiver for `<submit-form>`: a Fastify service that stores
 * submissions (SQLite and a folder of PDFs), serves the PDFs of approved
 * contributions, and lets moderators decide through token-protected JSON
 * endpoints. `server/README.md` documents the HTTP contract.
 */
import { copyFileSync, constants, existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { DEFAULT_MAX_FILE_BYTES, IDEMPOTENCY_HEADER } from '../src/submission/schema.js';
import { registerAdminRoutes } from './admin.js';
import { ConfigError, DEFAULT_ORIGINS, DEFAULT_RATE_LIMIT, SEED_FEED, databaseFile, defaultFeedFile, filesDir, type RateLimit } from './config.js';
import { errorBody, Refusal, refuse } from './errors.js';
import { FileStore, SHA256_HEX } from './files.js';
import { closeGentlyAfterAnswer, hasUnreadBody } from './linger.js';
import type { ModerationContext } from './moderation.js';
import { SubmissionStore } from './store.js';
import { registerSubmissionRoute, REPLAYED_HEADER, type VerifyHook } from './submit.js';

export type { VerifyHook, VerifyInput, VerifyVerdict } from './submit.js';

export interface ReceiverOptions {
  /** Folder of the database (`submissions.sqlite`) and the PDFs (`files/`). Created when missing. */
  dataDir: string;
  /** The feed file approvals change. Default `<dataDir>/feed.json`. */
  feedFile?: string;
  /** Copied to `feedFile` when that does not exist yet. Default: the demo's `demo/feed.json`; `null` to start without one. */
  seedFeed?: string | null;
  /** Origins whose pages may send submissions (exact, such as `https://www.example.org`). Requests without an Origin header are always accepted. */
  origins?: readonly string[];
  /** The receiver's address as the public reaches it, for PDF links in the feed. Default: the address it listens on. */
  publicUrl?: string;
  /** Largest accepted PDF. Default 20 MB. */
  maxFileBytes?: number;
  /** Submissions per client address and time window, or `false` for no limit. Default 10 a minute. */
  rateLimit?: RateLimit | false;
  /** The moderators' bearer token. Without one, the `/admin` endpoints do not exist. */
  adminToken?: string;
  /**
   * A hook where a host verifies a CAPTCHA token (or anything else) before a
   * submission is stored. It sees every field as sent, so a widget's field
   * (`cf-turnstile-response`, `h-captcha-response`) is there. See `VerifyHook`.
   */
  verify?: VerifyHook;
  /** Behind a reverse proxy: take the client address from `X-Forwarded-For`, trusting this many proxies (a number) or these addresses (a comma-separated string). Default false. */
  trustProxy?: boolean | number | string;
  /** Fastify's request log. Default false. */
  logger?: boolean;
}

/** The shortest moderators' token accepted: the admin endpoints can approve into the public feed. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** Fastify takes a hop count as a function: trust the nearest `hops` proxies, and no address beyond them. */
function trustedProxies(setting: ReceiverOptions['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting ?? false;
}

/** The receiver's own parts, for tests and the demo. */
export interface ReceiverParts {
  store: SubmissionStore;
  files: FileStore;
  feedFile: string;
  /** The public address, known once the server listens. */
  publicUrl(): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    receiver: ReceiverParts;
  }
}

/** The address a listening server is reached at; loopback hosts become `localhost`, as the demo pages name them. */
export function addressUrl(address: AddressInfo | string | null, loopbackName = '127.0.0.1'): string {
  if (!address || typeof address === 'string') throw new Error('The receiver is not listening on a TCP port.');
  const loopback = address.address === '127.0.0.1' || address.address === '::1' || address.address === '::' || address.address === '0.0.0.0';
  const host = loopback ? loopbackName : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Builds the receiver (not yet listening). Opens the database and the files
 * folder, and seeds the feed file when it is missing.
 */
export function buildReceiver(options: ReceiverOptions): FastifyInstance {
  if (options.adminToken !== undefined && options.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new ConfigError(`The moderators' token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long, so that it cannot be guessed; make one with: openssl rand -hex 24`);
  }
  const dataDir = resolve(options.dataDir);
  const feedFile = resolve(options.feedFile ?? defaultFeedFile(dataDir));
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const origins = options.origins ?? DEFAULT_ORIGINS;
  seedFeedFile(feedFile, options.seedFeed === undefined ? SEED_FEED : options.seedFeed);

  const store = new SubmissionStore(databaseFile(dataDir));
  const files = new FileStore(filesDir(dataDir), { sweep: true });
  const app = Fastify({ logger: options.logger ?? false, trustProxy: trustedProxies(options.trustProxy), requestTimeout: 5 * 60_000 });
  const publicUrl = () => options.publicUrl?.replace(/\/+$/, '') ?? addressUrl(app.server.address(), 'localhost');
  const moderation = (): ModerationContext => ({ store, files, feedFile, publicUrl: publicUrl() });
  app.decorate('receiver', { store, files, feedFile, publicUrl });

  app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Content-Type', 'Accept', IDEMPOTENCY_HEADER],
    exposedHeaders: [REPLAYED_HEADER, 'Retry-After'],
    maxAge: 600,
  });
  app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      refuse(429, 'rate_limited', `Too many submissions from your address. Please wait ${context.after} and send the form again.`),
  });
  // Size overruns are noticed by FileStore.receive as they happen, not after the part.
  app.register(multipart, { throwFileSizeLimit: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => {
    done(null, new URLSearchParams(String(body)));
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    // Answered before the body was read (a refusal): close, rather than read the rest of an upload nobody wants.
    if (hasUnreadBody(request)) closeGentlyAfterAnswer(request, reply);
  });
  app.setErrorHandler((error: FastifyError | Refusal, request, reply) => {
    if (error instanceof Refusal) {
      return reply.code(error.status).headers(error.headers).send(errorBody(error.errors));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error(error);
      if (!options.logger) console.error(`[receiver] ${request.method} ${request.url}:`, error);
      return reply.code(500).send(errorBody([{ field: null, code: 'server_error', message: 'Something went wrong on our side, and nothing was stored. Please try again in a few minutes.' }]));
    }
    const known: Record<number, [string, string]> = {
      413: ['too_large', 'The request is larger than this address accepts.'],
      415: ['unsupported_media_type', 'This address does not accept that kind of content.'],
    };
    const [code, message] = known[status] ?? ['bad_request', 'The request could not be read.'];
    return reply.code(status).send(errorBody([{ field: null, code, message }]));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody([{ field: null, code: 'not_found', message: `Nothing is published at ${request.url.split('?')[0]}.` }]));
  });

  app.register(async (routes) => {
    registerSubmissionRoute(routes, {
      store,
      files,
      origins,
      maxFileBytes,
      rateLimit: options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit,
      verify: options.verify,
    });
    registerPublicFiles(routes, store, files);
    if (options.adminToken) registerAdminRoutes(routes, { token: options.adminToken, moderation, files });
  });

  app.addHook('onListen', async () => {
    store.setSetting('public_url', publicUrl());
  });
  app.addHook('onClose', async () => store.close());
  return app;
}

/**
 * `GET /files/<sha256>.pdf`: the PDF of an approved contribution, for anyone
 * and from any origin (the in-page reader fetches it). Never HTML: it is
 * sent as `application/pdf`, not sniffed, sandboxed. Files of submissions not
 * (or no longer) approved are 404.
 */
function registerPublicFiles(app: FastifyInstance, store: SubmissionStore, files: FileStore): void {
  app.get('/files/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const sha256 = name.endsWith('.pdf') ? name.slice(0, -4) : '';
    const size = SHA256_HEX.test(sha256) && store.isPublicFile(sha256) ? await files.sizeOf(sha256) : undefined;
    if (size === undefined) throw refuse(404, 'not_found', `Nothing is published at /files/${name}.`);
    reply
      .type('application/pdf')
      .header('Access-Control-Allow-Origin', '*')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Content-Security-Policy', 'sandbox')
      .header('Cache-Control', 'public, max-age=3600')
      .header('ETag', `"${sha256}"`);
    if (request.headers['if-none-match'] === `"${sha256}"`) return reply.code(304).send();
    reply.header('Content-Length', size);
    return reply.send(files.read(sha256));
  });
}

function seedFeedFile(feedFile: string, seed: string | null): void {
  if (existsSync(feedFile) || seed === null) return;
  mkdirSync(dirname(feedFile), { recursive: true });
  try {
    copyFileSync(seed, feedFile, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** A running receiver. */
export interface RunningReceiver {
  /** Where to send requests, such as `http://127.0.0.1:8082`. */
  url: string;
  /** The public address used in the feed, such as `http://localhost:8082`. */
  publicUrl: string;
  app: FastifyInstance;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Builds the receiver and starts listening (port 0 picks a free port). */
export async function startReceiver(options: ReceiverOptions & { port?: number; host?: string }): Promise<RunningReceiver> {
  const app = buildReceiver(options);
  try {
    await app.listen({ port: options.port ?? 8082, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    url: addressUrl(app.server.address()),
    publicUrl: app.receiver.publicUrl(),
    app,
    close: () => app.close(),
  };
}
