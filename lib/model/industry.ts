/**
 * Rubrics → industries. A directory gives a rubric ("кофейня", "Детейлинг");
 * the user's settings hold their own short list of industries. The industry of
 * a rubric is the user's own choice when they made one, else a suggestion from
 * keywords shipped for the default industries (Russian and English stems).
 * No zod here: the background and the options page both use it.
 */

/** Keyword stems per default industry; a rubric containing one maps to it. */
export const INDUSTRY_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  Общепит: [
    'кафе', 'кофе', 'ресторан', 'бар', 'паб', 'столов', 'пиццер', 'суши', 'бургер', 'пекарн', 'кондитер', 'фастфуд', 'фуд', 'шаурм',
    'кальян', 'чайн', 'доставка еды', 'буфет', 'закусоч', 'пельмен', 'гриль',
    'cafe', 'café', 'coffee', 'restaurant', 'pub', 'pizz', 'sushi', 'burger', 'bakery', 'diner', 'bistro', 'food', 'grill', 'tea house', 'catering',
  ],
  'Розничная торговля': [
    'магазин', 'супермаркет', 'гипермаркет', 'бутик', 'салон связи', 'цветы', 'аптек', 'продукты', 'универсам', 'минимаркет', 'ювелир', 'одежд', 'обув',
    'shop', 'store', 'retail', 'boutique', 'supermarket', 'florist', 'pharmacy', 'grocery', 'jewel', 'clothing', 'shoe',
  ],
  'Оптовая торговля': ['опт', 'дистрибьют', 'поставщик', 'склад', 'wholesale', 'distributor', 'supplier'],
  Производство: ['завод', 'фабрик', 'производств', 'комбинат', 'цех', 'manufactur', 'factory', 'plant', 'production', 'mill'],
  Строительство: [
    'строител', 'стройматериал', 'ремонт квартир', 'отделк', 'кровл', 'сантехн', 'электромонтаж', 'окна', 'двери', 'бетон',
    'construction', 'builder', 'contractor', 'roofing', 'plumb', 'electrician', 'renovation', 'concrete',
  ],
  'Услуги для бизнеса': [
    'бухгалтер', 'юрид', 'юрист', 'консалт', 'реклам', 'маркетинг', 'типограф', 'печать', 'аудит', 'кадров', 'клининг', 'охран', 'нотари', 'перевод',
    'accounting', 'accountant', 'legal', 'lawyer', 'attorney', 'consult', 'advertis', 'marketing', 'printing', 'audit', 'staffing', 'cleaning', 'security', 'notary',
  ],
  'Красота и здоровье': [
    'салон красоты', 'парикмахер', 'барбер', 'маникюр', 'ногт', 'косметолог', 'спа', 'массаж', 'фитнес', 'тренажер', 'йог', 'солярий', 'бров', 'ресниц',
    'beauty', 'hair', 'barber', 'nail', 'salon', 'spa', 'massage', 'fitness', 'gym', 'yoga', 'tanning', 'cosmet',
  ],
  Медицина: [
    'клиник', 'медицин', 'стоматолог', 'больниц', 'поликлиник', 'врач', 'диагност', 'лаборатор', 'ветеринар', 'оптик', 'медцентр',
    'clinic', 'medical', 'dental', 'dentist', 'hospital', 'doctor', 'physician', 'laborator', 'veterinar', 'optic', 'health center',
  ],
  Образование: [
    'школ', 'курсы', 'обучени', 'образова', 'детский сад', 'университет', 'институт', 'колледж', 'репетитор', 'автошкол', 'тренинг',
    'school', 'course', 'education', 'training', 'university', 'college', 'tutor', 'academy', 'kindergarten',
  ],
  'Транспорт и логистика': [
    'грузоперевоз', 'перевоз', 'логист', 'такси', 'доставк', 'курьер', 'транспорт', 'экспедир', 'эвакуатор',
    'trucking', 'logistic', 'taxi', 'delivery', 'courier', 'transport', 'freight', 'moving', 'towing',
  ],
  Авто: [
    'авто', 'шиномонтаж', 'детейлинг', 'автомойк', 'автосервис', 'автотехцентр', 'запчаст', 'кузовн', 'тюнинг', 'автосалон',
    'auto', 'car ', 'car wash', 'tire', 'tyre', 'detailing', 'mechanic', 'dealership', 'body shop',
  ],
  Недвижимость: ['недвижим', 'риэлт', 'риелт', 'агентство недвижимости', 'аренда', 'real estate', 'realtor', 'realty', 'property', 'rental'],
  IT: [
    'it-', 'it ', 'программ', 'разработк', 'веб-студ', 'хостинг', 'интернет-провайдер', 'компьютер', 'софт',
    'software', 'web design', 'web develop', 'hosting', 'computer', 'internet provider', 'it services',
  ],
};

/** How a rubric is compared: case and ё folded, spaces collapsed. */
export const rubricKey = (rubric: string): string => rubric.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ');

/**
 * The shipped suggestion for a rubric among the user's industries, if any
 * keyword fits. A directory's list of rubrics ("Кафе, Доставка готовых блюд")
 * is in the directory's order, main rubric first: the first that fits decides.
 */
export function suggestIndustry(rubric: string, industries: readonly string[]): string | undefined {
  for (const part of rubric.split(/[,;]/)) {
    const found = suggestOne(part, industries);
    if (found) return found;
  }
  return undefined;
}

function suggestOne(rubric: string, industries: readonly string[]): string | undefined {
  const key = ` ${rubricKey(rubric)} `;
  let best: { industry: string; length: number } | undefined;
  for (const industry of industries) {
    for (const word of Object.hasOwn(INDUSTRY_KEYWORDS, industry) ? INDUSTRY_KEYWORDS[industry]! : []) {
      // Stems match anywhere inside a word's start ("кофейня" ← "кофе"); the longest stem wins.
      const w = word.toLocaleLowerCase('ru');
      const at = key.indexOf(w);
      if (at >= 0 && /[\s(«"'-]/.test(key[at - 1] ?? ' ') && (!best || w.length > best.length)) best = { industry, length: w.length };
    }
  }
  return best?.industry;
}

/**
 * The industry of a rubric: the user's mapping first (an empty string there
 * means "leave unmapped"), then the shipped suggestion.
 */
export function industryOfRubric(rubric: string | undefined, mapping: Readonly<Record<string, string>>, industries: readonly string[]): string | undefined {
  if (!rubric?.trim()) return undefined;
  const key = rubricKey(rubric);
  if (Object.hasOwn(mapping, key)) return mapping[key] || undefined;
  return suggestIndustry(rubric, industries);
}

/** A company's industry: a hand-set one always wins, else the mapped rubric. */
export function effectiveIndustry(
  company: { industry?: string; industryByHand?: boolean; rubric?: string },
  mapping: Readonly<Record<string, string>>,
  industries: readonly string[],
): string | undefined {
  if (company.industryByHand) return company.industry;
  return industryOfRubric(company.rubric, mapping, industries);
}
