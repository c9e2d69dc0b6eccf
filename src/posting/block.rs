//! Blocks: the format-free units every parser produces (headings, paragraphs, list
//! items), each with its readable text and where it sits in the source.

use std::ops::Range;

use super::prose::{Prose, HIDDEN};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading marked up as one (ATX, setext, `<h1>`..`<h6>`).
    Heading(u8),
    Paragraph,
    /// A list entry; `depth` is 1 for a top-level list.
    Item {
        depth: u8,
        list: u32,
    },
    /// An HTML `<title>`.
    DocTitle,
    /// The term of a definition list (`<dt>`): a label for the block after it.
    Term,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub prose: Prose,
    /// Ranges of `prose` set in bold.
    pub strong: Vec<Range<usize>>,
    /// Ranges of `prose` that are link text.
    pub links: Vec<Range<usize>>,
    pub span: Range<usize>,
}

/// Collects blocks from a parser's events. Markdown and HTML parsers both drive it,
/// which is how HTML inside Markdown lands in the same model.
#[derive(Debug, Default)]
pub struct BlockBuilder {
    blocks: Vec<Block>,
    current: Option<Block>,
    strong_depth: u32,
    strong_from: usize,
    link_from: Option<usize>,
    lists: Vec<u32>,
    next_list: u32,
}

impl BlockBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn finish(mut self) -> Vec<Block> {
        self.close(usize::MAX);
        self.blocks
    }

    pub fn is_open(&self) -> bool {
        self.current.is_some()
    }

    pub fn current_kind(&self) -> Option<BlockKind> {
        self.current.as_ref().map(|b| b.kind)
    }

    pub fn open(&mut self, kind: BlockKind, at: usize) {
        self.close(at);
        self.current = Some(Block {
            kind,
            prose: Prose::new(),
            strong: Vec::new(),
            links: Vec::new(),
            span: at..at,
        });
        self.link_from = self.link_from.map(|_| 0);
        if self.strong_depth > 0 {
            self.strong_from = 0;
        }
    }

    /// Opens an item of the innermost list (or a one-off list).
    pub fn open_item(&mut self, at: usize) {
        let depth = self.lists.len().max(1) as u8;
        let list = self.lists.last().copied().unwrap_or_else(|| {
            self.next_list += 1;
            self.next_list
        });
        self.open(BlockKind::Item { depth, list }, at);
    }

    pub fn start_list(&mut self, at: usize) {
        self.close(at);
        self.next_list += 1;
        self.lists.push(self.next_list);
    }

    pub fn end_list(&mut self, at: usize) {
        self.close(at);
        self.lists.pop();
    }

    /// Ends the open block; `at` is the source offset where it ends (`usize::MAX` to
    /// end it where its text ends).
    pub fn close(&mut self, at: usize) {
        let Some(mut block) = self.current.take() else {
            return;
        };
        if self.strong_depth > 0 {
            let end = block.prose.as_str().len();
            if end > self.strong_from {
                block.strong.push(self.strong_from..end);
            }
        }
        if at != usize::MAX && at > block.span.start {
            block.span.end = block.span.end.max(at);
        }
        // A block keeps its span tight around its text where it has any.
        if !block.prose.is_empty() {
            let text_span = block.prose.trimmed_span();
            block.span = block.span.start.min(text_span.start)..block.span.end.max(text_span.end);
            self.blocks.push(block);
        }
    }

    fn ensure_open(&mut self, at: usize) -> &mut Block {
        if self.current.is_none() {
            self.open(BlockKind::Paragraph, at);
        }
        self.current.as_mut().expect("opened above")
    }

    pub fn text(&mut self, text: &str, at: usize, verbatim: bool) {
        if text.is_empty() {
            return;
        }
        if self.current.is_none() && text.trim().is_empty() {
            return;
        }
        let b = self.ensure_open(at);
        b.prose.push_text(text, at, verbatim);
        b.span.end = b.span.end.max(at + text.len());
    }

    /// Text that stands for all of `src` (a decoded entity, collapsed white space).
    pub fn replaced(&mut self, text: &str, src: Range<usize>) {
        if self.current.is_none() && text.trim().is_empty() {
            return;
        }
        let b = self.ensure_open(src.start);
        b.prose.push_replaced(text, src.clone());
        b.span.end = b.span.end.max(src.end);
    }

    /// Content that is there but not prose (inline code, an autolink).
    pub fn hidden(&mut self, src: Range<usize>) {
        self.replaced(&HIDDEN.to_string(), src);
    }

    pub fn line_break(&mut self, at: usize) {
        if let Some(b) = self.current.as_mut() {
            if !b.prose.as_str().is_empty() && !b.prose.as_str().ends_with('\n') {
                b.prose.push_break("\n", at);
            }
        }
    }

    /// A word separator (between table cells, collapsed HTML white space).
    pub fn space(&mut self, at: usize) {
        if let Some(b) = self.current.as_mut() {
            let s = b.prose.as_str();
            if !s.is_empty() && !s.ends_with([' ', '\n']) {
                b.prose.push_break(" ", at);
            }
        }
    }

    pub fn link(&mut self, on: bool) {
        let len = self.current.as_ref().map_or(0, |b| b.prose.as_str().len());
        if on {
            self.link_from = Some(len);
        } else if let Some(from) = self.link_from.take() {
            if let Some(b) = self.current.as_mut() {
                if len > from {
                    b.links.push(from..len);
                }
            }
        }
    }

    pub fn strong(&mut self, on: bool) {
        if on {
            if self.strong_depth == 0 {
                self.strong_from = self.current.as_ref().map_or(0, |b| b.prose.as_str().len());
            }
            self.strong_depth += 1;
        } else if self.strong_depth > 0 {
            self.strong_depth -= 1;
            if self.strong_depth == 0 {
                if let Some(b) = self.current.as_mut() {
                    let end = b.prose.as_str().len();
                    if end > self.strong_from {
                        b.strong.push(self.strong_from..end);
                    }
                }
            }
        }
    }
}
