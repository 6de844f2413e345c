import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { api, ApiError, LiveClientMessage, type Invite, type LiveServerMessage, type Role } from '../lib/sync/api';
import { authenticate, bearer, hashToken, newInviteCode, newToken, normalizeInviteCode, type Caller } from './auth';
import type { Database, Queryable } from './db';
import { LiveHub } from './live';
import { pull, push, type PushHooks } from './sync';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

export interface AppOptions {
  db: Database;
  logger?: FastifyServerOptions['logger'];
  /** Requests per minute per address on the routes that create or join teams. */
  authRateLimit?: number;
  pushHooks?: PushHooks;
  /** How long an unauthenticated live socket may stay open. */
  liveAuthTimeoutMs?: number;
  /** Behind a reverse proxy (HTTPS): trust its X-Forwarded-For, so rate limits count each client, not the proxy. */
  trustProxy?: boolean | string;
}

/** Extension pages are the only browser origins the API answers. */
export const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[0-9a-z-]+$/i;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
type InviteRow = { code: string; expires_at: unknown; revoked_at: unknown };
const toInvite = (r: InviteRow): Invite => ({ code: r.code, expiresAt: iso(r.expires_at), revokedAt: r.revoked_at ? iso(r.revoked_at) : null });

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function buildApp(options: AppOptions) {
  const { db } = options;
  const hub = new LiveHub();
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 8 * 1024 * 1024, trustProxy: options.trustProxy ?? false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cors, {
    origin: (origin, done) => done(null, !origin || EXTENSION_ORIGIN.test(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 4096 } });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send({ error: error.code, message: error.message });
    if (hasZodFastifySchemaValidationErrors(error)) {
      const detail = error.validation.slice(0, 5).map((v) => `${v.instancePath || '/'} ${v.message}`).join('; ');
      return reply.status(400).send({ error: 'bad_request', message: `Invalid request: ${detail}` });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error(error);
    const message = status >= 500 ? 'Internal error' : error instanceof Error ? error.message : String(error);
    return reply.status(status).send({ error: status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'bad_request', message });
  });

  const requireCaller = (roles?: Role[]) => async (request: FastifyRequest) => {
    const caller = await authenticate(db, bearer(request.headers.authorization));
    if (!caller) throw new HttpError(401, 'unauthorized', 'Unknown, revoked or missing device token');
    if (roles && !roles.includes(caller.role)) throw new HttpError(403, 'forbidden', 'Only the head of sales may do this');
    request.caller = caller;
  };
  const member = requireCaller();
  const head = requireCaller(['head']);
  const callerOf = (request: FastifyRequest) => request.caller!;
  const authLimit = { rateLimit: { max: options.authRateLimit ?? 20, timeWindow: '1 minute' } };
  const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 410: ApiError, 429: ApiError };

  app.get('/health', { schema: { response: { 200: z.object({ ok: z.literal(true), database: z.string() }) } } }, async () => {
    await db.query('SELECT 1');
    return { ok: true as const, database: db.kind };
  });

  const newDevice = async (tx: Queryable, teamId: string, memberId: string, deviceName: string) => {
    const token = newToken();
    const deviceId = crypto.randomUUID();
    await tx.query('INSERT INTO devices (team_id, id, member_id, name, token_hash) VALUES ($1, $2, $3, $4, $5)', [teamId, deviceId, memberId, deviceName, hashToken(token)]);
    return { token, deviceId };
  };
  const insertInvite = async (tx: Queryable, teamId: string, by: string, ttlHours: number) => {
    const { rows } = await tx.query<InviteRow>(
      `INSERT INTO invites (team_id, code, created_by, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4::int)) RETURNING code, expires_at, revoked_at`,
      [teamId, newInviteCode(), by, ttlHours],
    );
    return toInvite(rows[0]!);
  };

  app.post('/teams', { config: authLimit, schema: { body: api.createTeam.body, response: { 200: api.createTeam.reply, ...errors } } }, async (request) => {
    const { name, managerName, deviceName } = request.body;
    return db.transaction(async (tx) => {
      const teamId = crypto.randomUUID();
      const memberId = crypto.randomUUID();
      await tx.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [teamId, name]);
      await tx.query(`INSERT INTO members (team_id, id, name, role) VALUES ($1, $2, $3, 'head')`, [teamId, memberId, managerName]);
      const device = await newDevice(tx, teamId, memberId, deviceName);
      const invite = await insertInvite(tx, teamId, memberId, 72);
      return { team: { id: teamId, name }, member: { id: memberId, name: managerName, role: 'head' as const }, ...device, invite };
    });
  });

  app.post('/teams/join', { config: authLimit, schema: { body: api.joinTeam.body, response: { 200: api.joinTeam.reply, ...errors } } }, async (request) => {
    const { managerName, deviceName } = request.body;
    const code = normalizeInviteCode(request.body.code);
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ team_id: string; name: string; expired: boolean; revoked_at: unknown }>(
        `SELECT i.team_id, t.name, i.expires_at <= now() AS expired, i.revoked_at FROM invites i JOIN teams t ON t.id = i.team_id WHERE i.code = $1`,
        [code],
      );
      const invite = rows[0];
      if (!invite) throw new HttpError(404, 'invite_unknown', 'No such invite code');
      if (invite.revoked_at) throw new HttpError(410, 'invite_revoked', 'This invite code was revoked');
      if (invite.expired) throw new HttpError(410, 'invite_expired', 'This invite code has expired');
      const memberId = crypto.randomUUID();
      await tx.query(`INSERT INTO members (team_id, id, name, role) VALUES ($1, $2, $3, 'manager')`, [invite.team_id, memberId, managerName]);
      const device = await newDevice(tx, invite.team_id, memberId, deviceName);
      return { team: { id: invite.team_id, name: invite.name }, member: { id: memberId, name: managerName, role: 'manager' as const }, ...device };
    });
  });

  app.get('/team', { preHandler: member, schema: { response: { 200: api.me.reply, ...errors } } }, async (request) => {
    const caller = callerOf(request);
    const team = await db.query<{ id: string; name: string; seq: number }>('SELECT id, name, seq FROM teams WHERE id = $1', [caller.teamId]);
    const members = await db.query<{ id: string; name: string; role: Role }>(
      'SELECT id, name, role FROM members WHERE team_id = $1 AND left_at IS NULL ORDER BY created_at, id',
      [caller.teamId],
    );
    const t = team.rows[0]!;
    return {
      team: { id: t.id, name: t.name },
      member: { id: caller.memberId, name: caller.name, role: caller.role },
      members: members.rows,
      seq: Number(t.seq),
    };
  });

  app.put('/team/me', { preHandler: member, schema: { body: api.rename.body, response: { 200: api.rename.reply, ...errors } } }, async (request) => {
    const caller = callerOf(request);
    await db.query('UPDATE members SET name = $3 WHERE team_id = $1 AND id = $2', [caller.teamId, caller.memberId, request.body.managerName]);
    return { id: caller.memberId, name: request.body.managerName, role: caller.role };
  });

  app.post('/team/invites', { preHandler: head, schema: { body: api.createInvite.body, response: { 200: api.createInvite.reply, ...errors } } }, async (request) => {
    const caller = callerOf(request);
    return insertInvite(db, caller.teamId, caller.memberId, request.body.ttlHours);
  });

  app.get('/team/invites', { preHandler: head, schema: { response: { 200: api.listInvites.reply, ...errors } } }, async (request) => {
    const { rows } = await db.query<InviteRow>('SELECT code, expires_at, revoked_at FROM invites WHERE team_id = $1 ORDER BY created_at DESC', [callerOf(request).teamId]);
    return rows.map(toInvite);
  });

  app.delete('/team/invites/:code', { preHandler: head, schema: { params: api.revokeInvite.params, response: { 200: api.revokeInvite.reply, ...errors } } }, async (request) => {
    const { rows } = await db.query<InviteRow>(
      'UPDATE invites SET revoked_at = coalesce(revoked_at, now()) WHERE team_id = $1 AND code = $2 RETURNING code, expires_at, revoked_at',
      [callerOf(request).teamId, normalizeInviteCode(request.params.code)],
    );
    if (!rows[0]) throw new HttpError(404, 'invite_unknown', 'No such invite code in this team');
    return toInvite(rows[0]);
  });

  app.post('/team/leave', { preHandler: member, schema: { response: { 200: api.leave.reply, ...errors } } }, async (request) => {
    const caller = callerOf(request);
    // This device's token stops working; the member stays in reports by name.
    await db.query('UPDATE devices SET revoked_at = now() WHERE team_id = $1 AND id = $2', [caller.teamId, caller.deviceId]);
    hub.disconnect(caller.teamId, (id) => id === caller.deviceId);
    return { left: true as const };
  });

  app.post('/sync/push', { preHandler: member, schema: { body: api.push.body, response: { 200: api.push.reply, ...errors } } }, async (request) => {
    const caller = callerOf(request);
    const result = await push(db, caller, request.body.changes, options.pushHooks);
    if (result.results.some((r) => !r.duplicate)) hub.notify(caller.teamId, result.seq, caller.deviceId);
    return result;
  });

  app.get('/sync/pull', { preHandler: member, schema: { querystring: api.pull.query, response: { 200: api.pull.reply, ...errors } } }, async (request) => {
    return pull(db, callerOf(request).teamId, request.query.after, request.query.limit);
  });

  app.get('/team/report', { preHandler: head, schema: { response: { 200: api.report.reply, ...errors } } }, async (request) => {
    // Calls by member (their current name identifies them) and outcome, undone calls left out.
    const { rows } = await db.query<{ manager: string | null; outcome: string; calls: number }>(
      `SELECT coalesce(m.name, c.body->'call'->>'manager', '') AS manager, c.body->'call'->>'outcome' AS outcome, count(*)::int AS calls
         FROM changes c LEFT JOIN members m ON m.team_id = c.team_id AND m.id = c.member_id
        WHERE c.team_id = $1 AND c.kind = 'call'
          AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.team_id = c.team_id AND d.kind = 'delete' AND d.body->>'callId' = c.body->'call'->>'id')
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [callerOf(request).teamId],
    );
    return rows.map((r) => ({ manager: r.manager ?? '', outcome: r.outcome, calls: Number(r.calls) }));
  });

  app.get('/live', { websocket: true }, (socket, request) => {
    let leave: (() => void) | undefined;
    const send = (m: LiveServerMessage) => socket.send(JSON.stringify(m));
    const timer = setTimeout(() => socket.close(4401, 'unauthorized'), options.liveAuthTimeoutMs ?? 10_000);
    socket.on('message', async (raw: Buffer) => {
      let message;
      try {
        message = LiveClientMessage.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        return socket.close(4400, 'bad message');
      }
      if (message.type === 'ping') return send({ type: 'pong' });
      if (leave) return;
      const caller = await authenticate(db, message.token).catch(() => undefined);
      clearTimeout(timer);
      if (!caller) return socket.close(4401, 'unauthorized');
      leave = hub.add(caller.teamId, caller.deviceId, socket);
      const { rows } = await db.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [caller.teamId]);
      send({ type: 'ready', seq: Number(rows[0]?.seq ?? 0) });
      request.log.debug({ team: caller.teamId }, 'live channel open');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      leave?.();
    });
  });

  return { app, hub };
}

export type App = Awaited<ReturnType<typeof buildApp>>['app'];
export type { FastifyReply };
