//! Rules about what a posting contains: title, company, summary, duties, requirements,
//! pay, and how its sections are laid out.

pub mod duplicate_section;
pub mod empty_section;
pub mod missing_company_background;
pub mod missing_compensation;
pub mod missing_requirements;
pub mod missing_responsibilities;
pub mod missing_role_summary;
pub mod missing_title;

use std::ops::Range;

use crate::posting::{Posting, SectionKind};
use crate::source::Source;

/// Where a "missing" finding points: the title if there is one, else the first
/// heading, else the first line of the body; never the front matter fence.
pub(crate) fn anchor(posting: &Posting, source: &Source) -> Range<usize> {
    if let Some(t) = &posting.title {
        return t.span.clone();
    }
    if let Some(h) = posting
        .sections
        .iter()
        .filter(|s| s.origin == crate::posting::Origin::Body)
        .find_map(|s| s.heading.as_ref())
    {
        return h.span.clone();
    }
    first_body_line(posting, source)
}

/// The first non-blank line after the front matter (empty span at the end of an
/// empty file).
pub(crate) fn first_body_line(posting: &Posting, source: &Source) -> Range<usize> {
    let start = posting.body_start.max(source.content_start());
    let first = source.line_index(start.min(source.text.len()));
    for i in first..source.line_count() {
        let r = source.line_range(i);
        let r = r.start.max(start)..r.end;
        if r.start < r.end && !source.text[r.clone()].trim().is_empty() {
            let line = &source.text[r.clone()];
            let lead = line.len() - line.trim_start().len();
            return r.start + lead..r.start + line.trim_end().len();
        }
    }
    let end = source.text.len();
    end..end
}

/// Span of the first body section of a kind, to point at as context.
pub(crate) fn first_heading_of(posting: &Posting, kind: SectionKind) -> Option<Range<usize>> {
    posting
        .sections_of(kind)
        .find_map(|s| s.heading.as_ref().map(|h| h.span.clone()))
}
