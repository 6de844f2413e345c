import { z } from 'zod';
import { Change, SyncedChange } from './changes';

/** The team server's HTTP API: the same schemas validate the server's routes and the extension's client. */
export const ROLES = ['head', 'manager'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_PAGE = 1000;

const ManagerName = z.string().trim().max(200);
const DeviceName = z.string().trim().max(200).default('');

export const Team = z.object({ id: z.uuid(), name: z.string() });
export const Member = z.object({ id: z.uuid(), name: z.string(), role: Role });
export const Invite = z.object({ code: z.string(), expiresAt: z.iso.datetime({ offset: true }), revokedAt: z.iso.datetime({ offset: true }).nullable() });
export type Invite = z.infer<typeof Invite>;

/** What a device gets when it creates or joins a team: the token is shown once and stored only as a hash. */
export const Session = z.object({ team: Team, member: Member, deviceId: z.uuid(), token: z.string() });
export type Session = z.infer<typeof Session>;

export const api = {
  createTeam: {
    body: z.object({ name: z.string().trim().min(1).max(200), managerName: ManagerName, deviceName: DeviceName }),
    reply: Session.extend({ invite: Invite }),
  },
  joinTeam: {
    body: z.object({ code: z.string().trim().min(4).max(64), managerName: ManagerName, deviceName: DeviceName }),
    reply: Session,
  },
  me: { reply: z.object({ team: Team, member: Member, members: z.array(Member), seq: z.number().int().nonnegative() }) },
  createInvite: {
    body: z.object({ ttlHours: z.number().int().min(1).max(24 * 90).default(72) }),
    reply: Invite,
  },
  listInvites: { reply: z.array(Invite) },
  revokeInvite: { params: z.object({ code: z.string().max(64) }), reply: Invite },
  rename: { body: z.object({ managerName: ManagerName }), reply: Member },
  leave: { reply: z.object({ left: z.literal(true) }) },
  push: {
    body: z.object({ changes: z.array(Change).min(1).max(MAX_PUSH_BATCH) }),
    reply: z.object({
      /** The sequence number of every change, in the order sent; a duplicate gets its first number. */
      results: z.array(z.object({ id: z.uuid(), seq: z.number().int().positive(), duplicate: z.boolean() })),
      /** The team's sequence after this push: a pull from a replica must have reached it. */
      seq: z.number().int().nonnegative(),
    }),
  },
  pull: {
    query: z.object({
      after: z.coerce.number().int().nonnegative().default(0),
      limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(500),
    }),
    reply: z.object({ changes: z.array(SyncedChange), hasMore: z.boolean(), seq: z.number().int().nonnegative() }),
  },
  report: {
    reply: z.array(z.object({ manager: z.string(), outcome: z.string(), calls: z.number().int().nonnegative() })),
  },
} as const;

export const ApiError = z.object({ error: z.string(), message: z.string() });

/** Messages on the live channel (WebSocket). The client authenticates first, then only listens. */
export const LiveClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().max(200) }),
  z.object({ type: z.literal('ping') }),
]);
export const LiveServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('changed'), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong') }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;
