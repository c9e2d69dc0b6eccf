use crate::diagnostic::{Category, Severity};
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
An upper limit on experience: "no more than 5 years of experience", "maximum 3 years
of experience", "0-2 years only", "up to 4 years of experience".

## Why it matters
A cap on experience screens out older applicants. In the US the Age Discrimination in
Employment Act protects workers aged 40 and over, and employment lawyers list caps on
years of experience among age-coded wording. If the concern is pay or level, say that
instead.

## Example
Avoid: "Candidates must have no more than 5 years of experience."

Better: "This is an early-career role; the salary is £32,000."

## How to fix
Remove the cap. State the level and the pay, and let candidates decide.
"#;

pub struct ExperienceCap {
    meta: RuleMeta,
}

impl Default for ExperienceCap {
    fn default() -> Self {
        ExperienceCap {
            meta: RuleMeta::new(
                "experience-cap",
                Category::Requirements,
                Severity::Warning,
                "An upper limit on years of experience",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for ExperienceCap {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, _cx: &Context, sink: &mut Sink) {
        for (section, claim) in &posting.experience {
            if !claim.capped || !claim.is_experience || !super::demanded(posting, *section) {
                continue;
            }
            let limit = claim.max_years.unwrap_or(claim.min_years);
            sink.report(
                claim.span.clone(),
                format!("caps experience at {limit} years, which can screen out older applicants"),
            )
            .help("remove the cap; state the level and the pay instead");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "experience-cap";

    #[test]
    fn caps_fire() {
        for src in [
            "- No more than 5 years of experience\n",
            "- Maximum of 3 years of experience\n",
            "- 0-2 years of experience only\n",
            "- 4 years of experience maximum\n",
        ] {
            assert!(ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }

    #[test]
    fn minimums_are_not_caps() {
        for src in [
            "- At least 5 years of experience\n",
            "- 3-5 years of experience\n",
            "- Up to 20% travel for 2 years\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
