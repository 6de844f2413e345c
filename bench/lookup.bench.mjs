// Lookup: 500 listings against a base of 100,000 companies in real IndexedDB,
// against raw index gets of the same keys in the same run. Aim: ratio ≤ 2.
import { bundle, launch, pageWith } from './harness.mjs';

export const name = 'lookup';

export default async function run() {
  const browser = await launch();
  try {
    const { page } = await pageWith(browser, await bundle('bench/pages/lookup.ts'));
    const figures = await page.evaluate(() => globalThis.callmarkBench.run(100_000, 9));
    return { ...figures, aim: 'ratio <= 2', met: figures.ratio <= 2 };
  } finally {
    await browser.close();
  }
}
