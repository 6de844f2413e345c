/**
 * The catalogues and t(): every key in both languages, plural forms complete,
 * the same substitutions on both sides; t() switching to a chosen language;
 * and no component showing words that bypass the catalogues.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import ru from '../../../public/_locales/ru/messages.json';
import { applyLanguage, catalogueOf } from '../../../lib/ui/catalogue';
import { chosenLanguage, formatNumber, plural, t, uiLocale, useCatalogue } from '../../../lib/ui/i18n';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const catalogues = { en: en as Record<string, { message: string }>, ru: ru as Record<string, { message: string }> };

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

describe('the catalogues', () => {
  it('have every key in both languages', () => {
    const missingInRu = Object.keys(en).filter((k) => !(k in ru));
    const missingInEn = Object.keys(ru).filter((k) => !(k in en));
    expect({ missingInRu, missingInEn }).toEqual({ missingInRu: [], missingInEn: [] });
  });

  it('have no empty message, and the same $1…$9 on both sides', () => {
    const bad: string[] = [];
    for (const key of Object.keys(en)) {
      const subs = (lang: 'en' | 'ru') => [...new Set(catalogues[lang][key]!.message.match(/\$\d/g) ?? [])].sort().join();
      if (!catalogues.en[key]!.message.trim() || !catalogues.ru[key]?.message.trim()) bad.push(`${key}: empty`);
      else if (subs('en') !== subs('ru')) bad.push(`${key}: ${subs('en')} vs ${subs('ru')}`);
    }
    expect(bad).toEqual([]);
  });

  it('give every plural key its one, few, many and other forms', () => {
    const bases = new Set(Object.keys(en).flatMap((k) => (/_(one|few|many|other)$/.test(k) ? [k.replace(/_(one|few|many|other)$/, '')] : [])));
    const missing = [...bases].flatMap((b) => ['one', 'few', 'many', 'other'].map((f) => `${b}_${f}`).filter((k) => !(k in en)));
    expect(missing).toEqual([]);
  });

  it('hold every key the code names, directly or as a prefix it completes', () => {
    const missing: string[] = [];
    for (const file of [...files(path.join(ROOT, 'lib'), /\.tsx?$/), ...files(path.join(ROOT, 'entrypoints'), /\.tsx?$/)]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) if (!(m[1]! in en)) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
      for (const m of text.matchAll(/\bplural\(\s*'([A-Za-z0-9_]+)'/g)) if (!(`${m[1]}_other` in en)) missing.push(`${path.relative(ROOT, file)}: ${m[1]}_other`);
      // Keys built from a prefix (`status_${id}`): some key must start with it.
      for (const m of text.matchAll(/\bt\(\s*`([A-Za-z0-9_]+)\$\{/g)) if (!Object.keys(en).some((k) => k.startsWith(m[1]!))) missing.push(`${path.relative(ROOT, file)}: ${m[1]}…`);
    }
    expect(missing).toEqual([]);
  });
});

/**
 * Words a user reads, written straight into a component instead of through
 * t(): JSX text, and string literals in attributes a user reads or hears
 * (title, aria-label, placeholder, alt, label, value of an <option>'s text).
 * Symbols (↑ × …) and our data-* hooks are not words.
 */
const VISIBLE_ATTRS = new Set(['title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label', 'aria-valuetext']);
const WORD = /\p{L}{2,}/u;

function becomesJsxText(node: ts.Node): boolean {
  let p = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isConditionalExpression(p) || (ts.isBinaryExpression(p) && p !== undefined && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)))) {
    if (ts.isConditionalExpression(p) && p.condition === node) return false;
    node = p;
    p = p.parent;
  }
  return !!p && ts.isJsxExpression(p) && !!p.parent && (ts.isJsxElement(p.parent) || ts.isJsxFragment(p.parent));
}

function wordsOutsideCatalogue(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORD.test(node.text)) found.push(`${where(node)} text “${node.text.trim()}”`);
    // {'Save'}, {busy ? 'Saving…' : t('x')}, {error || 'Failed'}: a literal that becomes a child's text.
    if (ts.isStringLiteralLike(node) && WORD.test(node.text) && becomesJsxText(node)) found.push(`${where(node)} text “${node.text}”`);
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRS.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression) ? init.expression : undefined;
      if (literal && WORD.test(literal.text)) found.push(`${where(node)} ${node.name.getText()}="${literal.text}"`);
    }
    // Plain DOM code: words written into textContent, title, aria-label or a placeholder.
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const prop = node.left.name.text;
      if (['textContent', 'innerText', 'title', 'ariaLabel', 'placeholder'].includes(prop) && ts.isStringLiteralLike(node.right) && WORD.test(node.right.text)) {
        found.push(`${where(node)} ${prop} = "${node.right.text}"`);
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setAttribute') {
      const [name, value] = node.arguments;
      if (name && value && ts.isStringLiteral(name) && VISIBLE_ATTRS.has(name.text) && ts.isStringLiteralLike(value) && WORD.test(value.text)) {
        found.push(`${where(node)} ${name.text}="${value.text}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('components', () => {
  it('show no words that are not from the catalogues', () => {
    const sources = [...files(path.join(ROOT, 'lib/ui'), /\.tsx?$/), ...files(path.join(ROOT, 'entrypoints'), /\.tsx?$/)];
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.flatMap((f) => wordsOutsideCatalogue(f))).toEqual([]);
  });

  it('the scan itself finds words written into a component, in either language', () => {
    const probe = [
      'export const A = () => <p title="Сохранить">{t(\'options_save\')} Save now ↑</p>;',
      'export const B = () => <input placeholder={"Поиск"} aria-label={t(\'options_save\')} data-testid="base-search" />;',
      'export const D = (p: { busy: boolean }) => <b>{p.busy ? \'Saving\' : t(\'options_save\')}{\'OK\'}</b>;',
      'export function c(el: HTMLElement) { el.textContent = \'Готово\'; el.setAttribute(\'aria-label\', \'Close\'); el.title = \'×\'; }',
    ].join('\n');
    expect(wordsOutsideCatalogue(path.join(ROOT, 'lib/ui/probe.tsx'), probe).map((f) => f.replace(/^.*?:\d+ /, ''))).toEqual([
      'title="Сохранить"',
      'text “Save now ↑”',
      'placeholder="Поиск"',
      'text “Saving”',
      'text “OK”',
      'textContent = "Готово"',
      'aria-label="Close"',
    ]);
  });
});

describe('t() in a chosen language', () => {
  afterEach(() => useCatalogue(null));

  it('follows the browser until a language is chosen, then reads our own catalogue', async () => {
    expect(t('options_save')).toBe(en.options_save.message);
    expect(chosenLanguage()).toBeNull();
    expect(await applyLanguage('ru', async () => catalogueOf(ru))).toBe(true);
    expect(uiLocale()).toBe('ru');
    expect(t('options_save')).toBe(ru.options_save.message);
    expect(t('options_errDays', '1', '3650')).toBe('Целое число дней от 1 до 3650.');
    expect(await applyLanguage('ru', async () => catalogueOf(ru))).toBe(false);
    expect(await applyLanguage('browser')).toBe(true);
    expect(t('options_save')).toBe(en.options_save.message);
  });

  it('a catalogue that cannot be read leaves the browser’s words', async () => {
    await applyLanguage('ru', async () => Promise.reject(new Error('gone')));
    expect(chosenLanguage()).toBeNull();
    expect(t('options_save')).toBe(en.options_save.message);
  });

  it('plurals with Intl.PluralRules: 1 звонок, 2 звонка, 5 звонков, 21 звонок; 1 call, 2 calls', async () => {
    await applyLanguage('ru', async () => catalogueOf(ru));
    expect([1, 2, 5, 11, 21, 22, 111].map((n) => plural('count_calls', n))).toEqual([
      '1 звонок',
      '2 звонка',
      '5 звонков',
      '11 звонков',
      '21 звонок',
      '22 звонка',
      '111 звонков',
    ]);
    expect(plural('count_calls', 1.5)).toBe('1,5 звонка');
    await applyLanguage('en', async () => catalogueOf(en));
    expect([0, 1, 2].map((n) => plural('count_calls', n))).toEqual(['0 calls', '1 call', '2 calls']);
  });

  it('numbers in the language’s own way', async () => {
    await applyLanguage('ru', async () => catalogueOf(ru));
    expect(formatNumber(12345.6).replace(/\s/g, ' ')).toBe('12 345,6');
    await applyLanguage('en', async () => catalogueOf(en));
    expect(formatNumber(12345.6)).toBe('12,345.6');
  });
});
