//! Writes a deck of N large synthetic photographs (JPEG, 4000x3000 by default) for the
//! media benchmarks: `cargo run --release --example make_photo_deck -- DIR N [WIDTHxHEIGHT]`.
//! DIR gets `deck-N.ron` and `photos/photo-NN.jpg` (photos already there are kept, so decks
//! of several sizes share them).

#[path = "../benches/support/photo.rs"]
mod photo;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (dir, count, size) = match args.as_slice() {
        [_, dir, count] => (dir, count, "4000x3000"),
        [_, dir, count, size] => (dir, count, size.as_str()),
        _ => anyhow::bail!("usage: make_photo_deck DIR N [WIDTHxHEIGHT]"),
    };
    let count: u32 = count.parse()?;
    let (w, h) = size.split_once('x').ok_or_else(|| anyhow::anyhow!("size is WIDTHxHEIGHT"))?;
    let (w, h): (u32, u32) = (w.parse()?, h.parse()?);
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir.join("photos"))?;
    let mut slides = String::new();
    for i in 1..=count {
        let name = format!("photos/photo-{i:02}.jpg");
        let path = dir.join(&name);
        if !path.exists() {
            std::fs::write(&path, photo::synthetic_jpeg(w, h, i))?;
        }
        slides.push_str(&format!("        Image(title: \"Photo {i}\", path: \"{name}\"),\n"));
    }
    let deck = format!("(\n    title: \"{count} photographs\",\n    slides: [\n{slides}    ],\n)\n");
    let path = dir.join(format!("deck-{count}.ron"));
    std::fs::write(&path, deck)?;
    println!("wrote {} with {count} photos of {w}x{h}", path.display());
    Ok(())
}
