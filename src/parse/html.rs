//! HTML: whole `.html` files and HTML blocks inside Markdown. A tolerant tokenizer
//! (postings carry broken HTML) that drives the shared block builder: headings,
//! paragraphs, list items and bold runs, with entities decoded and every piece of
//! text mapped back to its bytes. Tags, attributes, comments, scripts and styles
//! never reach the prose.

use std::ops::Range;

use crate::posting::block::{BlockBuilder, BlockKind};

/// Parses a whole HTML document.
pub fn parse(text: &str, start: usize) -> Vec<crate::posting::block::Block> {
    let mut b = BlockBuilder::new();
    feed(text, start..text.len(), &mut b);
    b.finish()
}

/// Feeds the HTML in `text[range]` to the builder.
pub fn feed(text: &str, range: Range<usize>, b: &mut BlockBuilder) {
    let bytes = text.as_bytes();
    let end = range.end.min(text.len());
    let mut i = range.start;
    while i < end {
        if bytes[i] == b'<' {
            if let Some(tag) = read_tag(text, i, end) {
                i = handle_tag(text, &tag, end, b);
                continue;
            }
            b.text("<", i, true);
            i += 1;
            continue;
        }
        let next = text[i..end].find('<').map_or(end, |p| i + p);
        push_text(text, i..next, b);
        i = next;
    }
}

struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    span: Range<usize>,
    #[allow(dead_code)]
    raw: &'a str,
}

/// Reads a tag, comment or declaration at `at`. Returns `None` when the `<` does not
/// start markup (as in "a < b").
fn read_tag(text: &str, at: usize, end: usize) -> Option<Tag<'_>> {
    let rest = &text[at..end];
    if let Some(body) = rest.strip_prefix("<!--") {
        let close = body.find("-->").map_or(rest.len(), |p| p + 7);
        return Some(Tag {
            name: "!--".into(),
            closing: false,
            self_closing: true,
            span: at..at + close,
            raw: &rest[..close],
        });
    }
    let after = rest.as_bytes().get(1).copied()?;
    let (closing, name_at) = match after {
        b'/' => (true, 2),
        b'!' | b'?' => {
            let close = rest.find('>').map_or(rest.len(), |p| p + 1);
            return Some(Tag {
                name: "!".into(),
                closing: false,
                self_closing: true,
                span: at..at + close,
                raw: &rest[..close],
            });
        }
        c if c.is_ascii_alphabetic() => (false, 1),
        _ => return None,
    };
    let name_len = rest[name_at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(rest.len() - name_at);
    if name_len == 0 {
        return None;
    }
    let name = rest[name_at..name_at + name_len].to_ascii_lowercase();
    // Find the closing '>' outside quoted attribute values.
    let mut quote: Option<u8> = None;
    let mut close = None;
    for (k, &c) in rest.as_bytes().iter().enumerate().skip(name_at + name_len) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => {
                close = Some(k + 1);
                break;
            }
            None if c == b'<' => break,
            None => {}
        }
    }
    let close = close?;
    let raw = &rest[..close];
    Some(Tag {
        name,
        closing,
        self_closing: raw.ends_with("/>"),
        span: at..at + close,
        raw,
    })
}

/// Elements whose content is never prose: skipped up to their closing tag. `nav` is a
/// page's menu, not part of the posting.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "button", "select",
];

/// Elements that end the current block.
const BOUNDARIES: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "dl",
    "dd",
    "form",
    "pre",
    "hr",
    "body",
    "html",
    "figure",
    "figcaption",
    "address",
    "center",
    "details",
    "summary",
];

fn handle_tag(text: &str, tag: &Tag, end: usize, b: &mut BlockBuilder) -> usize {
    let after = tag.span.end;
    let name = tag.name.as_str();
    if name == "!--" || name == "!" {
        return after;
    }
    if !tag.closing && !tag.self_closing && SKIPPED.contains(&name) {
        return skip_to_close(text, after, end, name);
    }
    if !tag.closing && name == "code" && !tag.self_closing {
        let close = skip_to_close(text, after, end, name);
        b.hidden(tag.span.start..close);
        return close;
    }
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            if tag.closing {
                b.close(after);
            } else {
                let level = name.as_bytes()[1] - b'0';
                b.open(BlockKind::Heading(level), tag.span.start);
            }
        }
        "dt" => {
            if tag.closing {
                b.close(after);
            } else {
                b.open(BlockKind::Term, tag.span.start);
            }
        }
        "title" => {
            if tag.closing {
                b.close(after);
            } else {
                b.open(BlockKind::DocTitle, tag.span.start);
            }
        }
        "li" => {
            if tag.closing {
                b.close(after);
            } else {
                b.open_item(tag.span.start);
            }
        }
        "ul" | "ol" => {
            if tag.closing {
                b.end_list(after);
            } else {
                b.start_list(tag.span.start);
            }
        }
        "br" => b.line_break(tag.span.start),
        "strong" | "b" => b.strong(!tag.closing),
        "a" => b.link(!tag.closing && !tag.self_closing),
        "td" | "th" => b.space(tag.span.start),
        "head" if !tag.closing => {
            // Only the <title> of the head is prose.
            let close = find_close(text, after, end, "head").unwrap_or(after);
            if let Some(t) = text[after..close].find("<title") {
                feed(text, after + t..close, b);
                b.close(close);
            }
            return find_close_end(text, close, end, "head").unwrap_or(close);
        }
        _ if BOUNDARIES.contains(&name) => {
            // A paragraph inside a list item continues the item.
            let in_item = matches!(b.current_kind(), Some(BlockKind::Item { .. }));
            if in_item && (name == "p" || name == "div") {
                b.line_break(tag.span.start);
            } else {
                b.close(tag.span.start);
            }
        }
        _ => {}
    }
    after
}

/// Start of `</name` after `from`, case-insensitively.
fn find_close(text: &str, from: usize, end: usize, name: &str) -> Option<usize> {
    let hay = &text.as_bytes()[from..end];
    let pat = format!("</{name}");
    let pat = pat.as_bytes();
    hay.windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| from + p)
}

fn find_close_end(text: &str, from: usize, end: usize, name: &str) -> Option<usize> {
    let start = find_close(text, from, end, name)?;
    Some(text[start..end].find('>').map_or(end, |p| start + p + 1))
}

fn skip_to_close(text: &str, from: usize, end: usize, name: &str) -> usize {
    find_close_end(text, from, end, name).unwrap_or(end)
}

/// Pushes HTML text: white space runs collapse to one space, entities are decoded.
fn push_text(text: &str, range: Range<usize>, b: &mut BlockBuilder) {
    let s = &text[range.clone()];
    let base = range.start;
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            b.text(&s[run..i], base + run, true);
            let ws_end = s[i..]
                .find(|c: char| !c.is_ascii_whitespace())
                .map_or(s.len(), |p| i + p);
            b.replaced(" ", base + i..base + ws_end);
            i = ws_end;
            run = i;
        } else if c == b'&' {
            if let Some((decoded, len)) = decode_entity(&s[i..]) {
                b.text(&s[run..i], base + run, true);
                b.replaced(&decoded, base + i..base + i + len);
                i += len;
                run = i;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    b.text(&s[run..], base + run, true);
}

/// Decodes an entity at the start of `s`; returns the text and the entity's length.
pub fn decode_entity(s: &str) -> Option<(String, usize)> {
    // Byte search: the first 12 bytes may end inside a multi-byte character.
    let semi = s.as_bytes()[..s.len().min(12)]
        .iter()
        .position(|&b| b == b';')?;
    let body = &s[1..semi];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        c.to_string()
    } else {
        named_entity(body)?.to_string()
    };
    Some((decoded, semi + 1))
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "rsquo" => "\u{2019}",
        "lsquo" => "\u{2018}",
        "rdquo" => "\u{201D}",
        "ldquo" => "\u{201C}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "hellip" => "\u{2026}",
        "bull" => "\u{2022}",
        "middot" => "\u{B7}",
        "copy" => "\u{A9}",
        "reg" => "\u{AE}",
        "trade" => "\u{2122}",
        "euro" => "\u{20AC}",
        "pound" => "\u{A3}",
        "yen" => "\u{A5}",
        "cent" => "\u{A2}",
        "times" => "\u{D7}",
        "eacute" => "\u{E9}",
        "egrave" => "\u{E8}",
        "agrave" => "\u{E0}",
        "aacute" => "\u{E1}",
        "ccedil" => "\u{E7}",
        "uuml" => "\u{FC}",
        "ouml" => "\u{F6}",
        "auml" => "\u{E4}",
        "szlig" => "\u{DF}",
        "shy" => "",
        "zwj" | "zwnj" => "",
        "ensp" | "emsp" | "thinsp" => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_lookahead_stops_on_a_character_boundary() {
        // Found by the property tests: 12 bytes after `&` ended inside a character.
        assert_eq!(decode_entity("&\u{1315}?C\u{c8}\u{a5}\u{aa56}Y;"), None);
        assert_eq!(decode_entity("&amp;x"), Some(("&".into(), 5)));
    }
    use crate::posting::block::BlockKind;

    #[test]
    fn headings_lists_and_entities() {
        let src = "<html><head><title>Dev &amp; Ops</title><style>h1{}</style></head>\
                   <body><h2>About us</h2><p>We&rsquo;re <b>small</b>.</p>\
                   <ul><li>Ship code</li><li>Fix <code>bugs</code></li></ul>\
                   <script>var rockstar = 1;</script></body></html>";
        let blocks = parse(src, 0);
        let texts: Vec<_> = blocks
            .iter()
            .map(|b| (b.kind, b.prose.as_str().to_string()))
            .collect();
        assert_eq!(texts[0], (BlockKind::DocTitle, "Dev & Ops".into()));
        assert_eq!(texts[1], (BlockKind::Heading(2), "About us".into()));
        assert_eq!(texts[2].1, "We\u{2019}re small.");
        assert!(matches!(texts[3].0, BlockKind::Item { .. }));
        assert!(!texts.iter().any(|t| t.1.contains("rockstar")));
        let p = &blocks[2];
        let r = p.prose.as_str().find("small").unwrap();
        assert_eq!(&src[p.prose.source_span(r..r + 5)], "small");
        assert_eq!(p.strong.len(), 1);
    }

    #[test]
    fn attributes_never_become_text() {
        let blocks = parse(
            "<p title=\"ninja > guru\">Plain <a href=\"/rockstar\">link</a></p>",
            0,
        );
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].prose.as_str(), "Plain link");
    }

    #[test]
    fn broken_html_does_not_lose_text() {
        let blocks = parse("<p>Open <b>bold <i>never closed<p>Next", 0);
        let all: String = blocks
            .iter()
            .map(|b| b.prose.as_str())
            .collect::<Vec<_>>()
            .join("|");
        assert!(all.contains("never closed"));
        assert!(all.contains("Next"));
    }
}
