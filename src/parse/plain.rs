//! Plain text: paragraphs are runs of non-blank lines; lines starting with a bullet
//! or a number are list items (an indented line after an item continues it).

use std::sync::LazyLock;

use crate::posting::block::{Block, BlockBuilder};
use crate::posting::capture_regex::CaptureRegex;

static BULLET: LazyLock<CaptureRegex> = LazyLock::new(|| {
    CaptureRegex::new(r"^[ \t]*(?:[-*+\u{2022}\u{00B7}\u{2023}\u{25E6}\u{25AA}\u{25CF}\u{2013}\u{2014}\u{27A2}\u{2192}>]|\d{1,2}[.)]|[a-z][.)])[ \t]+")
        .expect("static regex")
});

pub fn parse(text: &str, start: usize) -> Vec<Block> {
    let mut b = BlockBuilder::new();
    let mut in_item = false;
    let mut list_open = false;
    let mut pos = start;
    while pos < text.len() {
        let rest = &text[pos..];
        let (len, term) = match super::line_break(rest) {
            Some(i) => (i, if rest[i..].starts_with("\r\n") { 2 } else { 1 }),
            None => (rest.len(), 0),
        };
        let line = &rest[..len];
        let line_at = pos;
        pos += len + term;

        if line.trim().is_empty() {
            b.close(line_at);
            in_item = false;
            continue;
        }
        if let Some(m) = BULLET.find(line) {
            if !list_open {
                b.start_list(line_at);
                list_open = true;
            }
            b.open_item(line_at);
            push_line(&mut b, &line[m.end..], line_at + m.end);
            in_item = true;
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if in_item && indented {
            b.line_break(line_at);
        } else {
            if in_item || list_open {
                b.end_list(line_at);
                list_open = false;
                in_item = false;
            }
            if b.is_open() {
                b.line_break(line_at);
            } else {
                b.open(crate::posting::block::BlockKind::Paragraph, line_at);
            }
        }
        let lead = line.len() - line.trim_start().len();
        push_line(&mut b, &line[lead..], line_at + lead);
    }
    b.finish()
}

fn push_line(b: &mut BlockBuilder, line: &str, at: usize) {
    b.text(line.trim_end(), at, true);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::block::BlockKind;

    #[test]
    fn paragraphs_and_bullets() {
        let src = "ABOUT US\nWe build tools.\n\nYou will:\n- Write code\n  every day\n\u{2022} Review code\nAfter list\n";
        let blocks = parse(src, 0);
        let k: Vec<_> = blocks.iter().map(|b| (b.kind, b.prose.as_str())).collect();
        assert_eq!(k[0], (BlockKind::Paragraph, "ABOUT US\nWe build tools."));
        assert_eq!(k[1].1, "You will:");
        assert!(matches!(k[2].0, BlockKind::Item { .. }));
        assert_eq!(k[2].1, "Write code\nevery day");
        assert_eq!(k[3].1, "Review code");
        assert_eq!(k[4], (BlockKind::Paragraph, "After list"));
    }
}
