// What every picture shares: the deck's colours, the font, text and legend helpers, and
// writing a file once per language.

import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "assets", "images");
mkdirSync(out, { recursive: true });

// Colours shared with the deck's theme (slides/chairmanship.ron).
export const C = {
  bg: "#F7F5F0",
  text: "#1B2433",
  muted: "#5E6675",
  accent: "#00829B",
  member: "#8CC3D1",
  memberEdge: "#F7F5F0",
  kz: "#E3A300",
  kzEdge: "#8A6400",
  partner: "#B9C99E",
  other: "#E4E0D7",
  flagBlue: "#00AFCA",
  flagGold: "#FEC50C",
};

export const FONT = `font-family="Noto Sans"`;

export function save(name, svg) {
  writeFileSync(join(out, name), svg.trim() + "\n");
  console.log(`wrote ${name} (${svg.length} bytes)`);
}

// Images with words in them are written once per language of the deck: `name.svg` in
// English (the default) and `name.ru.svg`, `name.kk.svg`; the deck maps each language to its
// file. `words[lang]` holds each image's labels.
export const LANGS = ["en", "ru", "kk"];
export function saveEach(name, words, draw) {
  for (const lang of LANGS) {
    save(lang === "en" ? `${name}.svg` : `${name}.${lang}.svg`, draw(words[lang]));
  }
}

// A font size at most `size` at which `content` fits `width` (Noto Sans averages a little
// over half an em per character), for labels whose translations run longer.
export function fit(size, content, width) {
  return Math.min(size, Math.floor(width / (String(content).length * 0.56)));
}

// The rough width of `content` at `size` in Noto Sans (capitals and digits wider, spaces
// narrower), for wrapping legends and sizing lines to a box.
export function textWidth(content, size) {
  let em = 0;
  for (const ch of String(content)) {
    em += ch === " " ? 0.26 : /[0-9]/.test(ch) ? 0.57 : /[.,:;()'’\-—–]/.test(ch) ? 0.32
      : /[а-яёәғқңөұүһі]/i.test(ch) ? (ch !== ch.toLowerCase() ? 0.7 : 0.58) : ch !== ch.toLowerCase() ? 0.66 : 0.51;
  }
  return em * size;
}

export function esc(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function text(x, y, content, { size = 24, weight = "normal", fill = C.text, anchor = "start", extra = "" } = {}) {
  return `<text x="${x}" y="${y}" ${FONT} font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}" ${extra}>${esc(content)}</text>`;
}

export function pin(projection, [lon, lat], label, { dx = 12, dy = -10, anchor = "start", size = 22 } = {}) {
  const [x, y] = projection([lon, lat]);
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="7" fill="${C.text}" stroke="#fff" stroke-width="2.5"/>` +
    text((x + dx).toFixed(1), (y + dy).toFixed(1), label, { size, weight: "bold", anchor, extra: `stroke="${C.bg}" stroke-width="5" paint-order="stroke"` });
}

export function legend(x, y, rows, size = 22) {
  return rows
    .map(([fill, label], i) => {
      const top = y + i * (size + 14);
      return `<rect x="${x}" y="${top}" width="${size}" height="${size}" rx="4" fill="${fill}" stroke="${C.muted}" stroke-width="1"/>` +
        text(x + size + 12, top + size * 0.82, label, { size });
    })
    .join("\n");
}
