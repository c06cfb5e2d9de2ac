#!/usr/bin/env python3
"""Draws Lectern's icon (assets/icons/lectern.svg): a lectern seen from the front, its slanted
desk holding a slide, on a rounded square in the app's teal. Written by hand from shapes, no
logo or artwork of anyone's; PNG sizes are rendered from it by scripts/package-files.sh.
Run: python3 scripts/icon.py"""
from pathlib import Path

TEAL, DARK, PAPER, WOOD = "#0e7c86", "#0b3c49", "#f4f1ea", "#c9a46a"

def icon() -> str:
    parts = [
        f'<rect x="8" y="8" width="240" height="240" rx="48" fill="{TEAL}"/>',
        # The desk: a slanted board with a slide on it.
        f'<path d="M52 70 L204 70 L216 112 L40 112 Z" fill="{WOOD}" stroke="{DARK}" stroke-width="6" stroke-linejoin="round"/>',
        f'<rect x="78" y="40" width="100" height="56" rx="6" fill="{PAPER}" stroke="{DARK}" stroke-width="6"/>',
        f'<rect x="92" y="54" width="60" height="8" rx="4" fill="{TEAL}"/>',
        f'<rect x="92" y="70" width="44" height="6" rx="3" fill="{DARK}" opacity="0.5"/>',
        # The stand and its foot.
        f'<rect x="114" y="112" width="28" height="92" fill="{WOOD}" stroke="{DARK}" stroke-width="6"/>',
        f'<rect x="70" y="200" width="116" height="20" rx="8" fill="{WOOD}" stroke="{DARK}" stroke-width="6"/>',
    ]
    body = "\n  ".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\n'
            f'  <title>Lectern</title>\n  {body}\n</svg>\n')

if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "assets" / "icons" / "lectern.svg"
    out.write_text(icon())
    print(f"wrote {out}")
