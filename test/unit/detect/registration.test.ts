import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { disableSite, enableSite, GENERIC_SCRIPT_FILE, normalizeHost, originsFor, registeredSites } from '../../../lib/detect/registration';
import { loadSettings, saveSettings } from '../../../lib/store/settings';

type Script = { id: string; matches?: string[]; js?: string[]; runAt?: string; persistAcrossSessions?: boolean };

/** An in-memory scripting API and a set of granted origins. */
function fakeScripting() {
  const scripts = new Map<string, Script>();
  const granted = new Set<string>();
  const b = fakeBrowser as unknown as {
    scripting: Record<string, (...a: never[]) => unknown>;
    permissions: Record<string, (...a: never[]) => unknown>;
  };
  b.permissions.contains = (async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o))) as never;
  b.scripting.getRegisteredContentScripts = (async (filter?: { ids?: string[] }) =>
    [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id))) as never;
  b.scripting.registerContentScripts = (async (list: Script[]) => {
    for (const s of list) {
      if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      scripts.set(s.id, s);
    }
  }) as never;
  b.scripting.updateContentScripts = (async (list: Script[]) => {
    for (const s of list) scripts.set(s.id, { ...scripts.get(s.id)!, ...s });
  }) as never;
  b.scripting.unregisterContentScripts = (async ({ ids }: { ids: string[] }) => ids.forEach((id) => scripts.delete(id))) as never;
  return { scripts, grant: (host: string) => originsFor(host).forEach((o) => granted.add(o)) };
}

describe('sites the user turned on', () => {
  let f: ReturnType<typeof fakeScripting>;
  beforeEach(() => {
    f = fakeScripting();
  });

  it('normalises hosts and gives the host and its subdomains as origins', () => {
    expect(normalizeHost(' https://WWW.Example.com/path ')).toBe('example.com');
    expect(normalizeHost('orgpage.ru.')).toBe('orgpage.ru');
    expect(normalizeHost('not a host')).toBeNull();
    expect(originsFor('www.orgpage.ru')).toEqual(['*://orgpage.ru/*', '*://*.orgpage.ru/*']);
  });

  it('enabling registers the built generic script for the granted host, and remembers it in settings', async () => {
    f.grant('orgpage.ru');
    await saveSettings({ disabledSites: ['orgpage.ru'] });
    await enableSite('www.orgpage.ru');
    const script = f.scripts.get('callmark-generic')!;
    expect(script.js).toEqual([GENERIC_SCRIPT_FILE]);
    expect(script.matches).toEqual(['*://orgpage.ru/*', '*://*.orgpage.ru/*']);
    expect(script.persistAcrossSessions).toBe(true);
    expect((await loadSettings()).extraSites).toEqual(['orgpage.ru']);
    expect((await loadSettings()).disabledSites).toEqual([]);
    expect(await registeredSites()).toEqual(['orgpage.ru']);
  });

  it('a second site updates the one registration; disabling the last removes it', async () => {
    f.grant('orgpage.ru');
    f.grant('flamp.ru');
    await enableSite('orgpage.ru');
    await enableSite('flamp.ru');
    expect(f.scripts.size).toBe(1);
    expect(await registeredSites()).toEqual(['orgpage.ru', 'flamp.ru']);
    await disableSite('orgpage.ru');
    expect(await registeredSites()).toEqual(['flamp.ru']);
    await disableSite('flamp.ru');
    expect(f.scripts.size).toBe(0);
    expect((await loadSettings()).extraSites).toEqual([]);
  });

  it('a host without the permission is remembered but not registered', async () => {
    await enableSite('orgpage.ru');
    expect(f.scripts.size).toBe(0);
    expect((await loadSettings()).extraSites).toEqual(['orgpage.ru']);
  });

  it('refuses what is not a host', async () => {
    await expect(enableSite('::')).rejects.toThrow(/not a site/);
  });
});
