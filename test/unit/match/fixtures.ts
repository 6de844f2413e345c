/**
 * Real directory data from ../shared/fixtures/real (beside the checkout),
 * read at test time and never copied into the project. Suites over it skip
 * themselves, with one line saying why, where the folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';

export const REAL_DIR = path.resolve(__dirname, '../../../../shared/fixtures/real');
export const hasReal = fs.existsSync(REAL_DIR);

export function readReal(rel: string): string {
  return fs.readFileSync(path.join(REAL_DIR, rel), 'utf8');
}

export function readRealJson<T>(rel: string): T {
  return JSON.parse(readReal(rel)) as T;
}

/** `describe` over the real fixtures, or a skipped suite with the reason logged. */
export function describeReal(name: string, fn: () => void): void {
  if (hasReal) {
    describe(name, fn);
  } else {
    console.log(`[match tests] skipping "${name}": real fixtures folder not found at ${REAL_DIR}`);
    describe.skip(name, fn);
  }
}

export interface TwoGisComponent {
  componentUrl: { pageUrl: string };
  'text.title': string;
  'text.organizationAddress': string;
  'text.organizationPhone': string;
  'json.geoAlternativeUrls': string[];
  'json.geoSocialUrls': string[];
}

export interface ZoonItem {
  item_name: string;
  item_url: string;
  item_phone_list: string[] | null;
  item_address: string;
  item_site: string | null;
  social_networks_list: string[] | null;
}

export interface GoogleGolden {
  name: string;
  address: string;
  phone: string;
  website: string;
  placeId: string;
}

/** cocli_golden_set.usv: 0x1F-separated fields, one place a line. */
export function readCocliGolden(): GoogleGolden[] {
  return readReal('google_maps/cocli_golden_set.usv')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line) => {
      const f = line.split('\x1f');
      return { name: f[0]!, address: f[1]!, phone: f[2]!, website: f[3]!, placeId: f[4]! };
    });
}
