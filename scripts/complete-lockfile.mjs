// Adds the lock entries of platform-specific optional packages (@rollup/rollup-darwin-x64…)
// that npm leaves out when its registry cannot serve them for this machine's
// platform. Without them `npm ci` refuses the lock file as out of sync; with
// them it skips the packages that do not fit the platform, as it should.
// Run after `npm install` changes package-lock.json: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '../package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];

/** `rollup-linux-arm64-musl` → { os: linux, cpu: arm64, libc: musl }. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const at = parts.findIndex((p) => OS.includes(p));
  if (at < 0 || !parts[at + 1]) return undefined;
  const abi = parts[at + 2] ?? '';
  const libc = /musl/.test(abi) ? 'musl' : parts[at] === 'linux' && /gnu/.test(abi) ? 'glibc' : undefined;
  return { os: [parts[at]], cpu: [parts[at + 1]], ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [where, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[`${where}/node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: ${added} platform entries added`);
