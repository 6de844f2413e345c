// `npm run bench`: runs every bench/*.bench.mjs (or those named on the command
// line), prints one JSON object on stdout and keeps it in bench/results/.
// Figures are compared as ratios within one run, never against fixed times.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './harness.mjs';

const only = process.argv.slice(2);
const files = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const results = { at: new Date().toISOString(), node: process.version, benchmarks: {} };
let failed = false;
for (const file of files) {
  const mod = await import(path.join(root, 'bench', file));
  const started = Date.now();
  try {
    results.benchmarks[mod.name] = { ...(await mod.default()), wallSeconds: Math.round((Date.now() - started) / 100) / 10 };
  } catch (error) {
    failed = true;
    results.benchmarks[mod.name] = { error: String(error?.stack ?? error) };
  }
  console.error(`bench: ${mod.name} done`);
}

mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results', `${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
process.exit(failed ? 1 : 0);
