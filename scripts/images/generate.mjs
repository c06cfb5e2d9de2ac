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

// Each module draws its pictures when imported, in this order.
import "./maps.mjs";
import "./flag.mjs";
import "./diagrams.mjs";
