//! Parsing: one parser per format, all meeting in the format-free `Posting` model.

pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod mask;
pub mod plain;

use crate::posting::{sections, Format, Posting};
use crate::source::Source;

/// Parses a source into the posting model. Never fails: whatever cannot be understood
/// is kept as plain prose.
pub fn parse(source: &Source, format: Format) -> Posting {
    let text = source.text.as_str();
    let start = source.content_start();
    let fm = match format {
        Format::Markdown | Format::Text => front_matter::parse(text, start),
        Format::Html => None,
    };
    let body_start = fm.as_ref().map_or(start, |f| f.body_start);
    let (mut masked, mut hidden) = mask::blank_non_prose(text);
    if format == Format::Text {
        for r in crate::suppression::text_directive_ranges(text) {
            let blank: String = masked[r.clone()]
                .chars()
                .map(|c| if c == '\n' { c } else { ' ' })
                .collect();
            if blank.len() == r.len() {
                masked.replace_range(r.clone(), &blank);
            }
            hidden.push(r);
        }
        hidden.sort_by_key(|r| r.start);
    }
    // The front matter and byte-order mark are not part of the body.
    if body_start > 0 {
        // Byte by byte (collected as chars, front matter was 2% of the instructions of
        // a many-file run): line breaks are never part of a longer character, and every
        // other byte becomes one space, so the blank keeps every offset.
        let blank: Vec<u8> = text.as_bytes()[..body_start]
            .iter()
            .map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        if let Ok(blank) = std::str::from_utf8(&blank) {
            masked.replace_range(..body_start, blank);
        }
    }
    let blocks = match format {
        Format::Markdown => markdown::parse(&masked),
        Format::Text => plain::parse(&masked, body_start),
        Format::Html => html::parse(&masked, body_start),
    };
    // Blocks keep their own text; a huge posting need not hold the masked copy too.
    drop(masked);
    sections::build(text, format, fm, blocks, hidden, body_start)
}

/// Where the first line break (`\n` or `\r`) in `text` is. A search for either char
/// went through the general char matcher, a byte at a time; this is `memchr`'s.
pub(crate) fn line_break(text: &str) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', text.as_bytes())
}
