use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
That something tells the reader what the organisation is or does: a section such as
"About us" or "Who we are", or sentences anywhere near the top that describe it
("Acme builds payroll software for restaurants", "We are a non-profit...", "Founded in
2012...", "Our mission is..."). A template include that renders an about-us block
(`{% include about_company.html %}`) counts too.

## Why it matters
Candidates decide whether to apply by weighing the organisation as much as the role.
A posting that never says who is hiring reads like a recruiter's placeholder and draws
fewer and less suitable applicants.

## Example
Avoid: a posting that lists duties and requirements but never names what the company does.

Better:

    ## About us
    Acme makes scheduling software used by 4,000 clinics. We are 60 people, fully remote.

## How to fix
Add two or three sentences about the organisation: what it does, for whom, how big it
is and where it works.
"#;

pub struct MissingCompanyBackground {
    meta: RuleMeta,
}

impl Default for MissingCompanyBackground {
    fn default() -> Self {
        MissingCompanyBackground {
            meta: RuleMeta::new(
                "missing-company-background",
                Category::Structure,
                Severity::Error,
                "Nothing tells the reader what the organisation is or does",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for MissingCompanyBackground {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if posting.has_section(SectionKind::Company) || posting.company_mention().is_some() {
            return;
        }
        let at = super::anchor(posting, cx.source);
        sink.report(at, "the posting never says what the organisation is or does")
            .help("add an \"About us\" section: what the organisation does, for whom, its size and where it works");
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "missing-company-background";

    #[test]
    fn fires_without_background() {
        let src = "# Engineer\n\n## Responsibilities\n\n- Write code\n- Review code\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn heading_or_content_counts() {
        for src in [
            "# Engineer\n\n## About us\n\nSmall team.\n",
            "# Engineer\n\nAcme is a small software company in Leeds.\n",
            "# Engineer\n\nWe are a non-profit that repairs bicycles.\n",
            "# Engineer\n\nFounded in 2009, we repair bicycles.\n",
            "# Engineer\n\n{% include about_company.html %}\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }

    #[test]
    fn an_eeo_line_is_not_background() {
        let src = "# Engineer\n\nWe are an equal opportunity employer.\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }
}
