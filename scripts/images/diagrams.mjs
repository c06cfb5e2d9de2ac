// Diagrams drawn from the checked facts: the timeline, the Troika, the motto and the arsenal.

import { C, FONT, esc, fit, saveEach, text, textWidth } from "./lib.mjs";

// ---------------------------------------------------------------------------------------------
// 4. Timeline 1975-2010
//
// Shown alone on an Image slide: at 1920 x 1080 it is 1728 px wide (1.08 of its size), so
// the year labels (24 units) are about 26 px and the events (26 units) about 28 px.

{
  const W = 1600, H = 700;
  const left = 90, right = W - 90, axisY = 360;
  const x = (year) => left + ((year - 1975) / (2010 - 1975)) * (right - left);
  const words = {
    en: { title: "From Helsinki to Astana: the CSCE and OSCE, 1975 to 2010", events: [
      ["1 Aug 1975", "Helsinki Final Act", "signed by 35 states"],
      ["Nov 1990", "Charter of Paris", "first CSCE institutions"],
      ["30 Jan 1992", "Kazakhstan joins", "the CSCE in Prague"],
      ["1 Jan 1995", "The CSCE becomes", "the OSCE"],
      ["Nov 2007", "Madrid: Kazakhstan", "chosen to chair in 2010"],
      ["2010", "Kazakhstan chairs;", "Astana Summit, 1–2 Dec"],
    ] },
    ru: { title: "От Хельсинки до Астаны: СБСЕ и ОБСЕ с 1975 по 2010 год", events: [
      ["1 авг. 1975", "Заключительный акт", "подписали 35 государств"],
      ["Ноябрь 1990", "Парижская хартия", "первые институты СБСЕ"],
      ["30 янв. 1992", "Казахстан вступает", "в СБСЕ в Праге"],
      ["1 янв. 1995", "СБСЕ становится", "ОБСЕ"],
      ["Ноябрь 2007", "Мадрид: Казахстан избран", "председателем на 2010 год"],
      ["2010", "Председательство Казахстана;", "саммит в Астане, 1–2 декабря"],
    ] },
    kk: { title: "Хельсинкиден Астанаға дейін: ЕҚЫК және ЕҚЫҰ, 1975–2010 жылдар", events: [
      ["1975 ж. 1 тамыз", "Хельсинки қорытынды актісіне", "35 мемлекет қол қойды"],
      ["1990 ж. қараша", "Париж хартиясы", "ЕҚЫК-тің алғашқы институттары"],
      ["1992 ж. 30 қаңтар", "Қазақстан Прагада", "ЕҚЫК-ке кіреді"],
      ["1995 ж. 1 қаңтар", "ЕҚЫК ЕҚЫҰ болып", "қайта құрылады"],
      ["2007 ж. қараша", "Мадрид: Қазақстан 2010", "жылға төраға болып сайланды"],
      ["2010", "Қазақстан төрағалығы;", "Астана саммиті, 1–2 желтоқсан"],
    ] },
  };
  // Year, side of the axis (-1 above), alignment when not the default.
  const placing = [[1975, -1], [1990, 1, "end"], [1992, -1], [1995, 1], [2007, -1], [2010, 1]];
  // Year labels sit in a row under the axis; a stem that goes down starts below that row, so
  // that no line runs through a year (1990, 1995 and 2010 have stems going down).
  const yearSize = 24, yearBase = axisY + 42, belowRow = yearBase + 14;
  const ticks = [];
  for (let year = 1975; year <= 2010; year += 5) {
    ticks.push(`<line x1="${x(year)}" y1="${axisY - 10}" x2="${x(year)}" y2="${axisY + 10}" stroke="${C.muted}" stroke-width="2"/>` +
      text(x(year), yearBase, year, { size: yearSize, fill: C.muted, anchor: "middle" }));
  }
  const size = 26, lead = 34;
  const marks = (w) => placing.map(([year, side, align], i) => {
    const [date, line1, line2] = w.events[i];
    const cx = x(year), stem = side < 0 ? axisY - 120 : axisY + 130;
    const from = side < 0 ? axisY : belowRow;
    const base = side < 0 ? stem - 2 * lead - 36 : stem + 32;
    const anchor = align ?? (year === 1975 ? "start" : year === 2010 ? "end" : "middle");
    const dx = anchor === "start" ? -12 : anchor === "end" ? 12 : 0;
    return `<line x1="${cx}" y1="${from}" x2="${cx}" y2="${stem}" stroke="${C.accent}" stroke-width="3"/>` +
      `<circle cx="${cx}" cy="${axisY}" r="12" fill="${year === 1992 || year === 2010 ? C.kz : C.accent}" stroke="#fff" stroke-width="3"/>` +
      text(cx + dx, base, date, { size, weight: "bold", fill: C.accent, anchor }) +
      text(cx + dx, base + lead, line1, { size, anchor }) +
      text(cx + dx, base + 2 * lead, line2, { size, anchor });
  });
  saveEach("timeline-1975-2010", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
<line x1="${left}" y1="${axisY}" x2="${right}" y2="${axisY}" stroke="${C.muted}" stroke-width="4" stroke-linecap="round"/>
${ticks.join("\n")}
${marks(w).join("\n")}
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 5. The Troika in 2010
//
// On an Image slide with a caption: 1728 px wide at 1920 x 1080 (1.08), so its smallest text
// (26 units) is about 28 px.

{
  const W = 1600, H = 560;
  const words = {
    en: { title: "The OSCE Troika in 2010: Greece (2009), Kazakhstan (2010), Lithuania (2011)",
      heading: "The Troika: previous, current and next Chair work together",
      boxes: [["Greece", "Chair in 2009", "previous Chair"], ["Kazakhstan", "Chair in 2010", "Chairperson-in-Office"], ["Lithuania", "Chair in 2011", "incoming Chair"]],
      footer: "Kazakhstan stayed in the Troika until the end of 2011" },
    ru: { title: "«Тройка» ОБСЕ в 2010 году: Греция (2009), Казахстан (2010), Литва (2011)",
      heading: "«Тройка»: прошлый, нынешний и следующий председатели работают вместе",
      boxes: [["Греция", "председатель в 2009 году", "предыдущий председатель"], ["Казахстан", "председатель в 2010 году", "действующий председатель"], ["Литва", "председатель в 2011 году", "следующий председатель"]],
      footer: "Казахстан оставался в «тройке» до конца 2011 года" },
    kk: { title: "2010 жылғы ЕҚЫҰ «үштігі»: Грекия (2009), Қазақстан (2010), Литва (2011)",
      heading: "«Үштік»: бұрынғы, қазіргі және келесі төрағалар бірге жұмыс істейді",
      boxes: [["Грекия", "2009 жылғы төраға", "алдыңғы төраға"], ["Қазақстан", "2010 жылғы төраға", "іс басындағы төраға"], ["Литва", "2011 жылғы төраға", "келесі төраға"]],
      footer: "Қазақстан 2011 жылдың соңына дейін «үштікте» болды" },
  };
  const fills = [C.member, C.kz, C.member];
  const bw = 400, bh = 260, gap = (W - 3 * bw) / 4, top = 110;
  const parts = (w) => w.boxes.map(([name, year, role], i) => {
    const x = gap + i * (bw + gap);
    const arrow = i < 2
      ? `<path d="M${x + bw + 22} ${top + bh / 2} L${x + bw + gap - 22} ${top + bh / 2}" stroke="${C.muted}" stroke-width="6" marker-end="url(#head)"/>`
      : "";
    return `<rect x="${x}" y="${top}" width="${bw}" height="${bh}" rx="24" fill="${fills[i]}"/>` +
      text(x + bw / 2, top + 110, name, { size: 46, weight: "bold", anchor: "middle" }) +
      text(x + bw / 2, top + 165, year, { size: fit(30, year, bw - 40), anchor: "middle" }) +
      text(x + bw / 2, top + 212, role, { size: fit(26, role, bw - 40), anchor: "middle", fill: C.text }) + arrow;
  });
  saveEach("troika", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
<defs><marker id="head" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="4" markerHeight="4" orient="auto"><path d="M0 0 L10 5 L0 10 Z" fill="${C.muted}"/></marker></defs>
${text(W / 2, 60, w.heading, { size: 32, anchor: "middle", fill: C.muted })}
${parts(w).join("\n")}
${text(W / 2, top + bh + 110, w.footer, { size: 28, anchor: "middle", fill: C.muted })}
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 6. The motto: the "4 T's"
//
// On an Image slide: 796 px high at 1920 x 1080 (0.97), so its smallest text (30 units, the
// explanations in Russian and Kazakh) is about 29 px.

{
  const W = 1600, H = 820;
  // The motto was given in English (the T's); the other languages keep the four words and
  // explain each in their own.
  const words = {
    en: { title: "The motto of the 2010 chairmanship: Trust, Tradition, Transparency, Tolerance", tiles: [
      ["Trust", "not to be taken for granted", "in a time of change"],
      ["Tradition", "loyalty to the OSCE's", "founding principles"],
      ["Transparency", "openness, no double", "standards or dividing lines"],
      ["Tolerance", "dialogue between", "cultures and civilisations"],
    ] },
    ru: { title: "Девиз председательства 2010 года: Trust, Tradition, Transparency, Tolerance — доверие, традиции, транспарентность, толерантность", tiles: [
      ["Trust", "доверие: его нельзя считать", "данностью в эпоху перемен"],
      ["Tradition", "традиции: верность", "основам ОБСЕ"],
      ["Transparency", "транспарентность: открытость", "без двойных стандартов"],
      ["Tolerance", "толерантность: диалог", "культур и цивилизаций"],
    ] },
    kk: { title: "2010 жылғы төрағалықтың ұраны: Trust, Tradition, Transparency, Tolerance — сенім, дәстүр, ашықтық, төзімділік", tiles: [
      ["Trust", "сенім: өзгерістер заманында", "оны бар деп санауға болмайды"],
      ["Tradition", "дәстүр: ЕҚЫҰ-ның негізгі", "қағидаттарына адалдық"],
      ["Transparency", "ашықтық: қос стандарт пен", "бөлу сызықтарынсыз"],
      ["Tolerance", "төзімділік: мәдениеттер мен", "өркениеттер арасындағы диалог"],
    ] },
  };
  const tw = 740, th = 360, gx = (W - 2 * tw) / 3, gy = (H - 2 * th) / 3;
  // One size for the explanations of all four tiles, at most 34, at which the longest line
  // keeps a padding of 44 units from the tile's right edge (the word before a colon, the
  // T-word in the language of the slide, is bold and so counted a little wider).
  const room = tw - 200 - 44;
  const lineWidth = (line) => {
    const i = line.indexOf(": ");
    return i < 0 ? textWidth(line, 1) : textWidth(line.slice(0, i + 1), 1) * 1.08 + textWidth(line.slice(i + 1), 1);
  };
  const sizeFor = (w) => Math.min(34, Math.floor(room / Math.max(...w.tiles.flatMap(([, l1, l2]) => [lineWidth(l1), lineWidth(l2)]))));
  const line = (x, y, content, size) => {
    const i = content.indexOf(": ");
    const body = i < 0 ? esc(content) : `<tspan font-weight="bold">${esc(content.slice(0, i + 1))}</tspan>${esc(content.slice(i + 1))}`;
    return `<text x="${x}" y="${y}" ${FONT} font-size="${size}" fill="${C.text}">${body}</text>`;
  };
  const parts = (w) => w.tiles.map(([word, l1, l2], i) => {
    const x = gx + (i % 2) * (tw + gx), y = gy + Math.floor(i / 2) * (th + gy);
    const size = sizeFor(w);
    return `<rect x="${x}" y="${y}" width="${tw}" height="${th}" rx="28" fill="${i % 3 === 0 ? C.member : "#CFE4EA"}"/>` +
      `<text x="${x + 56}" y="${y + 170}" ${FONT} font-size="150" font-weight="bold" fill="${C.accent}">T</text>` +
      text(x + 200, y + 130, word, { size: 64, weight: "bold" }) +
      line(x + 200, y + 200, l1, size) +
      line(x + 200, y + 246, l2, size);
  });
  saveEach("four-ts", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
${parts(w).join("\n")}
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 7. The inherited arsenal: 1,410 strategic warheads, one dot each
//
// Shown beside the slide's text (ImageText, split 0.55): at 1920 x 1080 its box is about
// 920 x 796 px, so the picture (1000 x 730) shows at 0.92 of its size and its smallest text,
// 28 units, is about 26 px on the screen. The legend sits under the dots, one line per kind.
// The slide's text says where the warheads went (by April 1995), so the picture does not.

{
  const W = 1000, H = 730;
  const cols = 60, r = 6.3, step = 15.5, top = 124;
  const left = (W - (cols - 1) * step) / 2;
  const rows = Math.ceil(1410 / cols);
  const dots = [];
  for (let i = 0; i < 1410; i++) {
    const cx = left + (i % cols) * step, cy = top + Math.floor(i / cols) * step;
    dots.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${i < 1040 ? C.accent : C.kz}"/>`);
  }
  const words = {
    en: { title: "1,410 Soviet strategic nuclear warheads were left in Kazakhstan in 1991, one dot each",
      key: "One dot = one strategic warhead left in Kazakhstan in 1991", n1: "1,040", a1: "on 104 SS-18 missiles,", a2: "10 warheads each",
      b1: "air-launched cruise", b2: "missiles for 40 bombers", total: "1,410", c1: "in all, plus tactical", c2: "weapons" },
    ru: { title: "1410 советских стратегических ядерных боеголовок остались в Казахстане в 1991 году, по точке на каждую",
      key: "Одна точка — одна стратегическая боеголовка, оставшаяся в Казахстане в 1991 году", n1: "1040", a1: "на 104 ракетах SS-18,", a2: "по 10 боеголовок",
      b1: "крылатых ракет для", b2: "40 бомбардировщиков", total: "1410", c1: "всего, а также", c2: "тактическое оружие" },
    kk: { title: "1991 жылы Қазақстанда кеңестік 1410 стратегиялық ядролық оқтұмсық қалды, әрқайсысына бір нүкте",
      key: "Бір нүкте — 1991 жылы Қазақстанда қалған бір стратегиялық оқтұмсық", n1: "1040", a1: "104 SS-18 зымыранында,", a2: "әрқайсысында 10-нан",
      b1: "40 бомбалаушы ұшаққа", b2: "арналған қанатты зымыран", total: "1410", c1: "барлығы, сондай-ақ", c2: "тактикалық қару" },
  };
  // The key on one line if it fits, else on two of about equal length (broken between words).
  const keySize = 28, keyWidth = W - 2 * left + 2 * r;
  const keyLines = (key) => {
    if (key.length * 0.56 * keySize <= keyWidth) return [key];
    const spaces = [...key.matchAll(/ /g)].map((m) => m.index);
    const at = spaces.reduce((best, i) => (Math.abs(i - key.length / 2) < Math.abs(best - key.length / 2) ? i : best));
    return [key.slice(0, at), key.slice(at + 1)];
  };
  // The legend: a dot, the number and what it counts, on one line each; the total under a rule.
  const numX = left - r, textX = numX + 172, rowY = top + (rows - 1) * step + 70, rowGap = 62;
  const size = (w) => fit(30, [`${w.a1} ${w.a2}`, `${w.b1} ${w.b2}`, `${w.c1} ${w.c2}`].reduce((a, b) => (b.length > a.length ? b : a)), W - left + r - textX);
  const row = (y, dot, number, colour, line, w) =>
    (dot ? `<circle cx="${numX + 14}" cy="${y - 13}" r="14" fill="${dot}"/>` : "") +
    text(dot ? numX + 38 : numX, y, number, { size: 40, weight: "bold", fill: colour }) +
    text(textX, y, line, { size: size(w) });
  saveEach("arsenal", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
${keyLines(w.key).map((line, i, all) => text(numX, 46 + (2 - all.length) * 18 + i * 36, line, { size: keySize, fill: C.muted })).join("\n")}
${dots.join("")}
${row(rowY, C.accent, w.n1, C.accent, `${w.a1} ${w.a2}`, w)}
${row(rowY + rowGap, C.kz, "370", "#A77800", `${w.b1} ${w.b2}`, w)}
<line x1="${numX}" y1="${rowY + rowGap + 24}" x2="${W - numX}" y2="${rowY + rowGap + 24}" stroke="${C.muted}" stroke-width="2"/>
${row(rowY + 2 * rowGap + 10, null, w.total, C.text, `${w.c1} ${w.c2}`, w)}
</svg>`);
}
