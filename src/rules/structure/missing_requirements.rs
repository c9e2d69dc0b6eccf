use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
That the posting says what a candidate must have or bring: a section such as
"Requirements", "Qualifications", "What we're looking for", "Who you are" or "About you",
a list of qualifications under any heading, or sentences such as "You should have
experience with...".

## Why it matters
Without stated requirements every reader must guess whether they qualify. Those who
underrate themselves do not apply, and those who do not fit apply anyway.

## Example
Avoid: a posting that describes the company and the duties and stops there.

Better:

    ## What we're looking for
    - Experience running a production PostgreSQL database
    - Comfort explaining technical trade-offs to non-engineers

## How to fix
Add a short list of what is truly required, separate from what is only nice to have.
"#;

pub struct MissingRequirements {
    meta: RuleMeta,
}

impl Default for MissingRequirements {
    fn default() -> Self {
        MissingRequirements {
            meta: RuleMeta::new(
                "missing-requirements",
                Category::Structure,
                Severity::Error,
                "Nothing says what a candidate must have or bring",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for MissingRequirements {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if posting.has_section(SectionKind::Requirements) || posting.requirement_mention().is_some()
        {
            return;
        }
        let at = super::anchor(posting, cx.source);
        let mut r = sink
            .report(
                at,
                "the posting never says what a candidate must have or bring",
            )
            .help(
                "add a \"What we're looking for\" list with the few things that are truly required",
            );
        if let Some(h) = super::first_heading_of(posting, SectionKind::Preferred) {
            r = r.label(h, "only nice-to-haves are listed");
        }
        let _ = r;
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "missing-requirements";

    #[test]
    fn fires_without_requirements() {
        let src = "# Engineer\n\n## What you'll do\n\n- Write code\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn headings_lists_and_sentences_count() {
        for src in [
            "# Engineer\n\n## Who you are\n\n- Kind\n",
            "# Engineer\n\nYou should have experience with payment systems.\n",
            "# Engineer\n\n## Stack\n\n- Experience with Rust\n- Strong SQL skills\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
