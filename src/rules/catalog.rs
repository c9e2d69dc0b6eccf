//! The built-in rules with logic. A new rule is a new file plus one line here.

use super::structure;
use super::Rule;

pub fn logic_rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(structure::missing_title::MissingTitle::new()),
        Box::new(structure::missing_company_background::MissingCompanyBackground::new()),
        Box::new(structure::missing_role_summary::MissingRoleSummary::new()),
        Box::new(structure::missing_responsibilities::MissingResponsibilities::new()),
        Box::new(structure::missing_requirements::MissingRequirements::new()),
        Box::new(structure::missing_compensation::MissingCompensation::new()),
        Box::new(structure::empty_section::EmptySection::new()),
        Box::new(structure::duplicate_section::DuplicateSection::new()),
    ]
}
