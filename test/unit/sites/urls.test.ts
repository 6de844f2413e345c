/**
 * Every adapter accepts its own test URLs and every other adapter rejects
 * them (github-url-detection style); adapterFor picks the right one; the
 * manifest match patterns cover the test URLs.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, GENERIC_ADAPTER, adapterFor } from '../../../lib/sites';
import { matchPatternRegExp } from './helpers';

describe('site adapters: URLs', () => {
  it('have unique ids and test URLs', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(GENERIC_ADAPTER.id);
    for (const a of [...ADAPTERS, GENERIC_ADAPTER]) expect(a.testUrls.length, a.id).toBeGreaterThan(0);
  });

  for (const adapter of ADAPTERS) {
    describe(adapter.id, () => {
      it.each(adapter.testUrls)('accepts %s, and adapterFor picks it', (href) => {
        const url = new URL(href);
        expect(adapter.appliesTo(url)).toBe(true);
        expect(adapterFor(url)?.id).toBe(adapter.id);
      });

      it.each(adapter.testUrls)('has a match pattern for %s', (href) => {
        expect(adapter.matches.some((p) => matchPatternRegExp(p).test(href))).toBe(true);
      });

      const others = ADAPTERS.filter((a) => a !== adapter).flatMap((a) => a.testUrls.map((u) => [a.id, u] as const));
      it.each([...others, ...GENERIC_ADAPTER.testUrls.map((u) => ['generic', u] as const)])(
        'rejects %s URL %s',
        (_, href) => {
          expect(adapter.appliesTo(new URL(href))).toBe(false);
        },
      );
    });
  }

  it('leaves other sites to generic detection', () => {
    for (const href of GENERIC_ADAPTER.testUrls) {
      expect(adapterFor(new URL(href))).toBeUndefined();
      expect(GENERIC_ADAPTER.appliesTo(new URL(href))).toBe(true);
    }
  });
});
