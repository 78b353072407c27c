/**
 * The moderators' JSON endpoints under `/admin`, behind `Authorization:
 * Bearer <token>`. Without a configured token they are not registered at
 * all, so they answer 404 like any unknown address.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Refusal, refuse } from './errors.js';
import type { FileStore } from './files.js';
import { approveSubmission, DecisionError, rejectSubmission, type Decision, type ModerationContext } from './moderation.js';
import { STATUSES, type SubmissionStatus } from './store.js';

export interface AdminRouteOptions {
  token: string;
  moderation: () => ModerationContext;
  files: FileStore;
}

const DECISION_STATUS: Record<DecisionError['code'], number> = {
  not_found: 404,
  already_decided: 409,
  file_missing: 409,
  feed_unreadable: 409,
  feed_invalid: 409,
  publication_not_found: 422,
  publication_ambiguous: 422,
};

/** Compares tokens in constant time (by their hashes, so lengths leak nothing either). */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** What a moderator may add to a decision: `{ note, reason, itemId }`, every one optional. */
function decisionBody(body: unknown): { note?: string; reason?: string; itemId?: string } {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw refuse(400, 'invalid_body', 'Send a JSON object such as {"note": "…"}, or nothing.');
  const out: Record<string, string> = {};
  for (const [field, max] of [['note', 2000], ['reason', 500], ['itemId', 500]] as const) {
    const value = (body as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.length > max) {
      throw new Refusal(400, [{ field, code: 'invalid', message: `"${field}" must be text of at most ${max} characters.` }]);
    }
    out[field] = value;
  }
  return out;
}

function decide(run: () => Decision) {
  try {
    const { record, change } = run();
    return { submission: record, ...(change && { feedItem: change.item, feedChanged: change.changed }) };
  } catch (error) {
    if (error instanceof DecisionError) throw refuse(DECISION_STATUS[error.code], error.code, error.message);
    throw error;
  }
}

/** Registers the `/admin/submissions…` endpoints. */
export function registerAdminRoutes(app: FastifyInstance, options: AdminRouteOptions): void {
  app.register(
    async (admin) => {
      // An empty body is a decision without a note; Fastify's own JSON parser would refuse it.
      admin.removeContentTypeParser('application/json');
      admin.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, text, done) => {
        if (String(text).trim() === '') return done(null, undefined);
        try {
          done(null, JSON.parse(String(text)));
        } catch {
          done(refuse(400, 'invalid_json', 'The body is not valid JSON.'), undefined);
        }
      });

      admin.addHook('onRequest', async (request: FastifyRequest) => {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
        if (!match || !sameToken(match[1]!, options.token)) {
          throw refuse(401, 'unauthorized', 'Give the moderators’ token as "Authorization: Bearer <token>".', { 'WWW-Authenticate': 'Bearer' });
        }
      });

      admin.get('/submissions', async (request) => {
        const { status } = request.query as { status?: string };
        if (status !== undefined && !STATUSES.includes(status as SubmissionStatus)) {
          throw new Refusal(400, [{ field: 'status', code: 'invalid_choice', message: `status must be one of ${STATUSES.join(', ')}.` }]);
        }
        const store = options.moderation().store;
        return { submissions: store.list({ status: status as SubmissionStatus | undefined }), counts: store.counts() };
      });

      admin.get('/submissions/:id', async (request) => {
        const { id } = request.params as { id: string };
        const record = options.moderation().store.get(id);
        if (!record) throw refuse(404, 'not_found', `There is no submission with the id "${id}".`);
        return { submission: record };
      });

      admin.get('/submissions/:id/file', async (request, reply: FastifyReply) => {
        const { id } = request.params as { id: string };
        const record = options.moderation().store.get(id);
        const size = record?.file ? await options.files.sizeOf(record.file.sha256) : undefined;
        if (!record?.file || size === undefined) throw refuse(404, 'not_found', `Submission "${id}" has no PDF.`);
        const name = record.file.name.replace(/[^\w.\- ]+/g, '_').slice(0, 100) || 'submission.pdf';
        reply
          .type('application/pdf')
          .header('Content-Length', size)
          .header('Content-Disposition', `attachment; filename="${name}"`)
          .header('Content-Security-Policy', 'sandbox')
          .header('Cache-Control', 'no-store');
        return reply.send(options.files.read(record.file.sha256));
      });

      admin.post('/submissions/:id/approve', async (request) => {
        const { id } = request.params as { id: string };
        const body = decisionBody(request.body);
        return decide(() => approveSubmission(options.moderation(), id, body));
      });

      admin.post('/submissions/:id/reject', async (request) => {
        const { id } = request.params as { id: string };
        const { note } = decisionBody(request.body);
        return decide(() => rejectSubmission(options.moderation(), id, { note }));
      });
    },
    { prefix: '/admin' },
  );
}
