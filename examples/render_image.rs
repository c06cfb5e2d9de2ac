//! Renders an image file the way Lectern shows it (same decoder, same SVG fonts) to a PNG,
//! for checking generated images by eye: `cargo run --example render_image -- in.svg out.png 1600`.
//! The size is a longest side (`1600`) or a box (`1920x1080`); an output of `-` only decodes,
//! for timing the decoder as a whole process (scripts/bench-decode.sh).

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, size] = args.as_slice() else {
        anyhow::bail!("usage: render_image INPUT OUTPUT.png|- MAX_SIDE|WIDTHxHEIGHT");
    };
    let max_px = match size.split_once('x') {
        Some((w, h)) => [w.parse()?, h.parse()?],
        None => [size.parse()?; 2],
    };
    let bytes = std::fs::read(input)?;
    let image = lectern::media::decode::decode(&bytes, max_px)?;
    if output == "-" {
        return Ok(());
    }
    let [w, h] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_srgba_unmultiplied()).collect();
    image::save_buffer(output, &rgba, w as u32, h as u32, image::ColorType::Rgba8)?;
    Ok(())
}
