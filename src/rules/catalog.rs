//! The built-in rules with logic. A new rule is a new file plus one line here.

use super::Rule;
use super::{clarity, compensation, inclusion, requirements, structure};

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
        Box::new(compensation::pay_transparency::PayTransparency::default()),
        Box::new(compensation::open_ended_pay::OpenEndedPay::default()),
        Box::new(compensation::wide_pay_range::WidePayRange::default()),
        Box::new(inclusion::gendered_wording::GenderedWording::default()),
        Box::new(clarity::vague_responsibility::VagueResponsibility::default()),
        Box::new(clarity::thin_responsibilities::ThinResponsibilities::default()),
        Box::new(clarity::posting_length::PostingLength::default()),
        Box::new(crate::suppression::SuppressionRule::unused()),
        Box::new(crate::suppression::SuppressionRule::invalid()),
    ]
}
