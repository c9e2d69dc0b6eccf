//! Rules about what a posting asks of candidates.

pub mod degree_required;
pub mod excessive_experience;
pub mod experience_cap;
pub mod experience_exceeds_technology_age;
pub mod seniority_mismatch;
pub mod too_many_requirements;

use crate::posting::{Posting, SectionKind};

/// Sections whose claims are demands on the candidate (not duties, not nice-to-haves,
/// not the company's own history).
pub(crate) fn demanded(posting: &Posting, section: usize) -> bool {
    let s = &posting.sections[section];
    !matches!(
        s.kind,
        SectionKind::Preferred
            | SectionKind::Company
            | SectionKind::Benefits
            | SectionKind::Eeo
            | SectionKind::Apply
    )
}
