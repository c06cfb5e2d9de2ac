use std::io::Read;

use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;

use super::*;

/// A krilla document of `pages` pages, each with a filled square and a bookmark, and a title
/// with brackets and a backslash in it (strings the lexer must skip whole).
fn krilla_pdf(pages: usize) -> Vec<u8> {
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title("Packing (test) \\ [objects] <<not a dict>>".into()));
    let mut outline = Outline::new();
    for index in 0..pages {
        let mut page = document.start_page_with(PageSettings::from_wh(200.0, 100.0).unwrap());
        let mut surface = page.surface();
        let mut path = PathBuilder::new();
        path.move_to(10.0, 10.0);
        path.line_to(50.0, 10.0);
        path.line_to(50.0, 50.0);
        path.close();
        surface.set_fill(Some(Fill::default()));
        surface.draw_path(&path.finish().unwrap());
        surface.finish();
        page.finish();
        outline.push_child(OutlineNode::new(
            format!("Slide {index} (endobj stream)"),
            XyzDestination::new(index, Point::from_xy(0.0, 0.0)),
        ));
    }
    document.set_outline(outline);
    document.finish().unwrap()
}

fn inflate(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

/// A dictionary's keys and raw values.
type Entries<'a> = Vec<(&'a [u8], &'a [u8])>;

/// The dictionary and data of the stream object at `offset`.
fn stream_data(pdf: &[u8], offset: usize) -> (Entries<'_>, &[u8]) {
    let (number, _) = number(pdf, offset).unwrap();
    let object = read_object(pdf, offset, number, 0).unwrap();
    assert!(object.is_stream);
    let dict_start = object.value.as_ptr() as usize - pdf.as_ptr() as usize;
    let entries = dict_entries(pdf, dict_start).unwrap();
    let length: usize =
        std::str::from_utf8(entries.iter().find(|(k, _)| *k == b"/Length").unwrap().1).unwrap().parse().unwrap();
    let start = dict_start + object.value.len() + b"\nstream\n".len();
    (entries, &pdf[start..start + length])
}

fn entry<'a>(entries: &[(&[u8], &'a [u8])], key: &[u8]) -> &'a [u8] {
    entries.iter().find(|(k, _)| *k == key).unwrap_or_else(|| panic!("no {}", String::from_utf8_lossy(key))).1
}

fn whole(text: &[u8]) -> usize {
    std::str::from_utf8(text).unwrap().parse().unwrap()
}

/// Every object of a packed file, found as a reader finds it: through the cross-reference
/// stream, into object streams. Each is its value's bytes, or a stream object's whole text.
fn objects_through_xref_stream(pdf: &[u8]) -> Vec<Option<Vec<u8>>> {
    let tail = std::str::from_utf8(&pdf[pdf.len() - 40..]).unwrap_or("");
    let xref_offset: usize =
        tail.split("startxref").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    let (entries, rows) = stream_data(pdf, xref_offset);
    assert_eq!(entry(&entries, b"/Type"), b"/XRef");
    let widths: Vec<usize> = std::str::from_utf8(entry(&entries, b"/W"))
        .unwrap()
        .trim_matches(['[', ']'])
        .split_whitespace()
        .map(|w| w.parse().unwrap())
        .collect();
    let rows = inflate(rows);
    let row_len: usize = widths.iter().sum();
    assert_eq!(rows.len(), whole(entry(&entries, b"/Size")) * row_len);
    let field = |row: &[u8], index: usize| {
        let start: usize = widths[..index].iter().sum();
        row[start..start + widths[index]].iter().fold(0usize, |value, byte| value << 8 | usize::from(*byte))
    };
    rows.chunks(row_len)
        .enumerate()
        .map(|(number, row)| match field(row, 0) {
            0 => None,
            1 => {
                let object = read_object(pdf, field(row, 1), number, field(row, 2)).unwrap();
                Some(if object.is_stream { pdf[field(row, 1)..object.end].to_vec() } else { object.value.to_vec() })
            }
            2 => {
                let stream_offset = match field(&rows[field(row, 1) * row_len..], 0) {
                    1 => field(&rows[field(row, 1) * row_len..], 1),
                    kind => panic!("object stream {} is of kind {kind}", field(row, 1)),
                };
                let (stream_entries, data) = stream_data(pdf, stream_offset);
                assert_eq!(entry(&stream_entries, b"/Type"), b"/ObjStm");
                let data = inflate(data);
                let first = whole(entry(&stream_entries, b"/First"));
                let index: Vec<usize> = std::str::from_utf8(&data[..first])
                    .unwrap()
                    .split_whitespace()
                    .map(|n| n.parse().unwrap())
                    .collect();
                let at = field(row, 2);
                assert_eq!(index[2 * at], number, "the object stream's index names the object");
                let start = first + index[2 * at + 1];
                let end = index.get(2 * at + 3).map_or(data.len(), |next| first + next);
                Some(data[start..end].trim_ascii().to_vec())
            }
            kind => panic!("unknown kind {kind}"),
        })
        .collect()
}

#[test]
fn every_object_reads_back_the_same_through_the_cross_reference_stream() {
    let pdf = krilla_pdf(30);
    let packed = pack(&pdf).expect("a krilla file packs");
    assert!(packed.len() < pdf.len() * 2 / 3, "packed {} bytes of {}", packed.len(), pdf.len());
    assert!(packed.starts_with(b"%PDF-1.7"));

    let (original, _) = read_xref(&pdf).unwrap();
    let read_back = objects_through_xref_stream(&packed);
    let mut in_streams = 0;
    for (number, entry) in original.iter().enumerate() {
        let Some((offset, generation)) = *entry else {
            assert_eq!(read_back[number], None, "object {number} stays free");
            continue;
        };
        let object = read_object(&pdf, offset, number, generation).unwrap();
        let expected = if object.is_stream { &pdf[offset..object.end] } else { object.value };
        in_streams += usize::from(!object.is_stream);
        assert_eq!(read_back[number].as_deref(), Some(expected), "object {number}");
    }
    assert!(in_streams > 60, "the pages' and bookmarks' dictionaries are packed ({in_streams})");
    // The trailer's entries moved into the cross-reference stream's dictionary.
    let (_, trailer) = read_xref(&pdf).unwrap();
    let root = entry(&dict_entries(&pdf, trailer).unwrap(), b"/Root").to_vec();
    let packed_text = String::from_utf8_lossy(&packed);
    assert!(packed_text.contains(&format!("/Root {}", String::from_utf8_lossy(&root))));
    assert!(!packed_text.contains("\ntrailer"), "no table, no trailer");
}

#[test]
fn files_it_cannot_rewrite_safely_are_left_alone() {
    let pdf = krilla_pdf(2);
    let old_version = [b"%PDF-1.4".as_slice(), &pdf[8..]].concat();
    assert_eq!(pack(&old_version), None, "object streams need PDF 1.5");
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let encrypted = text.replacen("trailer\n<<", "trailer\n<</Encrypt 1 0 R", 1);
    assert_ne!(encrypted, text);
    assert_eq!(pack(encrypted.as_bytes()), None, "an encrypted file");
    assert_eq!(pack(b"%PDF-1.7\nnot a pdf at all"), None);
    // A file cut before its end packs to nothing (after `startxref` only `%%EOF` can be
    // missing, and a reader does without it), and never panics.
    let startxref = pdf.windows(9).rposition(|window| window == b"startxref").unwrap();
    for end in (0..pdf.len()).step_by(7) {
        let packed = pack(&pdf[..end]);
        assert!(end > startxref || packed.is_none(), "cut at {end}");
    }
}

#[test]
fn the_lexer_takes_strings_dictionaries_and_references_whole() {
    let text = b"<</A (a (nested) \\) >>)/B [1 0 R 2] /C <</D <414243>>>/E 3 0 R>> tail";
    let entries = dict_entries(text, 0).unwrap();
    let keys: Vec<&[u8]> = entries.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, [b"/A".as_slice(), b"/B", b"/C", b"/E"]);
    assert_eq!(entries[0].1, b"(a (nested) \\) >>)".as_slice());
    assert_eq!(entries[1].1, b"[1 0 R 2]".as_slice());
    assert_eq!(entries[2].1, b"<</D <414243>>>".as_slice());
    assert_eq!(entries[3].1, b"3 0 R".as_slice());
}
