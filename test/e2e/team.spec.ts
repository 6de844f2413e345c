import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, launchWithExtension, routePage, test } from './fixtures';
import { badgeOf, firms, LIST_URL, listPage, openMenu, saveSettings } from './overlay-helpers';

/**
 * Two browser profiles on one team server (PGlite in a temporary folder,
 * 127.0.0.1 on a random port): A creates the team, B joins with its code;
 * A's "closed" reaches B's badge with no reload; B's offline calls catch up.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('listening') && resolve());
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return child;
}
const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function profile(name: string): Promise<{ context: BrowserContext; worker: Worker; id: string }> {
  const context = await launchWithExtension();
  await context.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => (route.request().resourceType() === 'document' ? route.fallback() : route.abort()));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await saveSettings(worker, { managerName: name });
  return { context, worker, id: new URL(worker.url()).host };
}

const optionsPage = async (p: { context: BrowserContext; id: string }): Promise<Page> => {
  const page = await p.context.newPage();
  await page.goto(`chrome-extension://${p.id}/options.html#team`);
  return page;
};

test('two managers share one base: a teammate’s "closed" shows on the badge within 5 s, offline calls catch up', async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'callmark-e2e-server-'));
  let server = await startServer(port, dataDir);
  const a = await profile('Анна');
  const b = await profile('Борис');
  const list = firms(3);
  try {
    for (const p of [a, b]) await routePage(p.context, 'https://2gis.ru/**', listPage(list));

    // A creates the team.
    const aOptions = await optionsPage(a);
    await aOptions.getByTestId('team-server-url').fill(`http://127.0.0.1:${port}`);
    await aOptions.getByTestId('team-create-name').fill('Отдел продаж');
    await aOptions.getByTestId('team-create').click();
    const code = (await aOptions.getByTestId('team-invite-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expect(aOptions.getByTestId('team-status')).toContainText('Last sync');

    // B joins with the code.
    const bOptions = await optionsPage(b);
    await bOptions.getByTestId('team-server-url').fill(`http://127.0.0.1:${port}`);
    await bOptions.getByTestId('team-join-code').fill(code.toLowerCase());
    await bOptions.getByTestId('team-join').click();
    await expect(bOptions.getByTestId('team-status')).toContainText('Last sync');
    await expect(bOptions.getByText('Отдел продаж')).toBeVisible();

    // B has the directory page open; A logs "closed" on the same listing.
    const bPage = await b.context.newPage();
    await bPage.goto(LIST_URL);
    await expect(badgeOf(bPage, list[0]!.name)).toHaveAttribute('data-status', 'new');
    const aPage = await a.context.newPage();
    await aPage.goto(LIST_URL);
    const m = await openMenu(aPage, list[0]!.name);
    await m.locator('[data-outcome="closed"]').click();
    await expect(badgeOf(aPage, list[0]!.name)).toHaveAttribute('data-status', 'closed');
    await expect(badgeOf(bPage, list[0]!.name)).toHaveAttribute('data-status', 'closed', { timeout: 5000 });

    // B works offline: the server is down; B's calls stay local, then catch up.
    await stopServer(server);
    const m2 = await openMenu(bPage, list[1]!.name);
    await m2.locator('[data-outcome="refused"]').click();
    await m2.locator('[data-reason="дорого"]').click();
    await m2.locator('[data-action="save"]').click();
    await expect(badgeOf(bPage, list[1]!.name)).toHaveAttribute('data-status', 'refused');
    await bOptions.getByTestId('team-sync-now').click();
    await expect(bOptions.getByTestId('team-status')).toContainText('cannot be reached');
    await expect(bOptions.getByTestId('team-status')).toContainText('waiting to be sent');

    server = await startServer(port, dataDir);
    await bOptions.getByTestId('team-sync-now').click();
    await expect(bOptions.getByTestId('team-status')).not.toContainText('waiting to be sent');
    await aOptions.getByTestId('team-sync-now').click();
    await expect(badgeOf(aPage, list[1]!.name)).toHaveAttribute('data-status', 'refused', { timeout: 10_000 });
    // Nothing doubled: A sees B's one call, once.
    const counts = await a.worker.evaluate(async () => {
      const hooks = (globalThis as unknown as { callmarkTest: { database(): Promise<{ getAll(s: string): Promise<Array<{ outcome: string }>> }> } }).callmarkTest;
      const calls = await (await hooks.database()).getAll('calls');
      return calls.map((c) => c.outcome).sort();
    });
    expect(counts).toEqual(['closed', 'refused']);
  } finally {
    await a.context.close();
    await b.context.close();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
