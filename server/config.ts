/**
 * Where the receiver keeps things, its defaults, and the parsing of the
 * values people type on the command line or put in the environment. Shared
 * by `main.ts` (the service) and `moderate.ts` (the moderation command), so
 * both find the same files.
 */
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');

export const DEFAULT_PORT = 8082;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.data/receiver';
/** The demo's two sites, where `<submit-form>` is shown. */
export const DEFAULT_ORIGINS = ['http://localhost:8080', 'http://localhost:8081'];
/** The feed a new data folder starts from. */
export const SEED_FEED = join(ROOT, 'demo', 'feed.json');
/** Submissions per address: 10 a minute is plenty for people and little for a script. */
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 10, timeWindowMs: 60_000 };

/** How many submissions one client address may send per time window. */
export interface RateLimit {
  max: number;
  timeWindowMs: number;
}

/** The SQLite file in a data folder. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'submissions.sqlite');
}

/** The folder of uploaded PDFs in a data folder. */
export function filesDir(dataDir: string): string {
  return join(dataDir, 'files');
}

/** The feed file a data folder uses unless told otherwise. */
export function defaultFeedFile(dataDir: string): string {
  return join(dataDir, 'feed.json');
}

/** A problem with a value from the command line or the environment. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `8082` → 8082; 0 means "any free port". */
export function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`${name} must be a port number from 0 to 65535, not "${value}".`);
  return port;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `20971520`, `20MB`, `512 KB` → bytes (a KB is 1024 bytes, as in the form's messages). */
export function parseBytes(value: string, name: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new ConfigError(`${name} must be a size such as 20MB, 512KB or a number of bytes, not "${value}".`);
  }
  return Math.floor(Number(match[1]) * unit);
}

const WINDOWS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `10` (a minute), `10/1m`, `100/30s`, `50/1h`; `off` or `0` turns the limit off. */
export function parseRateLimit(value: string, name: string): RateLimit | false {
  if (/^\s*(off|0)\s*$/i.test(value)) return false;
  const match = /^\s*(\d+)\s*(?:\/\s*(\d+)?\s*([smhd]))?\s*$/i.exec(value);
  if (!match || Number(match[1]) < 1) {
    throw new ConfigError(`${name} must be a number of submissions per minute (10), or per window (10/1m, 100/30s, 50/1h), or "off"; not "${value}".`);
  }
  const windowMs = match[3] ? Number(match[2] ?? 1) * WINDOWS[match[3].toLowerCase()]! : 60_000;
  return { max: Number(match[1]), timeWindowMs: windowMs };
}

/** `http://a.example,https://b.example` → the exact origins. A path or a trailing slash is refused, so a typo shows up at start. */
export function parseOrigins(value: string, name: string): string[] {
  const origins = value.split(',').map((part) => part.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(`${name}: "${origin}" is not an origin. Write it as scheme://host[:port], without a path or a trailing slash.`);
    }
  }
  return origins;
}

/** An absolute http(s) address, without a trailing slash. */
export function parsePublicUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) address, not "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) address, not "${value}".`);
  return url.href.replace(/\/+$/, '');
}
