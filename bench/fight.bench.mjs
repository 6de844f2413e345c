// CPU on a page that fights back (issue 11): the hostile 2GIS-like page
// (test/fixtures/hostile/) redraws its whole list in a new order every 500 ms
// and removes every badge every 300 ms, for a minute. The page's main thread
// is measured with CDP Performance.getMetrics (TaskDuration, ScriptDuration,
// RecalcStyleDuration, LayoutDuration: the renderer's main thread, where the
// content script runs too), from the first second of fighting to the 61st.
// Floor, in the same run: the same page for the same minute with Callmark
// switched off for the site (the page's own work). The release build is
// measured; the test build beside it gives the overlay's own counters
// (redraws, lookups, quick returns). BENCH_FIGHT_SECONDS shortens it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, openExtension, root } from './harness.mjs';

export const name = 'fight';

const SECONDS = Number(process.env.BENCH_FIGHT_SECONDS ?? 60);
const URL = 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5';
const fixture = (f) => readFileSync(path.join(root, 'test/fixtures/hostile', f), 'utf8');
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const METRICS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value]));
}

async function fight(dir, { off }) {
  const ext = await openExtension(dir);
  try {
    await ext.seed([{ directory: '2gis', name: 'Фирма 1', phones: [], siteId: '70000001100000001', url: 'https://2gis.ru/moscow/firm/70000001100000001' }]);
    if (off) await ext.disable(['2gis.ru']);
    const html = fixture('2gis-hostile.html').replace('<!--PATCHES-->', fixture('fight.html'));
    await ext.context.route('https://2gis.ru/**', (route) =>
      route.request().resourceType() === 'document' ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort(),
    );
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(URL);
    await page.waitForTimeout(1000);
    const before = await metrics(cdp);
    const t0 = Date.now();
    await page.waitForTimeout(SECONDS * 1000);
    const after = await metrics(cdp);
    const wall = (Date.now() - t0) / 1000;
    const fightStats = await page.evaluate(() => window.__fight);
    const stats = await page.locator('html').getAttribute('data-callmark-stats');
    // Left alone, the page shows its badges again.
    await page.evaluate(() => window.__stopFight());
    await page.waitForTimeout(2000);
    const badges = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('callmark-badge')).length);
    const used = Object.fromEntries(METRICS.map((m) => [m, after[m] - before[m]]));
    return {
      seconds: round(wall),
      mainThreadBusyPercent: round((100 * used.TaskDuration) / wall),
      scriptSeconds: round(used.ScriptDuration, 2),
      styleSeconds: round(used.RecalcStyleDuration, 2),
      layoutSeconds: round(used.LayoutDuration, 2),
      taskSeconds: round(used.TaskDuration, 2),
      pageRerenders: fightStats.rerenders,
      badgesRemovedByPage: fightStats.removed,
      badgesTwoSecondsAfterTheFight: badges,
      ...(stats ? { overlay: JSON.parse(stats) } : {}),
    };
  } finally {
    await ext.close();
  }
}

export default async function run() {
  const release = ensureBuilt();
  const test = ensureBuilt({ test: true });
  const off = await fight(release, { off: true });
  const on = await fight(release, { off: false });
  const hooks = await fight(test, { off: false });
  return {
    seconds: SECONDS,
    callmarkOff: off,
    release: on,
    testBuild: hooks,
    ours: {
      mainThreadBusyPercent: round(on.mainThreadBusyPercent - off.mainThreadBusyPercent),
      taskSecondsPerMinute: round(((on.taskSeconds - off.taskSeconds) * 60) / on.seconds, 2),
      busyOverFloor: round(on.taskSeconds / off.taskSeconds, 2),
    },
  };
}
