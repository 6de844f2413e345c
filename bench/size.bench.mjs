// The content scripts' size as shipped (the release build's files are already
// minified by WXT), and gzipped as they travel.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuilt } from './harness.mjs';

export const name = 'content-script-size';

export default async function run() {
  const dir = path.join(ensureBuilt(), 'content-scripts');
  const files = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(path.join(dir, file));
    files[file] = { minifiedBytes: code.length, gzippedBytes: gzipSync(code, { level: 9 }).length };
  }
  return { files };
}
