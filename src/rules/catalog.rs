//! The built-in rules with logic. A new rule is a new file plus one line here.

use super::{requirements, structure};
use super::Rule;

pub fn logic_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(structure::missing_title::MissingTitle::default()),
        Box::new(structure::missing_company_background::MissingCompanyBackground::default()),
        Box::new(structure::missing_role_summary::MissingRoleSummary::default()),
        Box::new(structure::missing_responsibilities::MissingResponsibilities::default()),
        Box::new(structure::missing_requirements::MissingRequirements::default()),
        Box::new(structure::missing_compensation::MissingCompensation::default()),
        Box::new(structure::empty_section::EmptySection::default()),
        Box::new(structure::duplicate_section::DuplicateSection::default()),
        Box::new(requirements::experience_exceeds_technology_age::ExperienceExceedsTechnologyAge::default()),
        Box::new(requirements::excessive_experience::ExcessiveExperience::default()),
        Box::new(requirements::seniority_mismatch::SeniorityMismatch::default()),
        Box::new(requirements::too_many_requirements::TooManyRequirements::default()),
        Box::new(requirements::experience_cap::ExperienceCap::default()),
        Box::new(requirements::degree_required::DegreeRequired::default()),
    ]
}
