import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { client, eachBackend, startApp, teamOfTwo, urlOf } from './helpers';
import { callChange, companyChange } from './changes';
import { orderingTests } from './ordering';

eachBackend('team server API', (ctx) => {
  orderingTests(ctx);

  it('answers /health and CORS for extension pages, not for web pages', async () => {
    const health = await client(ctx().url).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.ok).toBe(true);
    const fromExtension = await fetch(`${ctx().url}/sync/pull`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(fromExtension.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    const fromFirefox = await client(ctx().url).get('/health', { origin: 'moz-extension://6b1b7a0e-3c1f-4e53-9d4c-2f3c1c9d0a11' });
    expect(fromFirefox.headers.get('access-control-allow-origin')).toBe('moz-extension://6b1b7a0e-3c1f-4e53-9d4c-2f3c1c9d0a11');
    const fromSite = await client(ctx().url).get('/health', { origin: 'https://evil.example' });
    expect(fromSite.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('creates a team whose creator is its head, and lets a manager join with the invite code', async () => {
    const { head, manager } = await teamOfTwo(ctx().url);
    expect(head.member.role).toBe('head');
    expect(manager.member.role).toBe('manager');
    expect(manager.team.id).toBe(head.team.id);
    const me = await client(ctx().url, manager.token).get('/team');
    expect(me.status).toBe(200);
    expect(me.body.members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual(['Анна:head', 'Борис:manager']);
  });

  it('accepts an invite code typed in lower case with spaces, refuses unknown, expired and revoked ones', async () => {
    const { head, code } = await teamOfTwo(ctx().url);
    const typed = await client(ctx().url).post('/teams/join', { code: ` ${code.toLowerCase().replace('-', ' ')} `, managerName: 'Вера' });
    expect(typed.status).toBe(200);
    expect((await client(ctx().url).post('/teams/join', { code: 'ZZZZZ-ZZZZZ', managerName: 'X' })).status).toBe(404);

    const headApi = client(ctx().url, head.token);
    const second = await headApi.post('/team/invites', { ttlHours: 1 });
    expect(second.status).toBe(200);
    const revoked = await headApi.del(`/team/invites/${second.body.code}`);
    expect(revoked.body.revokedAt).not.toBeNull();
    const late = await client(ctx().url).post('/teams/join', { code: second.body.code, managerName: 'X' });
    expect(late.status).toBe(410);
    expect(late.body.error).toBe('invite_revoked');

    const third = await headApi.post('/team/invites', {});
    await ctx().db.query(`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE code = $1`, [third.body.code]);
    const expired = await client(ctx().url).post('/teams/join', { code: third.body.code, managerName: 'X' });
    expect(expired.status).toBe(410);
    expect(expired.body.error).toBe('invite_expired');
    expect((await headApi.get('/team/invites')).body).toHaveLength(3);
  });

  it('stores only a hash of each device token', async () => {
    const { head } = await teamOfTwo(ctx().url);
    const { rows } = await ctx().db.query<{ token_hash: string }>('SELECT token_hash FROM devices WHERE team_id = $1', [head.team.id]);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(head.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(head.token);
  });

  it('answers 401 to a wrong, missing or revoked token, and 403 to a manager doing a head’s work', async () => {
    const { manager } = await teamOfTwo(ctx().url);
    expect((await client(ctx().url, 'cmt_wrong').get('/sync/pull')).status).toBe(401);
    expect((await client(ctx().url).get('/team')).status).toBe(401);
    expect((await client(ctx().url, manager.token).post('/team/invites', {})).status).toBe(403);
    expect((await client(ctx().url, manager.token).get('/team/report')).status).toBe(403);
    expect((await client(ctx().url, manager.token).post('/team/leave')).status).toBe(200);
    const after = await client(ctx().url, manager.token).post('/sync/push', { changes: [companyChange()] });
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('unauthorized');
  });

  it('refuses a malformed change with a 400 that says where, and stores nothing of the batch', async () => {
    const { head } = await teamOfTwo(ctx().url);
    const api = client(ctx().url, head.token);
    const bad = await api.post('/sync/push', { changes: [companyChange(), { ...callChange(crypto.randomUUID()), hlc: 'yesterday' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/hlc/);
    expect((await api.get('/sync/pull')).body.changes).toEqual([]);
  });

  it('push is idempotent by change id, and pull pages through the team’s sequence', async () => {
    const { head, manager } = await teamOfTwo(ctx().url);
    const company = companyChange();
    const calls = Array.from({ length: 24 }, () => callChange(company.companyId));
    const first = await client(ctx().url, head.token).post('/sync/push', { changes: [company, ...calls.slice(0, 10)] });
    expect(first.status).toBe(200);
    expect(first.body.seq).toBe(11);
    const again = await client(ctx().url, head.token).post('/sync/push', { changes: [...calls.slice(5)] });
    expect(again.body.results.slice(0, 5).map((r: { duplicate: boolean; seq: number }) => [r.duplicate, r.seq])).toEqual([
      [true, 7], [true, 8], [true, 9], [true, 10], [true, 11],
    ]);
    expect(again.body.seq).toBe(25);

    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = await client(ctx().url, manager.token).get(`/sync/pull?after=${after}&limit=10`);
      expect(page.status).toBe(200);
      seen.push(...page.body.changes.map((c: { seq: number }) => c.seq));
      after = page.body.changes.at(-1)?.seq ?? after;
      if (!page.body.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const ids = new Set((await client(ctx().url, manager.token).get('/sync/pull?limit=1000')).body.changes.map((c: { change: { id: string } }) => c.change.id));
    expect(ids.size).toBe(25);
  });

  it('merges a company two managers created from the same listing into the one the server had first', async () => {
    const { head, manager } = await teamOfTwo(ctx().url);
    const mine = companyChange({ siteKey: '2gis:4504127908538124', name: 'Кампус' });
    const theirs = companyChange({ siteKey: '2gis:4504127908538124', name: 'Кампус, кафе-бар' });
    const byInn = companyChange({ inn: '7707083893' });
    const byInnToo = companyChange({ inn: '7707083893' });
    const unrelated = companyChange({ phone: '+74951112233' });
    await client(ctx().url, head.token).post('/sync/push', { changes: [mine, byInn, unrelated] });
    const pushed = await client(ctx().url, manager.token).post('/sync/push', { changes: [theirs, byInnToo] });
    expect(pushed.body.seq).toBe(7);
    const pulled = await client(ctx().url, head.token).get('/sync/pull?after=3');
    const merges = pulled.body.changes.map((c: { change: { kind: string; companyId: string; into?: string } }) => c.change).filter((c: { kind: string }) => c.kind === 'merge');
    expect(merges.map((m: { companyId: string; into: string }) => [m.companyId, m.into])).toEqual([
      [theirs.companyId, mine.companyId],
      [byInnToo.companyId, byInn.companyId],
    ]);
  });

  it('keeps every team’s data out of every other team’s reach', async () => {
    const a = await teamOfTwo(ctx().url, 'A');
    const b = await teamOfTwo(ctx().url, 'B');
    const secret = companyChange({ siteKey: '2gis:1', name: 'Секрет' });
    const secretCall = callChange(secret.companyId, 'closed');
    await client(ctx().url, b.head.token).post('/sync/push', { changes: [secret, secretCall] });
    const aApi = client(ctx().url, a.head.token);

    // Pull, team, invites and report show only A's own.
    expect((await aApi.get('/sync/pull')).body).toEqual({ changes: [], hasMore: false, seq: 0 });
    const team = (await aApi.get('/team')).body;
    expect(team.members.map((m: { name: string }) => m.name)).toEqual(['Анна', 'Борис']);
    expect(team.team.name).toBe('A');
    expect((await aApi.get('/team/invites')).body.map((i: { code: string }) => i.code)).toEqual([a.code]);
    expect((await aApi.get('/team/report')).body).toEqual([]);
    // B's invite cannot be revoked from A.
    expect((await aApi.del(`/team/invites/${b.code}`)).status).toBe(404);
    // A company of A's with the same listing key stays A's own: no merge with B's.
    const own = await aApi.post('/sync/push', { changes: [companyChange({ siteKey: '2gis:1' })] });
    expect(own.body.seq).toBe(1);
    // Replaying B's change id from A writes into A only and does not count as B's.
    const replay = await aApi.post('/sync/push', { changes: [secretCall] });
    expect(replay.body.results[0].duplicate).toBe(false);
    const bPull = await client(ctx().url, b.head.token).get('/sync/pull');
    expect(bPull.body.seq).toBe(2);
    expect(bPull.body.changes).toHaveLength(2);
  });

  it('reports calls by manager to the head, undone calls left out', async () => {
    const { head, manager } = await teamOfTwo(ctx().url);
    const company = companyChange();
    const undone = callChange(company.companyId, 'refused');
    await client(ctx().url, head.token).post('/sync/push', { changes: [company, callChange(company.companyId, 'closed'), undone] });
    await client(ctx().url, manager.token).post('/sync/push', {
      changes: [callChange(company.companyId, 'refused'), { kind: 'delete', id: crypto.randomUUID(), hlc: undone.hlc.replace(/^(\d{15})/, '999999999999999'), companyId: company.companyId, callId: undone.call.id }],
    });
    const report = await client(ctx().url, head.token).get('/team/report');
    expect(report.body).toEqual([
      { manager: 'Анна', outcome: 'closed', calls: 1 },
      { manager: 'Борис', outcome: 'refused', calls: 1 },
    ]);
  });

  it('tells the team’s other open live channels that the team changed, and no other team', async () => {
    const a = await teamOfTwo(ctx().url, 'A');
    const b = await teamOfTwo(ctx().url, 'B');
    const open = (token: string) =>
      new Promise<{ socket: WebSocket; messages: Array<{ type: string; seq?: number }> }>((resolve, reject) => {
        const socket = new WebSocket(`${ctx().url.replace('http', 'ws')}/live`);
        const messages: Array<{ type: string; seq?: number }> = [];
        socket.on('message', (raw) => {
          const m = JSON.parse(String(raw));
          messages.push(m);
          if (m.type === 'ready') resolve({ socket, messages });
        });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
        socket.on('error', reject);
      });
    const managerA = await open(a.manager.token);
    const headB = await open(b.head.token);
    const headA = await open(a.head.token);
    const company = companyChange();
    await client(ctx().url, a.head.token).post('/sync/push', { changes: [company] });
    await expect.poll(() => managerA.messages.find((m) => m.type === 'changed')).toEqual({ type: 'changed', seq: 1 });
    headA.socket.send(JSON.stringify({ type: 'ping' }));
    await expect.poll(() => headA.messages.some((m) => m.type === 'pong')).toBe(true);
    expect(headA.messages.some((m) => m.type === 'changed')).toBe(false); // the sender's own device
    expect(headB.messages.some((m) => m.type === 'changed')).toBe(false);

    const closed = new Promise<number>((resolve) => {
      const socket = new WebSocket(`${ctx().url.replace('http', 'ws')}/live`);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: 'cmt_wrong' })));
      socket.on('close', (code) => resolve(code));
    });
    expect(await closed).toBe(4401);
    for (const s of [managerA, headB, headA]) s.socket.close();
  });

  it('behind a reverse proxy (TRUST_PROXY), counts the rate limit per client address, not per proxy', async () => {
    const app = await startApp(ctx().db, { authRateLimit: 2, trustProxy: true });
    try {
      const join = (from: string) =>
        fetch(`${urlOf(app)}/teams/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
          body: JSON.stringify({ code: 'AAAAA-AAAAA', managerName: 'X' }),
        }).then((r) => r.status);
      const statuses = [await join('203.0.113.1'), await join('203.0.113.1'), await join('203.0.113.1'), await join('203.0.113.2')];
      expect(statuses).toEqual([404, 404, 429, 404]);
    } finally {
      await app.close();
    }
  });

  it('limits the rate of team creation and joining per address', async () => {
    const app = await startApp(ctx().db, { authRateLimit: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await client(urlOf(app)).post('/teams/join', { code: 'AAAAA-AAAAA', managerName: 'X' })).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      expect((await client(urlOf(app)).get('/health')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
