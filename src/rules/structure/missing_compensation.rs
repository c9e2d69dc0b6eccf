use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
That the posting states pay in some form: an amount or range in any currency ("£42,000 -
£48,000", "$55/hour", "90-110k EUR"), a named pay grade ("GS-13", "IT-03", "Grade 7"), a
pay field in the front matter (`salary_min`, `compensation`), or a template include that
renders a salary range. "Competitive salary" alone does not count.

Where a pay-transparency law covers the posting's location, the `pay-transparency`
rule reports the gap instead, and this one stays quiet.

## Why it matters
Pay is the part of a posting candidates rate most useful (LinkedIn's survey: 61%), and a
growing number of jurisdictions require it. Postings without pay waste both sides'
time on mismatched expectations.

## Example
Avoid: "We offer a competitive salary."

Better: "Salary: £52,000 - £60,000 a year, depending on experience."

## How to fix
State the pay range you expect to pay for this role, with its period.
"#;

pub struct MissingCompensation {
    meta: RuleMeta,
}

impl Default for MissingCompensation {
    fn default() -> Self {
        MissingCompensation {
            meta: RuleMeta::new(
                "missing-compensation",
                Category::Compensation,
                Severity::Warning,
                "No pay is stated (amount, range or pay grade)",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for MissingCompensation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if posting.pay.iter().any(|p| p.is_pay()) {
            return;
        }
        let mut r = sink
            .report(super::anchor(posting, cx.source), "the posting states no pay")
            .help("state the pay range for this role with its period, e.g. \"$95,000 - $115,000 a year\"");
        if let Some(h) = super::first_heading_of(posting, SectionKind::Compensation) {
            r = r.label(h, "this section gives no figure");
        }
        let _ = r;
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "missing-compensation";

    #[test]
    fn fires_without_pay() {
        let src = "# Engineer\n\n## Benefits\n\nA competitive salary.\n";
        assert!(ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn amounts_grades_fields_count() {
        for src in [
            "# Engineer\n\nSalary: $90,000 - $110,000\n",
            "# Engineer\n\nThis is a GS-13 position.\n",
            "---\ntitle: X\nsalary_min: 90000\n---\nBody.\n",
            "# Engineer\n\n{% include job/salary_range.html %}\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
