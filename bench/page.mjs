/**
 * A generated 2GIS-like results page: `count` list cards with hashed class
 * names, the name in a `/firm/<id>` link, a rubric, an address, a rating and
 * a few decorative elements, plus the page's embedded `initialState` with the
 * firms' full names and addresses, as 2GIS serves it.
 */
export const firmIdOf = (i) => `7000000${String(100000000 + i)}`;
export const nameOf = (i) => `кафе ромашка ${i}`;
export const phoneOf = (i) => `+7 (495) ${String(100 + (i % 900)).padStart(3, '0')}-${String(Math.floor(i / 900) % 100).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;

export function resultsPage(count) {
  const profiles = {};
  const cards = [];
  for (let i = 0; i < count; i++) {
    const id = firmIdOf(i);
    profiles[id] = { data: { id, name: nameOf(i), address_name: `Тверская, ${i + 1}`, adm_div: [{ type: 'city', name: 'Москва' }], rubrics: [{ name: 'Кафе' }] } };
    cards.push(
      `<div class="_1kf6gff"><div class="_1h3cgic">` +
        `<div class="_1ph"><div class="_img" style="width:48px;height:48px;background:#eee"></div></div>` +
        `<div class="_zjunba"><a href="/moscow/firm/${id}" class="_1rehek"><span class="_1al0wlf">${nameOf(i)}</span></a></div>` +
        `<div class="_4cxmw7"><span class="_oqoid">Кафе</span></div>` +
        `<div class="_klarpw"><span class="_14quei"><span class="_er2xx9">Тверская, ${i + 1}</span></span></div>` +
        `<div class="_1e9aaiv"><span class="_y10azs">4.${i % 10}</span><span class="_jspzdm">${(i * 7) % 500} оценок</span></div>` +
        `<div class="_1sf34doj"><span>Средний чек ${300 + (i % 20) * 50} ₽</span><span> · Wi-Fi</span></div>` +
        `</div></div>`,
    );
  }
  const state = JSON.stringify({ data: { entity: { profile: profiles } } });
  return (
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>кафе — 2ГИС</title>` +
    `<script>var initialState = JSON.parse(${JSON.stringify(state)});</script></head>` +
    `<body><div id="root"><header><h2>кафе</h2></header><div id="list" class="_1667t0u">${cards.join('')}</div></div></body></html>`
  );
}
