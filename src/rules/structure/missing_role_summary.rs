use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
That the posting gives an overview of the role before the details: a section such as
"The role", "Role summary" or "Overview", or an opening sentence about the job ("We are
looking for a designer to...", "As our first data engineer, you will...").

## Why it matters
A two- or three-sentence summary lets a reader decide in seconds whether to read on.
Without it, they must reconstruct the job from a list of duties.

## Example
Avoid: opening directly with a list of twelve responsibilities.

Better:

    ## The role
    You will lead the redesign of our booking flow, working with two engineers and a
    researcher.

## How to fix
Add a short summary of the job: what the person will achieve, with whom, and why it
matters.
"#;

pub struct MissingRoleSummary {
    meta: RuleMeta,
}

impl Default for MissingRoleSummary {
    fn default() -> Self {
        MissingRoleSummary {
            meta: RuleMeta::new(
                "missing-role-summary",
                Category::Structure,
                Severity::Info,
                "No overview of the role before the details",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for MissingRoleSummary {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if posting.has_section(SectionKind::Summary) || posting.summary_mention().is_some() {
            return;
        }
        let at = super::anchor(posting, cx.source);
        let mut r = sink
            .report(at, "the posting has no overview of the role")
            .help("add two or three sentences near the top that say what the job is and what the person will achieve");
        if let Some(h) = super::first_heading_of(posting, SectionKind::Responsibilities) {
            r = r.label(h, "the details start here without an overview");
        }
        let _ = r;
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "missing-role-summary";

    #[test]
    fn fires_without_overview() {
        let src = "# Engineer\n\n## Responsibilities\n\n- Write code\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn summary_heading_or_sentence_counts() {
        for src in [
            "# Engineer\n\n## The role\n\nYou build things.\n",
            "# Engineer\n\nWe are looking for an engineer to build our API.\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
