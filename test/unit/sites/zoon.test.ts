/**
 * The zoon list card, read in one pass over its parts: the cases the fixture
 * pages do not hold (a site link beside zoon's own links, phones in holders and
 * microdata, the street line inside a longer address block).
 */
import { describe, expect, it } from 'vitest';
import { createPageContext } from '../../../lib/sites/scan';
import { zoonAdapter } from '../../../lib/sites/zoon';
import { parsePage } from './helpers';

const URL_ = 'https://zoon.ru/spb/kindergarten/';

function readFirstCard(card: string) {
  const doc = parsePage(`<!doctype html><html><body><ul>${card}</ul></body></html>`, URL_);
  const root = doc.querySelector(zoonAdapter.listingSelector)!;
  return zoonAdapter.read(root, createPageContext(doc, URL_));
}

const card = (inner: string) =>
  `<li class="minicard-item" data-uitest="org-item-block">
     <h2><a data-uitest="org-link" href="https://zoon.ru/spb/kindergarten/sad_raduga/">Радуга</a></h2>${inner}
   </li>`;

describe('zoon list card', () => {
  it('takes the site from the redirect link, never from zoon’s own links whose text looks like a host', () => {
    const found = readFirstCard(
      card(`<a href="https://zoon.ru/spb/kindergarten/">Детские сады</a>
            <a href="https://zoon.ru/spb/kindergarten/sad_raduga/reviews/">zoon.ru/отзывы</a>
            <a href="https://zoon.ru/redirect/?to=http%3A%2F%2Fraduga-sad.ru%2F">raduga-sad.ru</a>`),
    );
    expect(found?.data.website).toBe('https://zoon.ru/redirect/?to=http%3A%2F%2Fraduga-sad.ru%2F');
    expect(found?.data.category).toBe('Детские сады');
  });

  it('has no site when only zoon’s own pages are linked', () => {
    const found = readFirstCard(card(`<a href="https://zoon.ru/spb/kindergarten/sad_raduga/photo/">zoon.ru</a>`));
    expect(found?.data.name).toBe('Радуга');
    expect(found?.data.website).toBeUndefined();
  });

  it('reads each number once: a holder’s number, not its tel: link again; microdata phones too', () => {
    const found = readFirstCard(
      card(`<span class="js-phone" data-number="+7 (812) 111-22-33"><a href="tel:+78121112233">Позвонить</a></span>
            <span itemprop="telephone">+7 (812) 444-55-66</span>
            <a href="tel:+78127778899">Позвонить</a>`),
    );
    expect(found?.data.phones).toEqual(['+7 (812) 111-22-33', '+7 (812) 444-55-66', '+78127778899']);
  });

  it('takes the street line of the address block, without the distance and the metro', () => {
    const found = readFirstCard(
      card(`<address><span>7 мин.</span><a href="https://zoon.ru/spb/kindergarten/metro/devyatkino/">Девяткино</a><span class="address">шоссе в Лаврики, 55</span></address>`),
    );
    expect(found?.data.address).toBe('шоссе в Лаврики, 55');
  });

  it('falls back to the whole address block, or microdata, when there is no street line', () => {
    expect(readFirstCard(card(`<div itemprop="address">Мурино, Оборонная, 2</div>`))?.data.address).toBe('Мурино, Оборонная, 2');
  });
});
