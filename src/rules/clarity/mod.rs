//! Rules about how clearly a posting says what the job is.

pub mod posting_length;
pub mod thin_responsibilities;
pub mod vague_responsibility;

use crate::posting::{Posting, Section, SectionKind};

/// Sections that list duties, headed or inferred.
pub(crate) fn duty_sections(posting: &Posting) -> impl Iterator<Item = &Section> {
    posting
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Responsibilities)
}
