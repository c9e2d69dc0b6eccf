//! The original text of one posting and the index that turns byte offsets into
//! 1-based lines and character columns. Every later stage speaks byte ranges into
//! this text; only reports convert them.

use std::ops::Range;

/// A 1-based line and a 1-based column counted in characters (not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
    /// Byte offset where each line starts. A line ends at `\n`, `\r\n` or a lone `\r`.
    line_starts: Vec<usize>,
    /// Length of a leading UTF-8 byte-order mark (0 or 3); it never counts as a column.
    bom: usize,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // Line ends are "\n", "\r\n" and a lone "\r"; memchr finds them a word at a time.
        let mut crlf_lf = usize::MAX;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if i == crlf_lf {
                continue;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                crlf_lf = i + 1;
                line_starts.push(i + 2);
            } else {
                line_starts.push(i + 1);
            }
        }
        Source {
            path: path.into(),
            text,
            line_starts,
            bom,
        }
    }

    /// Byte offset of the first character after the byte-order mark.
    pub fn content_start(&self) -> usize {
        self.bom
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts[index];
        let mut end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Line and column of a byte offset. Offsets inside a multi-byte character or a
    /// line terminator are clamped to the nearest preceding character boundary.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let index = self.line_index(offset);
        let mut start = self.line_starts[index];
        if index == 0 {
            start = start.max(self.bom.min(offset));
        }
        let column = self.text[start..offset].chars().count() + 1;
        LineCol {
            line: index + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and character column (inverse of `line_col`).
    pub fn offset_of(&self, at: LineCol) -> Option<usize> {
        let index = at.line.checked_sub(1)?;
        let range = self
            .line_starts
            .get(index)
            .map(|_| self.line_range(index))?;
        let start = if index == 0 {
            range.start.max(self.bom)
        } else {
            range.start
        };
        let mut offset = start;
        let mut chars = self.text[start..].chars();
        for _ in 1..at.column {
            offset += chars.next()?.len_utf8();
        }
        Some(offset)
    }

    pub fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line_end_starts_a_line() {
        let s = Source::new("x", "a\nb\r\nc\rd\r\r\ne\n\r\r\n\r");
        // a | b | c | d | (empty after the lone \r) | e | (\n\r) | (\r\n) | (\r) | end
        assert_eq!(s.line_starts, [0, 2, 5, 7, 9, 11, 13, 14, 16, 17]);
        assert_eq!(Source::new("x", "").line_starts, [0]);
        assert_eq!(Source::new("x", "\r\n").line_starts, [0, 2]);
    }

    #[test]
    fn columns_count_characters() {
        let s = Source::new("x", "héllo wörld\nnext");
        assert_eq!(s.line_col(7), LineCol { line: 1, column: 7 });
        assert_eq!(s.line_col(15), LineCol { line: 2, column: 2 });
    }

    #[test]
    fn bom_and_crlf_do_not_shift_columns() {
        let s = Source::new("x", "\u{feff}ab\r\ncd\rEF");
        assert_eq!(s.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(7), LineCol { line: 2, column: 1 });
        assert_eq!(s.line_col(10), LineCol { line: 3, column: 1 });
        assert_eq!(s.line_range(0), 0..5);
        assert_eq!(s.line_count(), 3);
    }

    #[test]
    fn offset_round_trips() {
        let s = Source::new("x", "\u{feff}a é\r\nb\u{1F600}c\n");
        for (i, _) in s.text.char_indices().filter(|&(i, _)| i >= 3) {
            let lc = s.line_col(i);
            if s.text[i..].starts_with(['\r', '\n']) {
                continue;
            }
            assert_eq!(s.offset_of(lc), Some(i), "offset {i}");
        }
    }
}
