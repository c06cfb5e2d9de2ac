// Generates the bundled deck's images as SVG into assets/images/.
//
//   cd scripts/images && npm ci && node generate.mjs
//
// Maps: Natural Earth 1:50m country shapes (public domain) from the npm package
// `world-atlas` 2.0.2 (ISC), projected with `d3-geo` (ISC) after `topojson-client` (ISC)
// decodes them. The flag of Kazakhstan is drawn from its legal description (1:2, sky blue
// field, gold sun with 32 rays, soaring steppe eagle, ornament at the hoist). Diagrams are
// drawn from the checked facts in shared/content/chairmanship-facts.md.
// Text in the SVGs uses "Noto Sans", which Lectern embeds and hands to its SVG renderer.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";
import {
  geoAzimuthalEqualArea,
  geoConicEqualArea,
  geoPath,
  geoCentroid,
} from "d3-geo";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "assets", "images");
mkdirSync(out, { recursive: true });

// Colours shared with the deck's theme (slides/chairmanship.ron).
const C = {
  bg: "#F7F5F0",
  text: "#1B2433",
  muted: "#5E6675",
  accent: "#00829B",
  member: "#8CC3D1",
  memberEdge: "#F7F5F0",
  kz: "#E3A300",
  kzEdge: "#8A6400",
  partner: "#D9D2C3",
  other: "#E9E6DF",
  flagBlue: "#00AFCA",
  flagGold: "#FEC50C",
};

const FONT = `font-family="Noto Sans"`;

function save(name, svg) {
  writeFileSync(join(out, name), svg.trim() + "\n");
  console.log(`wrote ${name} (${svg.length} bytes)`);
}

// Images with words in them are written once per language of the deck: `name.svg` in
// English (the default) and `name.ru.svg`, `name.kk.svg`; the deck maps each language to its
// file. `words[lang]` holds each image's labels.
const LANGS = ["en", "ru", "kk"];
function saveEach(name, words, draw) {
  for (const lang of LANGS) {
    save(lang === "en" ? `${name}.svg` : `${name}.${lang}.svg`, draw(words[lang]));
  }
}

// A font size at most `size` at which `content` fits `width` (Noto Sans averages a little
// over half an em per character), for labels whose translations run longer.
function fit(size, content, width) {
  return Math.min(size, Math.floor(width / (String(content).length * 0.56)));
}

function esc(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function text(x, y, content, { size = 24, weight = "normal", fill = C.text, anchor = "start", extra = "" } = {}) {
  return `<text x="${x}" y="${y}" ${FONT} font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}" ${extra}>${esc(content)}</text>`;
}

// ---------------------------------------------------------------------------------------------
// Country data

const atlasPath = join(here, "node_modules", "world-atlas", "countries-50m.json");
const topology = JSON.parse(readFileSync(atlasPath, "utf8"));
const countries = feature(topology, topology.objects.countries).features;

// The 56 participating States in 2010, by ISO 3166-1 numeric id (checked against this file).
const PARTICIPATING = new Set([
  "008", "020", "051", "040", "031", "112", "056", "070", "100", "124", "191", "196", "203", "208",
  "233", "246", "250", "268", "276", "300", "336", "348", "352", "372", "380", "398", "417", "428",
  "438", "440", "442", "470", "498", "492", "499", "528", "807", "578", "616", "620", "642", "643",
  "674", "688", "703", "705", "724", "752", "756", "762", "792", "795", "804", "826", "840", "860",
]);
if (PARTICIPATING.size !== 56) throw new Error(`expected 56 participating States, got ${PARTICIPATING.size}`);
// Partners for Co-operation in 2010: Mediterranean and Asian (Australia by name: id 036 is shared).
const PARTNERS = new Set(["012", "818", "376", "400", "504", "788", "004", "392", "410", "496", "764"]);
const isPartner = (f) => PARTNERS.has(f.id) || (f.id === "036" && f.properties.name === "Australia");
// Territories without an id inside the OSCE area take the participating colour, so the map
// draws no line the OSCE itself does not draw.
const NO_ID_IN_AREA = new Set(["Kosovo", "N. Cyprus"]);
const isMember = (f) => PARTICIPATING.has(f.id) || (!f.id && NO_ID_IN_AREA.has(f.properties.name));

const missing = [...PARTICIPATING].filter((id) => !countries.some((f) => f.id === id));
if (missing.length) throw new Error(`ids missing from the atlas: ${missing.join(", ")}`);

function countryPaths(path, fillFor, strokeFor, width) {
  return countries
    .map((f) => {
      const d = path(f);
      if (!d) return "";
      return `<path d="${d}" fill="${fillFor(f)}" stroke="${strokeFor(f)}" stroke-width="${width}" stroke-linejoin="round"/>`;
    })
    .join("\n");
}

function pin(projection, [lon, lat], label, { dx = 12, dy = -10, anchor = "start", size = 22 } = {}) {
  const [x, y] = projection([lon, lat]);
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="7" fill="${C.text}" stroke="#fff" stroke-width="2.5"/>` +
    text((x + dx).toFixed(1), (y + dy).toFixed(1), label, { size, weight: "bold", anchor, extra: `stroke="${C.bg}" stroke-width="5" paint-order="stroke"` });
}

function legend(x, y, rows, size = 22) {
  return rows
    .map(([fill, label], i) => {
      const top = y + i * (size + 14);
      return `<rect x="${x}" y="${top}" width="${size}" height="${size}" rx="4" fill="${fill}" stroke="${C.muted}" stroke-width="1"/>` +
        text(x + size + 12, top + size * 0.82, label, { size });
    })
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// 1. The OSCE area in 2010, Kazakhstan highlighted

{
  const W = 1600, H = 1000;
  const members = { type: "FeatureCollection", features: countries.filter(isMember) };
  const projection = geoAzimuthalEqualArea().rotate([-20, -62]).clipAngle(100);
  projection.fitExtent([[30, 30], [W - 30, H - 150]], members).clipExtent([[0, 0], [W, H - 120]]);
  const path = geoPath(projection).digits(1);
  const fill = (f) => (f.id === "398" ? C.kz : isMember(f) ? C.member : isPartner(f) ? C.partner : C.other);
  const stroke = (f) => (f.id === "398" ? C.kzEdge : "#ffffff");
  const sphere = path({ type: "Sphere" });
  const words = {
    en: { title: "The OSCE area in 2010: 56 participating States from Vancouver to Vladivostok, Kazakhstan highlighted",
      astana: "Astana", vienna: "Vienna", vancouver: "Vancouver", vladivostok: "Vladivostok",
      members: "OSCE participating States (56 in 2010)", kz: "Kazakhstan, Chair in 2010",
      partners: "Partners for Co-operation (12 in 2010)", other: "Other countries",
      shapes: "Country shapes: Natural Earth (public domain)" },
    ru: { title: "Регион ОБСЕ в 2010 году: 56 государств-участников от Ванкувера до Владивостока, выделен Казахстан",
      astana: "Астана", vienna: "Вена", vancouver: "Ванкувер", vladivostok: "Владивосток",
      members: "Государства — участники ОБСЕ (56 в 2010 году)", kz: "Казахстан, председатель в 2010 году",
      partners: "Партнёры по сотрудничеству (12 в 2010 году)", other: "Другие страны",
      shapes: "Контуры стран: Natural Earth (общественное достояние)" },
    kk: { title: "2010 жылғы ЕҚЫҰ аймағы: Ванкуверден Владивостокқа дейінгі 56 қатысушы мемлекет, Қазақстан ерекшеленген",
      astana: "Астана", vienna: "Вена", vancouver: "Ванкувер", vladivostok: "Владивосток",
      members: "ЕҚЫҰ-ға қатысушы мемлекеттер (2010 жылы 56)", kz: "Қазақстан, 2010 жылғы төраға",
      partners: "Ынтымақтастық жөніндегі серіктестер (2010 жылы 12)", other: "Басқа елдер",
      shapes: "Ел контурлары: Natural Earth (қоғамдық игілік)" },
  };
  saveEach("osce-area-2010", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
<defs><clipPath id="frame"><rect width="${W}" height="${H - 120}"/></clipPath></defs>
<g clip-path="url(#frame)">
<path d="${sphere}" fill="#FFFFFF" stroke="none"/>
${countryPaths(path, fill, stroke, 0.7)}
${pin(projection, [71.43, 51.17], w.astana, { dx: 14, dy: -12 })}
${pin(projection, [16.37, 48.21], w.vienna, { dx: -14, dy: -12, anchor: "end" })}
${pin(projection, [-123.12, 49.28], w.vancouver, { dx: 14, dy: 28 })}
${pin(projection, [131.89, 43.12], w.vladivostok, { dx: -14, dy: 30, anchor: "end" })}
</g>
${legend(40, H - 96, [[C.member, w.members], [C.kz, w.kz]])}
${legend(760, H - 96, [[C.partner, w.partners], [C.other, w.other]])}
${text(W - 30, H - 18, w.shapes, { size: 16, fill: C.muted, anchor: "end" })}
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 2. Central Asia: the nuclear-weapon-free zone

{
  const W = 1600, H = 1000;
  const ZONE = new Set(["398", "417", "762", "795", "860"]);
  const bbox = {
    type: "Feature",
    geometry: { type: "Polygon", coordinates: [[[46, 35], [46, 56], [88, 56], [88, 35], [46, 35]]] },
  };
  const projection = geoConicEqualArea().parallels([38, 52]).rotate([-67, 0]);
  projection.fitExtent([[0, 0], [W, H - 110]], bbox).clipExtent([[-5, -5], [W + 5, H - 105]]);
  const path = geoPath(projection).digits(1);
  const fill = (f) => (ZONE.has(f.id) ? C.member : C.other);
  const label = (id, name, size = 30, [dx, dy] = [0, 0]) => {
    const f = countries.find((c) => c.id === id);
    const [x, y] = projection(geoCentroid(f));
    return text((x + dx).toFixed(1), (y + dy).toFixed(1), name, { size, weight: "bold", anchor: "middle", fill: C.text, extra: `stroke="${C.member}" stroke-width="4" paint-order="stroke"` });
  };
  const [sx, sy] = projection([78.0, 50.1]);
  const words = {
    en: { title: "Central Asia: the five states of the Central Asian Nuclear-Weapon-Free Zone and the former Semipalatinsk test site",
      kz: "KAZAKHSTAN", uz: "UZBEKISTAN", tm: "TURKMENISTAN", kg: "KYRGYZSTAN", tj: "TAJIKISTAN",
      site1: "Former Semipalatinsk", site2: "test site (closed 1991)", astana: "Astana", almaty: "Almaty",
      treaty: "Treaty on a Nuclear-Weapon-Free Zone in Central Asia: signed 8 September 2006, in force 21 March 2009",
      shapes: "Country shapes: Natural Earth (public domain)" },
    ru: { title: "Центральная Азия: пять государств зоны, свободной от ядерного оружия, и бывший Семипалатинский полигон",
      kz: "КАЗАХСТАН", uz: "УЗБЕКИСТАН", tm: "ТУРКМЕНИСТАН", kg: "КЫРГЫЗСТАН", tj: "ТАДЖИКИСТАН",
      site1: "Бывший Семипалатинский", site2: "полигон (закрыт в 1991 году)", astana: "Астана", almaty: "Алматы",
      treaty: "Договор о зоне, свободной от ядерного оружия, в Центральной Азии: подписан 8 сентября 2006 года, вступил в силу 21 марта 2009 года",
      shapes: "Контуры стран: Natural Earth (общественное достояние)" },
    kk: { title: "Орталық Азия: ядролық қарудан азат аймақтың бес мемлекеті және бұрынғы Семей полигоны",
      kz: "ҚАЗАҚСТАН", uz: "ӨЗБЕКСТАН", tm: "ТҮРІКМЕНСТАН", kg: "ҚЫРҒЫЗСТАН", tj: "ТӘЖІКСТАН",
      site1: "Бұрынғы Семей", site2: "полигоны (1991 жылы жабылған)", astana: "Астана", almaty: "Алматы",
      treaty: "Орталық Азиядағы ядролық қарудан азат аймақ туралы шарт: 2006 жылғы 8 қыркүйекте қол қойылды, 2009 жылғы 21 наурызда күшіне енді",
      shapes: "Ел контурлары: Natural Earth (қоғамдық игілік)" },
  };
  saveEach("central-asia-nwfz", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
<defs><clipPath id="frame"><rect width="${W}" height="${H - 110}"/></clipPath></defs>
<g clip-path="url(#frame)">
<rect width="${W}" height="${H}" fill="#FFFFFF"/>
${countryPaths(path, fill, () => "#ffffff", 1.2)}
${label("398", w.kz, 44, [0, -40])}
${label("860", w.uz, 26, [-30, -10])}
${label("795", w.tm, 26, [10, 10])}
${label("417", w.kg, 22, [10, -4])}
${label("762", w.tj, 22, [0, 8])}
<g transform="translate(${sx.toFixed(1)} ${sy.toFixed(1)})">
<circle r="34" fill="${C.kz}" fill-opacity="0.55" stroke="${C.kzEdge}" stroke-width="3"/>
<path d="M0 -14 L4 -4 L14 0 L4 4 L0 14 L-4 4 L-14 0 L-4 -4 Z" fill="${C.kzEdge}"/>
</g>
${text((sx + 44).toFixed(1), (sy + 8).toFixed(1), w.site1, { size: 24, weight: "bold", extra: `stroke="#fff" stroke-width="5" paint-order="stroke"` })}
${text((sx + 44).toFixed(1), (sy + 38).toFixed(1), w.site2, { size: 24, weight: "bold", extra: `stroke="#fff" stroke-width="5" paint-order="stroke"` })}
${pin(projection, [71.43, 51.17], w.astana, { dx: 0, dy: -18, anchor: "middle" })}
${pin(projection, [76.89, 43.24], w.almaty, { dx: 14, dy: 26 })}
</g>
${legend(40, H - 80, [[C.member, w.treaty]], fit(22, w.treaty, W - 120))}
${text(W - 30, H - 18, w.shapes, { size: 16, fill: C.muted, anchor: "end" })}
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 3. The flag of Kazakhstan, from its legal description (proportions 1:2)

{
  const H = 500, W = 1000;
  const cx = W / 2, cy = 0.42 * H;
  // Sun: a disc and 32 grain-shaped rays, long and short alternating.
  const rays = [];
  for (let i = 0; i < 32; i++) {
    const a = (i / 32) * Math.PI * 2;
    const inner = 0.205 * H, outer = (i % 2 === 0 ? 0.3 : 0.265) * H, half = 0.026 * H;
    const p = (r, da) => [cx + r * Math.sin(a + da), cy - r * Math.cos(a + da)];
    const mid = (inner + outer) / 2;
    const [x0, y0] = p(inner, 0), [x1, y1] = p(mid, half / mid), [x2, y2] = p(outer, 0), [x3, y3] = p(mid, -half / mid);
    rays.push(`<path d="M${x0.toFixed(1)} ${y0.toFixed(1)} Q${x1.toFixed(1)} ${y1.toFixed(1)} ${x2.toFixed(1)} ${y2.toFixed(1)} Q${x3.toFixed(1)} ${y3.toFixed(1)} ${x0.toFixed(1)} ${y0.toFixed(1)}Z"/>`);
  }
  // A soaring steppe eagle under the sun: broad wings raised towards it, feathered trailing
  // edge, fanned tail, head turned to the hoist. Built in a 200-unit-wide box (x -100..100),
  // then scaled to a wingspan of about 0.95 H.
  const qpt = (p0, c, p1, t) => [
    (1 - t) * (1 - t) * p0[0] + 2 * (1 - t) * t * c[0] + t * t * p1[0],
    (1 - t) * (1 - t) * p0[1] + 2 * (1 - t) * t * c[1] + t * t * p1[1],
  ];
  const wing = (side) => {
    const pts = [];
    const lead = [[-7, -8], [-52, -40], [-100, -42]];
    for (let i = 0; i <= 12; i++) pts.push(qpt(lead[0], lead[1], lead[2], i / 12));
    const trail = [[-100, -42], [-56, -6], [-8, 16]];
    const feathers = 7;
    for (let i = 0; i < feathers; i++) {
      const a = qpt(trail[0], trail[1], trail[2], (i + 0.55) / feathers);
      pts.push([a[0] - 7, a[1] + 9]);
      pts.push(qpt(trail[0], trail[1], trail[2], (i + 1) / feathers));
    }
    return "M" + pts.map(([x, y]) => `${(x * side).toFixed(1)} ${y.toFixed(1)}`).join(" L") + " Z";
  };
  const eagle = `
<g transform="translate(${cx} ${0.715 * H}) scale(${(0.95 * H) / 200})">
  <path d="${wing(1)}"/>
  <path d="${wing(-1)}"/>
  <path d="M0 -10 C9 -10 12 0 11 10 C10 20 6 26 0 28 C-6 26 -10 20 -11 10 C-12 0 -9 -10 0 -10 Z"/>
  <path d="M2 -8 C1 -16 -4 -22 -11 -22 C-16 -22 -20 -19 -22 -15 L-17 -15 C-19 -12 -18 -10 -15 -11 C-12 -12 -9 -10 -8 -6 Z"/>
  <path d="M-9 24 L-16 42 L-8 39 L-4 45 L0 40 L4 45 L8 39 L16 42 L9 24 Z"/>
</g>`;
  // Ornament (koshkar-muiz, "ram's horns") at the hoist: a vertical band of mirrored scrolls.
  const bandX = 0.054 * H, bandW = 0.14 * H;
  const unit = (top, h) => {
    const mx = bandX + bandW / 2, q = bandW / 2;
    const y = (f) => (top + f * h).toFixed(1);
    const x = (f) => (mx + f * q).toFixed(1);
    const half = (s) => `<path d="M${x(0)} ${y(0.05)} C${x(0.35 * s)} ${y(0.18)} ${x(0.95 * s)} ${y(0.12)} ${x(0.98 * s)} ${y(0.3)}
      C${x(1.0 * s)} ${y(0.45)} ${x(0.7 * s)} ${y(0.5)} ${x(0.55 * s)} ${y(0.4)} C${x(0.45 * s)} ${y(0.33)} ${x(0.55 * s)} ${y(0.25)} ${x(0.65 * s)} ${y(0.3)}
      C${x(0.55 * s)} ${y(0.36)} ${x(0.62 * s)} ${y(0.42)} ${x(0.72 * s)} ${y(0.39)} C${x(0.85 * s)} ${y(0.33)} ${x(0.8 * s)} ${y(0.2)} ${x(0.6 * s)} ${y(0.2)}
      C${x(0.35 * s)} ${y(0.2)} ${x(0.2 * s)} ${y(0.35)} ${x(0.2 * s)} ${y(0.5)} C${x(0.2 * s)} ${y(0.65)} ${x(0.35 * s)} ${y(0.8)} ${x(0.6 * s)} ${y(0.8)}
      C${x(0.8 * s)} ${y(0.8)} ${x(0.85 * s)} ${y(0.67)} ${x(0.72 * s)} ${y(0.61)} C${x(0.62 * s)} ${y(0.58)} ${x(0.55 * s)} ${y(0.64)} ${x(0.65 * s)} ${y(0.7)}
      C${x(0.55 * s)} ${y(0.75)} ${x(0.45 * s)} ${y(0.67)} ${x(0.55 * s)} ${y(0.6)} C${x(0.7 * s)} ${y(0.5)} ${x(1.0 * s)} ${y(0.55)} ${x(0.98 * s)} ${y(0.7)}
      C${x(0.95 * s)} ${y(0.88)} ${x(0.35 * s)} ${y(0.82)} ${x(0)} ${y(0.95)} Z"/>`;
    return half(1) + half(-1) + `<path d="M${x(-0.12)} ${y(0.5)} L${x(0)} ${y(0.36)} L${x(0.12)} ${y(0.5)} L${x(0)} ${y(0.64)} Z"/>`;
  };
  const units = [];
  const n = 5, gap = 0.012 * H, unitH = (H - gap * (n + 1)) / n;
  for (let i = 0; i < n; i++) units.push(unit(gap + i * (unitH + gap), unitH));
  save("flag-kazakhstan.svg", `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>Flag of Kazakhstan: a sky-blue field with a gold sun of 32 rays, a soaring steppe eagle and a national ornament at the hoist</title>
<rect width="${W}" height="${H}" fill="${C.flagBlue}"/>
<g fill="${C.flagGold}">
<circle cx="${cx}" cy="${cy}" r="${0.18 * H}"/>
${rays.join("\n")}
${eagle}
${units.join("\n")}
</g>
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 4. Timeline 1975-2010

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
      ["1975 ж. 1 тамыз", "Хельсинки қорытынды актісі", "35 мемлекет қол қойды"],
      ["1990 ж. қараша", "Париж хартиясы", "ЕҚЫК-тің алғашқы институттары"],
      ["1992 ж. 30 қаңтар", "Қазақстан Прагада", "ЕҚЫК-ке кіреді"],
      ["1995 ж. 1 қаңтар", "ЕҚЫК ЕҚЫҰ болып", "қайта құрылады"],
      ["2007 ж. қараша", "Мадрид: Қазақстан 2010", "жылға төраға болып сайланды"],
      ["2010", "Қазақстан төрағалығы;", "Астана саммиті, 1–2 желтоқсан"],
    ] },
  };
  // Year, side of the axis (-1 above), alignment when not the default.
  const placing = [[1975, -1], [1990, 1, "end"], [1992, -1], [1995, 1, "start"], [2007, -1], [2010, 1]];
  const ticks = [];
  for (let year = 1975; year <= 2010; year += 5) {
    ticks.push(`<line x1="${x(year)}" y1="${axisY - 10}" x2="${x(year)}" y2="${axisY + 10}" stroke="${C.muted}" stroke-width="2"/>` +
      text(x(year), axisY + 40, year, { size: 22, fill: C.muted, anchor: "middle" }));
  }
  const marks = (w) => placing.map(([year, side, align], i) => {
    const [date, line1, line2] = w.events[i];
    const cx = x(year), stem = side < 0 ? axisY - 120 : axisY + 120;
    const base = side < 0 ? stem - 96 : stem + 30;
    const anchor = align ?? (year === 1975 ? "start" : year === 2010 ? "end" : "middle");
    const dx = anchor === "start" ? -12 : anchor === "end" ? 12 : 0;
    return `<line x1="${cx}" y1="${axisY}" x2="${cx}" y2="${stem}" stroke="${C.accent}" stroke-width="3"/>` +
      `<circle cx="${cx}" cy="${axisY}" r="12" fill="${year === 1992 || year === 2010 ? C.kz : C.accent}" stroke="#fff" stroke-width="3"/>` +
      text(cx + dx, base, date, { size: 24, weight: "bold", fill: C.accent, anchor }) +
      text(cx + dx, base + 32, line1, { size: 24, anchor }) +
      text(cx + dx, base + 62, line2, { size: 24, anchor });
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

{
  const W = 1600, H = 820;
  // The motto was given in English (the T's); the other languages keep the four words and
  // explain each in their own.
  const words = {
    en: { title: "The motto of the 2010 chairmanship: Trust, Tradition, Transparency, Tolerance", tiles: [
      ["Trust", "rebuilt between States", "in a time of change"],
      ["Tradition", "loyalty to the OSCE's", "founding principles"],
      ["Transparency", "openness, no double", "standards or dividing lines"],
      ["Tolerance", "dialogue between", "cultures and civilisations"],
    ] },
    ru: { title: "Девиз председательства 2010 года: Trust, Tradition, Transparency, Tolerance — доверие, традиции, транспарентность, толерантность", tiles: [
      ["Trust", "доверие: восстанавливать его", "в эпоху перемен"],
      ["Tradition", "традиции: верность", "основам ОБСЕ"],
      ["Transparency", "транспарентность: открытость", "без двойных стандартов"],
      ["Tolerance", "толерантность: диалог", "культур и цивилизаций"],
    ] },
    kk: { title: "2010 жылғы төрағалықтың ұраны: Trust, Tradition, Transparency, Tolerance — сенім, дәстүр, ашықтық, төзімділік", tiles: [
      ["Trust", "сенім: өзгерістер заманында", "оны қайта орнату"],
      ["Tradition", "дәстүр: ЕҚЫҰ-ның негізгі", "қағидаттарына адалдық"],
      ["Transparency", "ашықтық: қос стандарт пен", "бөлу сызықтарынсыз"],
      ["Tolerance", "төзімділік: мәдениеттер мен", "өркениеттер арасындағы диалог"],
    ] },
  };
  const tw = 740, th = 360, gx = (W - 2 * tw) / 3, gy = (H - 2 * th) / 3;
  const parts = (w) => w.tiles.map(([word, l1, l2], i) => {
    const x = gx + (i % 2) * (tw + gx), y = gy + Math.floor(i / 2) * (th + gy);
    const lines = fit(34, l1.length > l2.length ? l1 : l2, tw - 215);
    return `<rect x="${x}" y="${y}" width="${tw}" height="${th}" rx="28" fill="${i % 3 === 0 ? C.member : "#CFE4EA"}"/>` +
      `<text x="${x + 56}" y="${y + 170}" ${FONT} font-size="150" font-weight="bold" fill="${C.accent}">T</text>` +
      text(x + 200, y + 130, word, { size: 64, weight: "bold" }) +
      text(x + 200, y + 200, l1, { size: lines, fill: C.text }) +
      text(x + 200, y + 246, l2, { size: lines, fill: C.text });
  });
  saveEach("four-ts", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
${parts(w).join("\n")}
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 7. The inherited arsenal: 1,410 strategic warheads, one dot each

{
  const W = 1600, H = 640;
  const cols = 60, r = 6.5, step = 17, left = 80, top = 90;
  const dots = [];
  for (let i = 0; i < 1410; i++) {
    const cx = left + (i % cols) * step, cy = top + Math.floor(i / cols) * step;
    dots.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${i < 1040 ? C.accent : C.kz}"/>`);
  }
  const right = left + cols * step + 40;
  const words = {
    en: { title: "1,410 Soviet strategic nuclear warheads were left in Kazakhstan in 1991, one dot each",
      key: "One dot = one strategic warhead left in Kazakhstan in 1991", n1: "1,040", a1: "on 104 SS-18 missiles,", a2: "10 warheads each",
      b1: "air-launched cruise", b2: "missiles for 40 bombers", total: "1,410", c1: "in all, plus tactical", c2: "weapons",
      footer: "All were moved to Russia by April 1995." },
    ru: { title: "1410 советских стратегических ядерных боеголовок остались в Казахстане в 1991 году, по точке на каждую",
      key: "Одна точка — одна стратегическая боеголовка, оставшаяся в Казахстане в 1991 году", n1: "1040", a1: "на 104 ракетах SS-18,", a2: "по 10 боеголовок",
      b1: "крылатых ракет для", b2: "40 бомбардировщиков", total: "1410", c1: "всего, а также", c2: "тактическое оружие",
      footer: "Все были вывезены в Россию к апрелю 1995 года." },
    kk: { title: "1991 жылы Қазақстанда кеңестік 1410 стратегиялық ядролық оқтұмсық қалды, әрқайсысына бір нүкте",
      key: "Бір нүкте — 1991 жылы Қазақстанда қалған бір стратегиялық оқтұмсық", n1: "1040", a1: "104 SS-18 зымыранында,", a2: "әрқайсысында 10-нан",
      b1: "40 бомбалаушы ұшаққа", b2: "арналған қанатты зымыран", total: "1410", c1: "барлығы, сондай-ақ", c2: "тактикалық қару",
      footer: "Барлығы 1995 жылдың сәуіріне қарай Ресейге әкетілді." },
  };
  const small = (w) => fit(26, [w.a1, w.a2, w.b1, w.b2, w.c1, w.c2].reduce((a, b) => (b.length > a.length ? b : a)), W - right - 60);
  saveEach("arsenal", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
${text(left - 6, 50, w.key, { size: 28, fill: C.muted })}
${dots.join("")}
<circle cx="${right + 14}" cy="${top + 6}" r="14" fill="${C.accent}"/>
${text(right + 44, top + 16, w.n1, { size: 44, weight: "bold", fill: C.accent })}
${text(right + 44, top + 56, w.a1, { size: small(w) })}
${text(right + 44, top + 88, w.a2, { size: small(w) })}
<circle cx="${right + 14}" cy="${top + 176}" r="14" fill="${C.kz}"/>
${text(right + 44, top + 186, "370", { size: 44, weight: "bold", fill: "#A77800" })}
${text(right + 44, top + 226, w.b1, { size: small(w) })}
${text(right + 44, top + 258, w.b2, { size: small(w) })}
${text(right + 10, top + 360, w.total, { size: 64, weight: "bold" })}
${text(right + 10, top + 400, w.c1, { size: small(w) })}
${text(right + 10, top + 432, w.c2, { size: small(w) })}
${text(left - 6, H - 40, w.footer, { size: 28, weight: "bold" })}
</svg>`);
}
