use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
That the posting says what the person will do: a section such as "Responsibilities",
"What you'll do" or "Key objectives" (also as a front matter list), a list of duties
under any heading, or sentences such as "You will design and run our user research".

## Why it matters
Duties are the core of a job description. Without them candidates cannot judge whether
they can do the job or would want to, and the employer has no written basis for what
the role's essential functions are.

## Example
Avoid: a posting with a summary and a list of requirements but no duties.

Better:

    ## What you'll do
    - Run weekly usability sessions with clinic staff
    - Turn findings into prioritised design changes with the product team

## How to fix
Add a list of the main duties, each starting with an action verb and naming what is
worked on and to what end.
"#;

pub struct MissingResponsibilities {
    meta: RuleMeta,
}

impl Default for MissingResponsibilities {
    fn default() -> Self {
        MissingResponsibilities {
            meta: RuleMeta::new(
                "missing-responsibilities",
                Category::Structure,
                Severity::Error,
                "Nothing says what the person will do",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for MissingResponsibilities {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if posting.has_section(SectionKind::Responsibilities) || posting.duty_mention().is_some() {
            return;
        }
        let at = super::anchor(posting, cx.source);
        let mut r = sink
            .report(at, "the posting never says what the person will do")
            .help("add a \"What you'll do\" list: the main duties, each with an action verb, an object and an outcome");
        if let Some(h) = super::first_heading_of(posting, SectionKind::Requirements) {
            r = r.label(h, "requirements are listed, but no duties");
        }
        let _ = r;
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "missing-responsibilities";

    #[test]
    fn fires_without_duties() {
        let src = "# Engineer\n\n## Requirements\n\n- Five years of Rust\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn headings_lists_and_sentences_count() {
        for (src, path) in [
            ("# Engineer\n\n## What you'll do\n\n- Write code\n", "a.md"),
            ("# Engineer\n\n## Your week\n\n- Build the API\n- Review pull requests\n- Write docs\n", "a.md"),
            ("# Engineer\n\nYou will design and build our billing service.\n", "a.md"),
            ("---\ntitle: X\nkey objectives:\n  - Build the thing well\n---\nBody.\n", "a.md"),
            ("DUTIES\nWrite code\nReview code\n", "a.txt"),
        ] {
            assert!(!ids(src, path).contains(&RULE.to_string()), "{src}");
        }
    }
}
