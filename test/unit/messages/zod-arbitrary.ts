import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries drawn from the protocol's own zod schemas, so the fuzz
 * test follows the protocol as it grows: a new message or field is fuzzed
 * without anyone touching the test. Values are mostly valid; whether a drawn
 * value really is valid is decided by the schema itself (safeParse), never here.
 */

interface Def {
  type: string;
  [key: string]: unknown;
}
interface CheckDef {
  check: string;
  format?: string;
  maximum?: number;
  minimum?: number;
  pattern?: RegExp;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => ((def.checks as Array<{ _zod: { def: CheckDef } }> | undefined) ?? []).map((c) => c._zod.def);

/** Text a hostile page or a broken sender might put anywhere: markup, bidi overrides, zero-widths, emoji. */
export const hostileText = fc.constantFrom(
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '\u202Eтекст справа налево\u202C',
  'zero\u200Bwidth\u200D\uFEFF',
  '☕🏳️‍🌈👨‍👩‍👧 кафе',
  '\uD800 lone surrogate',
  '__proto__',
  "'; DROP TABLE calls; --",
  '\u0000\u0001\u0007',
  ' ',
);

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const format = checks.find((c) => c.check === 'string_format')?.format ?? (def.format as string | undefined);
  const max = Math.min(...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum ?? Infinity), Infinity);
  const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum ?? 0));
  switch (format) {
    case 'uuid':
    case 'guid':
      return fc.uuid({ version: 4 });
    case 'datetime':
      return fc
        .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'regex':
      // The protocol's one pattern is a country code; others get text and may fail, which is fine.
      return fc.constantFrom('RU', 'US', 'KZ', 'BY', 'ru');
    default: {
      const maxLength = Math.min(Number.isFinite(max) ? max : 60, 60);
      const text = fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(maxLength, min, 1) }) },
        { weight: 2, arbitrary: fc.constantFrom('ООО «Кофейня»', '+7 (495) 708-31-12', '7707083893', 'https://campus2020.ru', 'Москва') },
        { weight: 1, arbitrary: hostileText },
      );
      return text.map((s) => (Number.isFinite(max) ? s.slice(0, max) : s));
    }
  }
}

export function arbitraryOf(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number': {
      const checks = checksOf(def);
      const min = checks.find((c) => c.check === 'greater_than')?.['value' as keyof CheckDef] as number | undefined;
      const max = checks.find((c) => c.check === 'less_than')?.['value' as keyof CheckDef] as number | undefined;
      return fc.integer({ min: min ?? -10, max: max ?? 300 });
    }
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'optional':
      return fc.option(arbitraryOf(def.innerType, depth), { nil: undefined });
    case 'nullable':
      return fc.option(arbitraryOf(def.innerType, depth), { nil: null });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return arbitraryOf(def.innerType, depth);
    case 'pipe':
      return arbitraryOf(def.in, depth);
    case 'array': {
      const checks = checksOf(def);
      const max = Math.min(3, ...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum ?? 3));
      return fc.array(arbitraryOf(def.element, depth + 1), { maxLength: depth > 2 ? 1 : max });
    }
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(shape)) fields[key] = arbitraryOf(value, depth + 1);
      // Optional fields drawn as undefined are left out, as a real sender would.
      return fc.record(fields).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => arbitraryOf(o, depth)));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), arbitraryOf(def.valueType, depth + 1), { maxKeys: 3 });
    default:
      return fc.anything();
  }
}

/** A value, then made wrong in one of the ways a sender gets things wrong (or a hostile one tries). */
export function mutated(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const junk = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.constantFrom(null, undefined, NaN, Infinity, -1, 0, '', [], {}, true, 1e308),
    hostileText,
    fc.constant('x'.repeat(10_001)),
  );
  return fc.tuple(value, fc.nat(), junk, fc.nat({ max: 5 })).map(([v, pick, bad, how]) => mutate(v, pick, bad, how));
}

function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) paths(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

function mutate(value: unknown, pick: number, bad: unknown, how: number): unknown {
  const copy = structuredCloneLoose(value);
  const all = paths(copy);
  const path = all[pick % all.length]!;
  if (path.length === 0) return how % 2 ? bad : [copy];
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  switch (how) {
    case 0: // a field of the wrong kind
      parent[key] = bad;
      break;
    case 1: // a required field missing
      delete parent[key];
      break;
    case 2: // an over-long string or array
      parent[key] = typeof parent[key] === 'string' ? (parent[key] as string).padEnd(10_001, 'я') : Array.from({ length: 1001 }, () => parent[key]);
      break;
    case 3: // keys the schema does not know, prototype pollution among them
      Object.assign(parent, JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"extra":1}'));
      break;
    case 4: // wrapped one level too deep
      parent[key] = { value: parent[key] };
      break;
    default: // a number where text was, or text where a number was
      parent[key] = typeof parent[key] === 'number' ? String(parent[key]) : 42;
  }
  return copy;
}

/** structuredClone refuses functions and symbols that fc.anything may not draw, but keep it total. */
function structuredCloneLoose(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

export type Schema = z.ZodType;
