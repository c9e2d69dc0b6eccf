//! Markdown, parsed with pulldown-cmark on a copy of the text in which front matter,
//! HTML comments and template tags are blanked (same length, so every offset the
//! parser reports is an offset into the original file).

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::html;
use crate::posting::block::{Block, BlockBuilder, BlockKind};

/// `masked` is the file's text with non-prose blanked.
pub fn parse(masked: &str) -> Vec<Block> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    let mut b = BlockBuilder::new();
    let mut code_depth = 0u32;
    let mut image_depth = 0u32;
    let mut autolink = false;
    let mut html_block: Option<Range<usize>> = None;
    let mut item_depth = 0u32;

    for (event, range) in Parser::new_ext(masked, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => b.open(BlockKind::Heading(level as u8), range.start),
                Tag::Paragraph => {
                    if item_depth > 0 && matches!(b.current_kind(), Some(BlockKind::Item { .. })) {
                        b.line_break(range.start);
                    } else if item_depth == 0 || !b.is_open() {
                        if item_depth > 0 {
                            b.open_item(range.start);
                        } else {
                            b.open(BlockKind::Paragraph, range.start);
                        }
                    }
                }
                Tag::List(_) => b.start_list(range.start),
                Tag::Item => {
                    item_depth += 1;
                    b.open_item(range.start);
                }
                Tag::CodeBlock(_) => {
                    b.close(range.start);
                    code_depth += 1;
                }
                Tag::Strong => b.strong(true),
                Tag::Link { link_type, .. } => {
                    autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    b.link(true);
                }
                Tag::Image { .. } => image_depth += 1,
                Tag::HtmlBlock => html_block = Some(range.clone()),
                Tag::TableHead | Tag::TableRow => b.open(BlockKind::Paragraph, range.start),
                Tag::TableCell => b.space(range.start),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => b.close(range.end),
                TagEnd::Paragraph if item_depth == 0 => b.close(range.end),
                TagEnd::List(_) => b.end_list(range.end),
                TagEnd::Item => {
                    item_depth = item_depth.saturating_sub(1);
                    if matches!(b.current_kind(), Some(BlockKind::Item { .. })) {
                        b.close(range.end);
                    }
                }
                TagEnd::CodeBlock => code_depth = code_depth.saturating_sub(1),
                TagEnd::Strong => b.strong(false),
                TagEnd::Link => {
                    autolink = false;
                    b.link(false);
                }
                TagEnd::Image => image_depth = image_depth.saturating_sub(1),
                TagEnd::HtmlBlock => {
                    if let Some(r) = html_block.take() {
                        html::feed(masked, r.start..range.end.max(r.end), &mut b);
                        if item_depth == 0 {
                            b.close(range.end);
                        }
                    }
                }
                TagEnd::TableHead | TagEnd::TableRow => b.close(range.end),
                _ => {}
            },
            Event::Text(text) => {
                if code_depth > 0 || image_depth > 0 {
                    continue;
                }
                if autolink {
                    b.hidden(range);
                    continue;
                }
                let verbatim = masked.get(range.clone()) == Some(&*text);
                if verbatim {
                    b.text(&text, range.start, true);
                } else {
                    b.replaced(&text, range);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) if image_depth == 0 => {
                b.hidden(range);
            }
            Event::Html(_) => {
                // Lines of an HTML block: fed whole at the block's end.
                if let Some(r) = html_block.as_mut() {
                    r.end = r.end.max(range.end);
                }
            }
            Event::InlineHtml(_) => html::feed(masked, range, &mut b),
            Event::SoftBreak | Event::HardBreak => b.line_break(range.start),
            Event::Rule => b.close(range.start),
            _ => {}
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(BlockKind, String)> {
        parse(src)
            .into_iter()
            .map(|b| (b.kind, b.prose.as_str().to_string()))
            .collect()
    }

    #[test]
    fn headings_paragraphs_items() {
        let k = kinds("# Title\n\nAbout\nus\n\nSetext\n---\n\n- one\n- two\n  - nested\n");
        assert_eq!(k[0], (BlockKind::Heading(1), "Title".into()));
        assert_eq!(k[1], (BlockKind::Paragraph, "About\nus".into()));
        assert_eq!(k[2], (BlockKind::Heading(2), "Setext".into()));
        assert!(matches!(k[3].0, BlockKind::Item { depth: 1, .. }));
        assert_eq!(k[4].1, "two");
        assert!(matches!(k[5].0, BlockKind::Item { depth: 2, .. }));
    }

    #[test]
    fn code_and_urls_are_hidden() {
        let k = kinds("Use `rockstar` and <https://x.io/ninja> and [guru](https://g.io/wizard)\n\n```\nninja\n```\n");
        assert_eq!(k.len(), 1);
        assert!(!k[0].1.contains("rockstar"));
        assert!(!k[0].1.contains("ninja"));
        assert!(k[0].1.contains("guru"));
        assert!(!k[0].1.contains("wizard"));
    }

    #[test]
    fn html_blocks_inside_markdown() {
        let src =
            "<div>\n<h3>Benefits</h3>\n<ul><li>Health &amp; dental</li></ul>\n</div>\n\nAfter\n";
        let k = kinds(src);
        assert_eq!(k[0], (BlockKind::Heading(3), "Benefits".into()));
        assert_eq!(k[1].1, "Health & dental");
        assert_eq!(k[2].1, "After");
    }

    #[test]
    fn bold_runs_are_recorded() {
        let blocks = parse("**About us**\nWe make maps.\n");
        assert_eq!(blocks[0].strong, vec![0..8]);
        let src = "**About us**\nWe make maps.\n";
        let p = &blocks[0].prose;
        assert_eq!(&src[p.source_span(0..8)], "About us");
    }
}
