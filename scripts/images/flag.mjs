// The flag of Kazakhstan.

import { C, save } from "./lib.mjs";

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
