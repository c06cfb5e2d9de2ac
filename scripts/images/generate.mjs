// Generates the bundled deck's images as SVG into assets/images/.
//
//   cd scripts/images && npm ci && node generate.mjs
//
// Maps: Natural Earth 1:50m country shapes (public domain) from the npm package
// `world-atlas` 2.0.2 (ISC), simplified to each map's scale with `topojson-simplify` (ISC)
// and projected with `d3-geo` (ISC) after `topojson-client` (ISC) decodes them. The flag of
// Kazakhstan is copied unchanged from the npm package
// `svg-country-flags` 1.2.10 (public domain, from Wikipedia's flag drawings; 1:2); its PNG
// copy for slides/showcase.ron is rendered from it by hand (see flag.mjs). Diagrams are
// drawn from the checked facts in shared/content/chairmanship-facts.md.
// Text in the SVGs uses "Noto Sans", which Lectern embeds and hands to its SVG renderer.

// Each module draws its pictures when imported, in this order.
import "./maps.mjs";
import "./flag.mjs";
import "./diagrams.mjs";
