// The flag of Kazakhstan: not drawn here, but copied unchanged from the npm package
// `svg-country-flags` 1.2.10 (public domain; its README says the files were taken from
// Wikipedia, whose Flag_of_Kazakhstan.svg is in the public domain). That file is the flag at
// its legal proportions 1:2 (viewBox 2000 x 1000), sky blue #00AFCA, gold #FEC50C, a sun of 32
// rays over a soaring steppe eagle and the ram's-horn ornament at the hoist, and it already
// has an English <title>. See THIRD-PARTY-NOTICES.md.
//
// assets/images/flag-kazakhstan.png (480 x 240, used by slides/showcase.ron) is made from the
// SVG written here by the app's own renderer, by hand after a change:
//
//   render_image assets/images/flag-kazakhstan.svg assets/images/flag-kazakhstan.png 480x240
//
// (`render_image` is the binary of Lectern's examples: `cargo run --release --example
// render_image -- IN.svg OUT.png WxH`.)

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { here, save } from "./lib.mjs";

save("flag-kazakhstan.svg", readFileSync(join(here, "node_modules", "svg-country-flags", "svg", "kz.svg"), "utf8"));
