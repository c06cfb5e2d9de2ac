// The two maps: the OSCE area in 2010 and Central Asia's nuclear-weapon-free zone, from
// Natural Earth 1:50m country shapes (public domain) in the npm package `world-atlas`. Each map
// simplifies them to its own scale with `topojson-simplify` (Visvalingam's method on the
// topology, so a border shared by two countries stays shared), which keeps the files small and
// quick to draw. The maps carry no credit line of their own: the deck's slides credit Natural
// Earth under each map (a second credit inside the picture only repeated it).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feature, merge, mesh } from "topojson-client";
import { presimplify, simplify, filter, filterAttachedWeight, sphericalRingArea, sphericalTriangleArea } from "topojson-simplify";
import { geoArea, geoBounds, geoConicEqualArea, geoContains, geoEqualEarth, geoPath, geoCentroid } from "d3-geo";
import { C, esc, here, pin, saveEach, text, textWidth } from "./lib.mjs";

// ---------------------------------------------------------------------------------------------
// Country data

const atlasPath = join(here, "node_modules", "world-atlas", "countries-50m.json");
const topology = JSON.parse(readFileSync(atlasPath, "utf8"));
const geometries = topology.objects.countries.geometries;

// Natural Earth draws the line of control since 2014, with Crimea inside Russia. In 2010 the
// peninsula was Ukraine's: its polygon (the one holding Simferopol) moves from Russia's shape
// to Ukraine's, so it takes Ukraine's colour and no border is drawn across the isthmus.
{
  const polygons = (g) => (g.type === "Polygon" ? [g.arcs] : g.arcs);
  const setPolygons = (g, polys) => Object.assign(g, polys.length === 1 ? { type: "Polygon", arcs: polys[0] } : { type: "MultiPolygon", arcs: polys });
  const russia = geometries.find((g) => g.id === "643"), ukraine = geometries.find((g) => g.id === "804");
  const crimea = polygons(russia).filter((p) => geoContains(feature(topology, { type: "Polygon", arcs: p }), [34.1, 44.95]));
  const [[west, south], [east, north]] = crimea.length === 1 ? geoBounds(feature(topology, { type: "Polygon", arcs: crimea[0] })) : [[0, 0], [0, 0]];
  if (crimea.length !== 1 || west < 32 || east > 37 || south < 44 || north > 46.5) throw new Error("Crimea not found as one polygon of Russia's shape");
  setPolygons(russia, polygons(russia).filter((p) => p !== crimea[0]));
  setPolygons(ukraine, [...polygons(ukraine), crimea[0]]);
}

const countries = feature(topology, topology.objects.countries).features;
// Each point's weight for simplification: the area of the triangle it makes with its neighbours.
const weighted = presimplify(topology, sphericalTriangleArea);

// The 56 participating States in 2010, by ISO 3166-1 numeric id (checked against this file).
const PARTICIPATING = new Set([
  "008", "020", "051", "040", "031", "112", "056", "070", "100", "124", "191", "196", "203", "208",
  "233", "246", "250", "268", "276", "300", "336", "348", "352", "372", "380", "398", "417", "428",
  "438", "440", "442", "470", "498", "492", "499", "528", "807", "578", "616", "620", "642", "643",
  "674", "688", "703", "705", "724", "752", "756", "762", "792", "795", "804", "826", "840", "860",
]);
if (PARTICIPATING.size !== 56) throw new Error(`expected 56 participating States, got ${PARTICIPATING.size}`);
// Partners for Co-operation in 2010: six Mediterranean (Algeria, Egypt, Israel, Jordan, Morocco,
// Tunisia) and six Asian (Afghanistan, Japan, Republic of Korea, Mongolia, Thailand, and
// Australia, whose id 036 the atlas also gives Ashmore and Cartier Is.). Mongolia was a Partner
// until it joined as the 57th participating State in 2012.
const PARTNERS = new Set(["012", "818", "376", "400", "504", "788", "004", "392", "410", "496", "764", "036"]);
if (PARTNERS.size !== 12) throw new Error(`expected 12 Partners, got ${PARTNERS.size}`);

// Territories the atlas draws apart from their State, by id (or by name where the atlas has no
// id), and the State they belong to: each takes its State's colour.
const STATE_OF = {
  "304": "208", "234": "208", // Greenland, Faroe Islands: Denmark
  "248": "246", // Åland: Finland
  "630": "840", "850": "840", "316": "840", "580": "840", "016": "840", // Puerto Rico, U.S. Virgin Is., Guam, N. Mariana Is., American Samoa
  "832": "826", "831": "826", "833": "826", "060": "826", "136": "826", "092": "826", "796": "826", "660": "826",
  "500": "826", "238": "826", "239": "826", "654": "826", "086": "826", "612": "826", // Crown Dependencies, British overseas territories
  "666": "250", "876": "250", "663": "250", "652": "250", "258": "250", "540": "250", "260": "250", // French overseas collectivities
  "533": "528", "531": "528", "534": "528", // Aruba, Curaçao, Sint Maarten: Kingdom of the Netherlands
  "574": "036", "334": "036", "Indian Ocean Ter.": "036", // Norfolk, Heard and McDonald, Christmas and Cocos: Australia
  "N. Cyprus": "196", // Cyprus
};
// Inside the OSCE area but not participating States: coloured as the area around them.
// Northern Cyprus has no line of its own (it is drawn as a territory of Cyprus, above). Kosovo
// has no line towards Serbia, which would read as one more participating State; its
// boundaries with Albania, North Macedonia and Montenegro are drawn, since they were borders
// of participating States in 2010 on any reading.
const AREA_COLOURED = new Set(["Kosovo", "N. Cyprus"]);
const NO_LINE_BETWEEN = [["Kosovo", "688"]]; // by name where the atlas has no id
const stateOf = (f) => STATE_OF[f.id] ?? STATE_OF[f.properties.name] ?? f.id;
const key = (f) => f.id ?? f.properties.name;
const lineBetween = (a, b) => stateOf(a) !== stateOf(b) &&
  !NO_LINE_BETWEEN.some(([x, y]) => (key(a) === x && key(b) === y) || (key(a) === y && key(b) === x));

const missing = [...PARTICIPATING, ...PARTNERS].filter((id) => !countries.some((f) => f.id === id));
if (missing.length) throw new Error(`ids missing from the atlas: ${missing.join(", ")}`);
for (const name of [...Object.keys(STATE_OF), ...AREA_COLOURED, ...NO_LINE_BETWEEN.flat()]) {
  if (!countries.some((f) => f.id === name || f.properties.name === name)) throw new Error(`territory ${name} missing from the atlas`);
}

// ---------------------------------------------------------------------------------------------
// Legends that wrap: each row is a swatch (or a dot) and text broken into lines at most `width`
// pixels wide, by Noto Sans's rough widths (capitals and digits wider, spaces narrower).

// Breaks between words, but never inside brackets, between a number and the word after it, or
// inside an item of a list (a list is an array, joined with commas).
function wrap(content, size, width) {
  const units = [];
  if (Array.isArray(content)) content.forEach((item, i) => units.push(i < content.length - 1 ? `${item},` : item));
  else {
    for (const word of content.split(" ")) {
      const last = units[units.length - 1];
      const open = last !== undefined && (last.split("(").length > last.split(")").length || /^[0-9]+$/.test(last));
      if (open) units[units.length - 1] = `${last} ${word}`;
      else units.push(word);
    }
  }
  const lines = [];
  for (const unit of units) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${unit}`, size) <= width) lines[lines.length - 1] = `${last} ${unit}`;
    else lines.push(unit);
  }
  return lines;
}

// Rows of [fill or "dot", text, more text starting on a new line]; text has a halo of the
// slide's colour where it crosses small islands.
function wrappedLegend(x, y, rows, { size = 24, width = 400, halo = C.bg } = {}) {
  const lead = Math.round(size * 1.22), gap = Math.round(size * 0.5);
  const out = [];
  for (const [fill, content, more] of rows) {
    const lines = [...wrap(content, size, width), ...(more ? wrap(more, size, width) : [])];
    out.push(fill === "dot"
      ? `<circle cx="${x + size / 2}" cy="${y + size / 2}" r="${dotR}" fill="${C.member}" stroke="${C.text}" stroke-width="${dotStroke}"/>`
      : `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="4" fill="${fill}" stroke="${C.muted}" stroke-width="1"/>`);
    lines.forEach((line, i) => out.push(text(x + size + 12, (y + size * 0.82 + i * lead).toFixed(1), line,
      { size, extra: `stroke="${halo}" stroke-width="4" paint-order="stroke"` })));
    y += lines.length * lead + gap;
  }
  return out.join("\n");
}
const dotR = 5, dotStroke = 2;

// ---------------------------------------------------------------------------------------------
// 1. The OSCE area in 2010, Kazakhstan highlighted
//
// The whole world but Antarctica on the Equal Earth projection, cut in the Bering Strait (so
// Vancouver is at the left and Vladivostok at the right) and as wide as the slide shows it
// (1728 x 760 px on a 1920 x 1080 screen, so one unit here is one pixel there). The sea is left
// clear (the slide's background shows); the legends sit in the South Pacific and the Indian
// Ocean. Shapes are simplified to what shows at this scale, each colour is one merged shape,
// and the borders are drawn once over them as white lines.

{
  const W = 1728, H = 760;
  // The map is cut at this meridian: east of Russia's Cape Dezhnev (169.73° W) and west of
  // Alaska's Cape Prince of Wales (168.08° W). St Lawrence Island shows beside Chukotka.
  const CUT = -168.65, SOUTH = -56, NORTH = 84;
  const projection = geoEqualEarth().rotate([-(CUT + 180), 0]).precision(0.2);
  const rim = [];
  for (let lon = CUT + 1e-6; lon <= CUT + 360; lon += 1) rim.push([lon, SOUTH], [lon, NORTH]);
  for (let lat = SOUTH; lat <= NORTH; lat += 1) rim.push([CUT + 1e-6, lat], [CUT + 360 - 1e-6, lat]);
  projection.fitExtent([[4, 6], [W - 4, H - 6]], { type: "MultiPoint", coordinates: rim });
  const path = geoPath(projection).digits(1);

  // Simplify to the scale: drop points whose triangle is under one square pixel, and islands
  // under half of one (Equal Earth keeps areas, so a steradian is the same size everywhere).
  const pxPerSr = geoPath(geoEqualEarth().scale(projection.scale())).area({ type: "Sphere" }) / (4 * Math.PI);
  let topo = simplify(weighted, 1 / pxPerSr);
  topo = filter(topo, filterAttachedWeight(topo, 0.5 / pxPerSr, sphericalRingArea));
  const shapes = topo.objects.countries.geometries.filter((g) => g.type && g.id !== "010"); // no Antarctica
  const info = (g) => ({ id: g.id, properties: g.properties });
  const kind = (g) => {
    if (AREA_COLOURED.has(g.properties.name)) return "member";
    const state = stateOf(info(g));
    return state === "398" ? "kz" : PARTICIPATING.has(state) ? "member" : PARTNERS.has(state) ? "partner" : "other";
  };
  const FILL = { other: C.other, partner: C.partner, member: C.member };
  const fills = Object.entries(FILL)
    .map(([k, colour]) => `<path d="${path(merge(topo, shapes.filter((g) => kind(g) === k)))}" fill="${colour}"/>`)
    .join("\n");
  // Borders between States, once each: none between a territory and its State, none around
  // northern Cyprus and none between Kosovo and Serbia (see AREA_COLOURED above).
  const borders = path(mesh(topo, { type: "GeometryCollection", geometries: shapes },
    (a, b) => a !== b && lineBetween(info(a), info(b))));
  const kz = path(merge(topo, shapes.filter((g) => g.id === "398")));

  // Participating States too small to see at this scale get a dot at their centre.
  const SMALL = ["020", "336", "438", "442", "470", "492", "674"];
  const dots = SMALL.map((id) => {
    const [x, y] = projection(geoCentroid(countries.find((f) => f.id === id)));
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${dotR}" fill="${C.member}" stroke="${C.text}" stroke-width="${dotStroke}"/>`;
  }).join("\n");
  const words = {
    en: { title: "The OSCE area in 2010: 56 participating States from Vancouver to Vladivostok, Kazakhstan highlighted",
      astana: "Astana", vienna: "Vienna", vancouver: "Vancouver", vladivostok: "Vladivostok",
      members: "OSCE participating States (56 in 2010)", kz: "Kazakhstan, Chair in 2010",
      partners: "Partners for Co-operation (12 in 2010)", other: "Other countries",
      small: "Too small to show at this scale:", smallNames: ["Andorra", "Holy See", "Liechtenstein", "Luxembourg", "Malta", "Monaco", "San Marino"] },
    ru: { title: "Регион ОБСЕ в 2010 году: 56 государств-участников от Ванкувера до Владивостока, выделен Казахстан",
      astana: "Астана", vienna: "Вена", vancouver: "Ванкувер", vladivostok: "Владивосток",
      members: "Государства — участники ОБСЕ (56 в 2010 году)", kz: "Казахстан, председатель в 2010 году",
      partners: "Партнёры по сотрудничеству (12 в 2010 году)", other: "Другие страны",
      small: "Слишком малы для этого масштаба:", smallNames: ["Андорра", "Лихтенштейн", "Люксембург", "Мальта", "Монако", "Сан-Марино", "Святейший Престол"] },
    kk: { title: "2010 жылғы ЕҚЫҰ аймағы: Ванкуверден Владивостокқа дейінгі 56 қатысушы мемлекет, Қазақстан ерекшеленген",
      astana: "Астана", vienna: "Вена", vancouver: "Ванкувер", vladivostok: "Владивосток",
      members: "ЕҚЫҰ-ға қатысушы мемлекеттер (2010 жылы 56)", kz: "Қазақстан, 2010 жылғы төраға",
      partners: "Ынтымақтастық жөніндегі серіктестер (2010 жылы 12)", other: "Басқа елдер",
      small: "Бұл масштабта көрінбейді:", smallNames: ["Андорра", "Қасиетті Тақ", "Лихтенштейн", "Люксембург", "Мальта", "Монако", "Сан-Марино"] },
  };
  const LABEL = 24;
  saveEach("osce-area-2010", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
${fills}
<path d="${borders}" fill="none" stroke="#FFFFFF" stroke-width="0.7" stroke-linejoin="round"/>
<path d="${kz}" fill="${C.kz}" stroke="${C.kzEdge}" stroke-width="1" stroke-linejoin="round"/>
${dots}
${pin(projection, [71.43, 51.17], w.astana, { dx: 14, dy: -12, size: LABEL })}
${pin(projection, [16.37, 48.21], w.vienna, { dx: 14, dy: -12, size: LABEL })}
${pin(projection, [-123.12, 49.28], w.vancouver, { dx: 14, dy: 28, size: LABEL })}
${pin(projection, [131.89, 43.12], w.vladivostok, { dx: 12, dy: -12, size: LABEL })}
${wrappedLegend(24, 470, [[C.member, w.members], [C.kz, w.kz], [C.partner, w.partners], [C.other, w.other]], { size: LABEL, width: 390 })}
${wrappedLegend(1058, 478, [["dot", w.small, w.smallNames]], { size: LABEL, width: 214 })}
</svg>`);
}

// ---------------------------------------------------------------------------------------------
// 2. Central Asia: the nuclear-weapon-free zone
//
// Sized as the slide shows it under its title and caption (about 1534 x 698 px on a 1920 x 1080
// screen), the five States whole with a margin, the legend in a band below the map.

{
  const W = 1530, H = 696, MAP_H = 614;
  const ZONE = new Set(["398", "417", "762", "795", "860"]);
  const zone = merge(topology, geometries.filter((g) => ZONE.has(g.id)));
  const projection = geoConicEqualArea().parallels([38, 52]).rotate([-67, 0]).precision(0.2);
  projection.fitExtent([[0, 26], [W, MAP_H - 22]], zone);
  projection.clipExtent([[0, 0], [W, MAP_H]]);
  const path = geoPath(projection).digits(1);
  const pxPerSr = path.area(zone) / geoArea(zone);
  const topo = simplify(weighted, 0.3 / pxPerSr);
  const shapes = topo.objects.countries.geometries.filter((g) => g.type);
  const fills = `<path d="${path(merge(topo, shapes.filter((g) => !ZONE.has(g.id))))}" fill="${C.other}"/>\n` +
    `<path d="${path(merge(topo, shapes.filter((g) => ZONE.has(g.id))))}" fill="${C.member}"/>`;
  const borders = path(mesh(topo, topo.objects.countries, (a, b) => a !== b));
  // Country names at hand-picked points where each fits inside its State.
  const label = (at, name, size) => {
    const [x, y] = projection(at);
    return text(x.toFixed(1), y.toFixed(1), name, { size, weight: "bold", anchor: "middle", fill: C.text, extra: `stroke="${C.member}" stroke-width="5" paint-order="stroke"` });
  };
  const [sx, sy] = projection([78.0, 50.1]);
  const words = {
    en: { title: "Central Asia: the five states of the Central Asian Nuclear-Weapon-Free Zone and the former Semipalatinsk test site",
      kz: "KAZAKHSTAN", uz: "UZBEKISTAN", tm: "TURKMENISTAN", kg: "KYRGYZSTAN", tj: "TAJIKISTAN",
      site1: "Former Semipalatinsk", site2: "test site (closed 1991)", astana: "Astana", almaty: "Almaty",
      treaty: "Treaty on a Nuclear-Weapon-Free Zone in Central Asia: signed 8 September 2006, in force 21 March 2009" },
    ru: { title: "Центральная Азия: пять государств зоны, свободной от ядерного оружия, и бывший Семипалатинский полигон",
      kz: "КАЗАХСТАН", uz: "УЗБЕКИСТАН", tm: "ТУРКМЕНИСТАН", kg: "КЫРГЫЗСТАН", tj: "ТАДЖИКИСТАН",
      site1: "Бывший Семипалатинский", site2: "полигон (закрыт в 1991 году)", astana: "Астана", almaty: "Алматы",
      treaty: "Договор о зоне, свободной от ядерного оружия, в Центральной Азии: подписан 8 сентября 2006 года, вступил в силу 21 марта 2009 года" },
    kk: { title: "Орталық Азия: ядролық қарудан азат аймақтың бес мемлекеті және бұрынғы Семей полигоны",
      kz: "ҚАЗАҚСТАН", uz: "ӨЗБЕКСТАН", tm: "ТҮРІКМЕНСТАН", kg: "ҚЫРҒЫЗСТАН", tj: "ТӘЖІКСТАН",
      site1: "Бұрынғы Семей", site2: "полигоны (1991 жылы жабылған)", astana: "Астана", almaty: "Алматы",
      treaty: "Орталық Азиядағы ядролық қарудан азат аймақ туралы шарт: 2006 жылғы 8 қыркүйекте қол қойылды, 2009 жылғы 21 наурызда күшіне енді" },
  };
  const SIZE = 24;
  // Tajikistan is narrow where its name goes: a longer name (Russian) is set smaller, so that
  // it and its halo stay inside the country.
  const TJ_WIDTH = 165;
  const siteText = (dy, content) => text((sx - 46).toFixed(1), (sy + dy).toFixed(1), content,
    { size: SIZE, weight: "bold", anchor: "end", extra: `stroke="${C.member}" stroke-width="5" paint-order="stroke"` });
  saveEach("central-asia-nwfz", words, (w) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<title>${esc(w.title)}</title>
${fills}
<path d="${borders}" fill="none" stroke="#FFFFFF" stroke-width="1.2" stroke-linejoin="round"/>
${label([66.2, 46.4], w.kz, 40)}
${label([63.2, 41.6], w.uz, SIZE)}
${label([59.0, 39.0], w.tm, SIZE)}
${label([74.2, 41.45], w.kg, SIZE)}
${label([70.35, 38.38], w.tj, Math.min(SIZE, Math.floor((SIZE * TJ_WIDTH) / textWidth(w.tj, SIZE))))}
<g transform="translate(${sx.toFixed(1)} ${sy.toFixed(1)})">
<circle r="30" fill="${C.kz}" fill-opacity="0.55" stroke="${C.kzEdge}" stroke-width="3"/>
<path d="M0 -13 L4 -4 L13 0 L4 4 L0 13 L-4 4 L-13 0 L-4 -4 Z" fill="${C.kzEdge}"/>
</g>
${siteText(34, w.site1)}
${siteText(64, w.site2)}
${pin(projection, [71.43, 51.17], w.astana, { dx: 0, dy: -18, anchor: "middle", size: SIZE })}
${pin(projection, [76.89, 43.24], w.almaty, { dx: -14, dy: -12, anchor: "end", size: SIZE })}
<line x1="0" y1="${MAP_H}" x2="${W}" y2="${MAP_H}" stroke="${C.muted}" stroke-width="1"/>
${wrappedLegend(24, MAP_H + 14, [[C.member, w.treaty]], { size: SIZE, width: W - 24 - 36 - 24 })}
</svg>`);
}
