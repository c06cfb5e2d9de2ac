// The two maps: the OSCE area in 2010 and Central Asia's nuclear-weapon-free zone, from
// Natural Earth 1:50m country shapes (public domain) in the npm package `world-atlas`.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feature } from "topojson-client";
import { geoAzimuthalEqualArea, geoConicEqualArea, geoPath, geoCentroid } from "d3-geo";
import { C, esc, fit, here, legend, pin, saveEach, text } from "./lib.mjs";

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
