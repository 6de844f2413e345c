/** Default lists of the settings (lib/model/settings.ts); no zod here, the content script imports this. */
export const DEFAULT_REFUSAL_REASONS = [
  'дорого',
  'уже есть поставщик',
  'выбрали конкурента',
  'нет потребности сейчас',
  'нет выхода на ЛПР',
  'другое',
];

export const DEFAULT_INDUSTRIES = [
  'Общепит',
  'Розничная торговля',
  'Оптовая торговля',
  'Производство',
  'Строительство',
  'Услуги для бизнеса',
  'Красота и здоровье',
  'Медицина',
  'Образование',
  'Транспорт и логистика',
  'Авто',
  'Недвижимость',
  'IT',
  'Другое',
];
