//! Renders an image file the way Lectern shows it (same decoder, same SVG fonts) to a PNG,
//! for checking generated images by eye: `cargo run --example render_image -- in.svg out.png 1600`.

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, size] = args.as_slice() else {
        anyhow::bail!("usage: render_image INPUT OUTPUT.png MAX_SIDE");
    };
    let side: u32 = size.parse()?;
    let bytes = std::fs::read(input)?;
    let image = lectern::media::decode::decode(&bytes, [side, side])?;
    let [w, h] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_srgba_unmultiplied()).collect();
    image::save_buffer(output, &rgba, w as u32, h as u32, image::ColorType::Rgba8)?;
    Ok(())
}
