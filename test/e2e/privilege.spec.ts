import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR, expect, routePage, test } from './fixtures';
import { LIST_URL, firms, listPage, menu, openMenu, badgeOf } from './overlay-helpers';

/**
 * Least privilege (issue 11): host permissions only for the supported
 * directories, a strict extension CSP, nobody outside may message the
 * background, and a full session makes no network request at all.
 */

const manifest = () => JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;

test('the manifest asks for the directories only, forbids remote code and eval, and lets nobody outside connect', () => {
  const m = manifest();
  expect(m.host_permissions ?? []).toEqual([]);
  const matches = (m.content_scripts as Array<{ matches: string[] }>).flatMap((c) => c.matches);
  expect(matches.length).toBeGreaterThan(10);
  for (const pattern of matches) expect(pattern).not.toMatch(/^(<all_urls>|\*:\/\/\*\/\*|https?:\/\/\*\/\*)$/);
  // Any other site is asked for when the user turns it on.
  expect(m.optional_host_permissions).toEqual(['*://*/*']);
  const csp = (m.content_security_policy as { extension_pages: string }).extension_pages;
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  expect(m.externally_connectable).toEqual({ ids: [] });
});

test('a full session (overlay, logging a call, popup, options) makes no network request', async ({ context, serviceWorker, openExtensionPage }) => {
  const requests: string[] = [];
  const note = (url: string) => {
    if (!url.startsWith('chrome-extension://') && !url.startsWith('data:') && !url.startsWith(LIST_URL)) requests.push(url);
  };
  context.on('request', (r) => note(r.url()));
  serviceWorker.on('request' as never, (r: { url(): string }) => note(r.url()));
  await routePage(context, 'https://2gis.ru/**', listPage(firms(5)));

  const page = await context.newPage();
  await page.goto(LIST_URL);
  await expect(page.locator('callmark-badge')).toHaveCount(5);
  const m = await openMenu(page, 'Кафе №2');
  await m.locator('[data-outcome="interested"]').click();
  await expect(menu(page)).toHaveCount(0);
  await expect(badgeOf(page, 'Кафе №2')).toHaveAttribute('data-status', 'interested');
  await badgeOf(page, 'Кафе №3').hover();

  const popup = await openExtensionPage('popup.html');
  await expect(popup.locator('body')).not.toBeEmpty();
  const options = await openExtensionPage('options.html');
  await expect(options.locator('body')).not.toBeEmpty();
  await options.waitForTimeout(2000);
  expect(requests).toEqual([]);
});

test('a directory page cannot message the background by its id', async ({ context, extensionId }) => {
  // externally_connectable lets no page and no other extension in, and nothing listens to onMessageExternal.
  const page = await context.newPage();
  await routePage(context, 'https://2gis.ru/**', listPage(firms(1)));
  await page.goto(LIST_URL);
  const fromPage = await page.evaluate(async (id) => {
    const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
    if (!runtime?.sendMessage) return 'no runtime';
    try {
      return await runtime.sendMessage(id, { type: 'search', payload: { query: '' } });
    } catch (error) {
      return `refused: ${String(error)}`;
    }
  }, extensionId);
  expect(fromPage === 'no runtime' || String(fromPage).startsWith('refused')).toBe(true);
});
