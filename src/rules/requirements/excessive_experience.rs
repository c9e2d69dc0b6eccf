use crate::diagnostic::{Category, Severity};
use crate::posting::technology::Technologies;
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, RuleOption, Sink};

const EXPLANATION: &str = r#"## What it checks
Demands of more than 10 years of experience (configurable) with one thing, in a
posting that is not for an executive role (director, VP, head of, chief).

## Why it matters
Long tenure requirements screen out capable people for no stated reason, discourage
those who take requirements literally (more often women, per the Hewlett-Packard and
Tara Mohr findings), and can read as a proxy for age. For most roles, what matters is
what a person can do, not how long they have been doing it.

## Example
Avoid: "15+ years of experience in data analysis."

Better: "Experience leading analyses that changed a product decision."

## How to fix
Ask for the skills and outcomes the years stand for, or lower the number.
"#;

/// Titles of roles where long experience is expected.
const EXECUTIVE: &[&str] = &[
    "director",
    "vp",
    "vice president",
    "head of",
    "chief",
    "cto",
    "ceo",
    "cfo",
    "coo",
    "cio",
    "president",
    "executive",
    "partner",
];

pub struct ExcessiveExperience {
    meta: RuleMeta,
}

impl Default for ExcessiveExperience {
    fn default() -> Self {
        ExcessiveExperience {
            meta: RuleMeta::new(
                "excessive-experience",
                Category::Requirements,
                Severity::Warning,
                "Asks for more than 10 years of experience outside an executive role",
                EXPLANATION,
            )
            .with_options(vec![RuleOption::new(
                "max-years",
                10,
                "the most years asked for that is not reported",
            )]),
        }
    }
}

pub(crate) fn is_executive(posting: &Posting) -> bool {
    posting.title.as_ref().is_some_and(|t| {
        let title = t.text.to_lowercase();
        EXECUTIVE.iter().any(|w| {
            title.match_indices(w).any(|(i, _)| {
                let before = title[..i]
                    .chars()
                    .last()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = title[i + w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                before && after
            })
        })
    })
}

impl Rule for ExcessiveExperience {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if is_executive(posting) {
            return;
        }
        let max = cx.number(&self.meta, "max-years") as u32;
        let tech = Technologies::get();
        for (section, claim) in &posting.experience {
            if claim.capped
                || !claim.is_experience
                || claim.min_years <= max
                || !super::demanded(posting, *section)
            {
                continue;
            }
            let what = match claim.technologies.first() {
                Some(m) => format!(" of {}", tech.list[m.technology].name),
                None => String::new(),
            };
            sink.report(
                claim.span.clone(),
                format!("asks for {} years{what}, more than the {max} this rule allows for a non-executive role", claim.min_years),
            )
            .help("ask for the skills and results the years stand for, or lower the number");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "excessive-experience";

    #[test]
    fn fires_above_ten_years() {
        let src = "# Data Analyst\n\n## Requirements\n\n- 12+ years of experience in analytics\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn executives_and_reasonable_numbers_are_fine() {
        for src in [
            "# Director of Engineering\n\n## Requirements\n\n- 15+ years of experience\n",
            "# Data Analyst\n\n## Requirements\n\n- 10 years of experience\n",
            "# Data Analyst\n\n## About us\n\nWe have served clients for 25 years.\n",
            "# Data Analyst\n\nFounded 30 years ago, we make maps.\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
