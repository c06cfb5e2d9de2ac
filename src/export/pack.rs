//! Packs a finished PDF's small objects into compressed object streams, with a
//! cross-reference stream in place of the table (PDF 1.5; ISO 32000-1, 7.5.7 and 7.5.8), as
//! Chromium and qpdf write their files.
//!
//! krilla writes every object on its own, uncompressed. A tagged deck has thousands of small
//! dictionaries (a structure element for each heading, list item and figure, a bookmark and
//! a page object for each slide), and on the 200-slide text deck of `scripts/bench-export.sh`
//! those made the file 1.2x the size of Chromium's for the same slides. Packed, they take a
//! fraction of that (`docs/BENCHMARKS.md`).
//!
//! `lopdf` 0.40 can write object streams (`Document::save_modern`) and was tried first: on
//! that deck its file failed `qpdf --check` ("supposed object stream 3452 is not a stream",
//! "unable to find /Root dictionary"), and parsing the document alone took 65 ms. This
//! module moves the bytes krilla wrote without interpreting them: it reads the
//! cross-reference table, copies streams as they are, and puts every other object's bytes
//! into object streams.
//!
//! Anything it does not expect (an update section, an encrypted file, a stream whose length
//! is not written in its dictionary, a version before 1.5) leaves the file as it was: packing
//! only ever makes a file smaller, never loses one.

use std::io::Write;

/// Objects per object stream: qpdf's choice, small enough that a reader seeking one object
/// inflates little.
const OBJECTS_PER_STREAM: usize = 100;

/// `pdf` with its plain objects packed into object streams, or `None` when the file is not
/// one this module can rewrite safely (see the module doc).
pub fn pack(pdf: &[u8]) -> Option<Vec<u8>> {
    let version = pdf.strip_prefix(b"%PDF-")?.get(..3)?;
    if version < b"1.5".as_slice() {
        return None;
    }
    let (entries, trailer) = read_xref(pdf)?;
    let trailer_keys = dict_entries(pdf, trailer)?;
    if trailer_keys.iter().any(|(key, _)| matches!(*key, b"/Prev" | b"/Encrypt" | b"/XRefStm")) {
        return None;
    }
    let header_end = entries.iter().filter_map(|entry| entry.map(|(offset, _)| offset)).min()?;
    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(pdf.get(..header_end)?);

    // Where each object ends up: written whole at an offset, or packed into a stream.
    let mut placed = vec![Place::Free; entries.len()];
    let mut packed: Vec<(usize, &[u8])> = Vec::new();
    for (number, entry) in entries.iter().enumerate() {
        let Some((offset, generation)) = *entry else { continue };
        let object = read_object(pdf, offset, number, generation)?;
        if object.is_stream || generation != 0 {
            placed[number] = Place::At(out.len(), generation);
            out.extend_from_slice(&pdf[offset..object.end]);
            out.push(b'\n');
        } else {
            packed.push((number, object.value));
        }
    }

    let mut next_number = entries.len();
    placed.resize(entries.len() + packed.len().div_ceil(OBJECTS_PER_STREAM) + 1, Place::Free);
    for chunk in packed.chunks(OBJECTS_PER_STREAM) {
        let stream_number = next_number;
        next_number += 1;
        let mut index = String::new();
        let mut bodies = Vec::new();
        for (position, (number, value)) in chunk.iter().enumerate() {
            index.push_str(&format!("{number} {} ", bodies.len()));
            bodies.extend_from_slice(value);
            bodies.push(b'\n');
            placed[*number] = Place::Packed(stream_number, position);
        }
        let data = deflate(&[index.as_bytes(), &bodies].concat())?;
        placed[stream_number] = Place::At(out.len(), 0);
        write!(
            out,
            "{stream_number} 0 obj\n<</Type/ObjStm/N {}/First {}/Filter/FlateDecode/Length {}>>\nstream\n",
            chunk.len(),
            index.len(),
            data.len()
        )
        .ok()?;
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    let xref_number = next_number;
    let xref_offset = out.len();
    placed[xref_number] = Place::At(xref_offset, 0);
    // The middle field holds offsets and object stream numbers: wide enough for either.
    let widest = xref_offset.max(placed.len());
    let offset_bytes = (usize::BITS - widest.leading_zeros()).div_ceil(8).max(1) as usize;
    let mut rows = Vec::with_capacity(placed.len() * (offset_bytes + 3));
    for (number, place) in placed.iter().enumerate() {
        let (kind, field, second) = match *place {
            // Object 0 heads the list of free objects, with the highest generation.
            Place::Free if number == 0 => (0, 0, 65_535),
            Place::Free => (0, 0, 0),
            Place::At(offset, generation) => (1, offset, generation),
            Place::Packed(stream, index) => (2, stream, index),
        };
        rows.push(kind);
        rows.extend_from_slice(&field.to_be_bytes()[usize::BITS as usize / 8 - offset_bytes..]);
        rows.extend_from_slice(&u16::try_from(second).ok()?.to_be_bytes());
    }
    let rows = deflate(&rows)?;
    write!(out, "{xref_number} 0 obj\n<</Type/XRef/Size {}/W[1 {offset_bytes} 2]", placed.len()).ok()?;
    for (key, value) in trailer_keys.iter().filter(|(key, _)| *key != b"/Size") {
        out.extend_from_slice(key);
        out.push(b' ');
        out.extend_from_slice(value);
    }
    write!(out, "/Filter/FlateDecode/Length {}>>\nstream\n", rows.len()).ok()?;
    out.extend_from_slice(&rows);
    write!(out, "\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n").ok()?;
    Some(out)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Place {
    Free,
    /// Written whole at this offset, with this generation.
    At(usize, usize),
    /// The `index`th object of the object stream with this number.
    Packed(usize, usize),
}

fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// The cross-reference table at `startxref`: each object number's offset and generation
/// (`None` when free), and where the trailer dictionary starts.
#[allow(clippy::type_complexity)]
fn read_xref(pdf: &[u8]) -> Option<(Vec<Option<(usize, usize)>>, usize)> {
    let tail = pdf.len().saturating_sub(1024);
    let start = tail + pdf[tail..].windows(9).rposition(|window| window == b"startxref")? + b"startxref".len();
    let (xref, _) = number(pdf, skip_space(pdf, start))?;
    let mut pos = skip_space(pdf, xref);
    pos = starts(pdf, pos, b"xref").then_some(pos + 4)?;
    let mut entries = Vec::new();
    loop {
        pos = skip_space(pdf, pos);
        if starts(pdf, pos, b"trailer") {
            return Some((entries, skip_space(pdf, pos + b"trailer".len())));
        }
        let (first, after) = number(pdf, pos)?;
        let (count, after) = number(pdf, skip_space(pdf, after))?;
        pos = after;
        if entries.len() != first {
            return None;
        }
        for _ in 0..count {
            let (offset, after) = number(pdf, skip_space(pdf, pos))?;
            let (generation, after) = number(pdf, skip_space(pdf, after))?;
            let kind_at = skip_space(pdf, after);
            entries.push(match pdf.get(kind_at)? {
                b'n' => Some((offset, generation)),
                b'f' => None,
                _ => return None,
            });
            pos = kind_at + 1;
        }
    }
}

struct Object<'a> {
    /// The object's value (a dictionary's `<<...>>`, an array, a number).
    value: &'a [u8],
    is_stream: bool,
    /// Just past its `endobj`.
    end: usize,
}

/// The object that starts at `offset` with the header `number generation obj`.
fn read_object(pdf: &[u8], offset: usize, number: usize, generation: usize) -> Option<Object<'_>> {
    let (n, pos) = self::number(pdf, offset)?;
    let (g, pos) = self::number(pdf, skip_space(pdf, pos))?;
    let pos = skip_space(pdf, pos);
    if (n, g) != (number, generation) || !starts(pdf, pos, b"obj") {
        return None;
    }
    let value_start = skip_space(pdf, pos + 3);
    let value_end = skip_value(pdf, value_start)?;
    let value = &pdf[value_start..value_end];
    let mut pos = skip_space(pdf, value_end);
    let is_stream = starts(pdf, pos, b"stream");
    if is_stream {
        let length = dict_entries(pdf, value_start)?.into_iter().find(|(key, _)| *key == b"/Length")?.1;
        let length: usize = std::str::from_utf8(length).ok()?.parse().ok()?;
        pos += b"stream".len();
        pos += match pdf.get(pos..pos + 2)? {
            b"\r\n" => 2,
            [b'\n', _] => 1,
            _ => return None,
        };
        pos = skip_space(pdf, pos.checked_add(length)?);
        pos = starts(pdf, pos, b"endstream").then_some(pos + b"endstream".len())?;
        pos = skip_space(pdf, pos);
    }
    starts(pdf, pos, b"endobj").then_some(Object { value, is_stream, end: pos + b"endobj".len() })
}

/// The keys and raw values of the dictionary that starts at `start`.
fn dict_entries(pdf: &[u8], start: usize) -> Option<Vec<(&[u8], &[u8])>> {
    let mut pos = starts(pdf, start, b"<<").then_some(start + 2)?;
    let mut entries = Vec::new();
    loop {
        pos = skip_space(pdf, pos);
        if starts(pdf, pos, b">>") {
            return Some(entries);
        }
        let key_end = skip_value(pdf, pos)?;
        let key = pdf.get(pos..key_end)?;
        if !key.starts_with(b"/") {
            return None;
        }
        let value_start = skip_space(pdf, key_end);
        let value_end = skip_value(pdf, value_start)?;
        entries.push((key, pdf.get(value_start..value_end)?));
        pos = value_end;
    }
}

/// Just past the value that starts at `pos`; an indirect reference `12 0 R` is one value.
fn skip_value(pdf: &[u8], pos: usize) -> Option<usize> {
    let end = skip_token(pdf, pos)?;
    // A reference: two whole numbers and `R`.
    if pdf[pos..end].iter().all(u8::is_ascii_digit) {
        let second = skip_space(pdf, end);
        if let Some(second_end) = skip_token(pdf, second).filter(|e| pdf[second..*e].iter().all(u8::is_ascii_digit)) {
            let r = skip_space(pdf, second_end);
            if pdf.get(r) == Some(&b'R') && pdf.get(r + 1).is_none_or(|c| is_delimiter(*c) || c.is_ascii_whitespace()) {
                return Some(r + 1);
            }
        }
    }
    Some(end)
}

/// Just past the token that starts at `pos`: a dictionary, array or string whole, else a
/// name, number or keyword.
fn skip_token(pdf: &[u8], pos: usize) -> Option<usize> {
    match *pdf.get(pos)? {
        b'<' if pdf.get(pos + 1) == Some(&b'<') => {
            let mut at = pos + 2;
            loop {
                at = skip_space(pdf, at);
                if starts(pdf, at, b">>") {
                    return Some(at + 2);
                }
                at = skip_token(pdf, at)?;
            }
        }
        b'[' => {
            let mut at = pos + 1;
            loop {
                at = skip_space(pdf, at);
                if *pdf.get(at)? == b']' {
                    return Some(at + 1);
                }
                at = skip_token(pdf, at)?;
            }
        }
        b'<' => Some(pos + pdf[pos..].iter().position(|c| *c == b'>')? + 1),
        b'(' => {
            let mut depth = 0usize;
            let mut at = pos;
            loop {
                match *pdf.get(at)? {
                    b'\\' => at += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        b')' | b'>' | b']' | b'{' | b'}' => None,
        _ => {
            let mut at = pos + 1;
            while let Some(&c) = pdf.get(at) {
                if c.is_ascii_whitespace() || is_delimiter(c) {
                    break;
                }
                at += 1;
            }
            Some(at)
        }
    }
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// Past any white space and comments from `pos`.
fn skip_space(pdf: &[u8], mut pos: usize) -> usize {
    while let Some(&c) = pdf.get(pos) {
        if c == b'%' {
            while pdf.get(pos).is_some_and(|c| *c != b'\n' && *c != b'\r') {
                pos += 1;
            }
        } else if c.is_ascii_whitespace() || c == 0 {
            pos += 1;
        } else {
            break;
        }
    }
    pos
}

/// The whole number at `pos` and where it ends.
fn number(pdf: &[u8], pos: usize) -> Option<(usize, usize)> {
    let digits = pdf.get(pos..)?.iter().take_while(|c| c.is_ascii_digit()).count();
    let value = std::str::from_utf8(&pdf[pos..pos + digits]).ok()?.parse().ok()?;
    Some((value, pos + digits))
}

/// Whether `literal` is written at `pos`.
fn starts(pdf: &[u8], pos: usize, literal: &[u8]) -> bool {
    pdf.get(pos..).is_some_and(|rest| rest.starts_with(literal))
}

#[cfg(test)]
#[path = "pack_tests.rs"]
mod tests;
