use crate::posting::ascii_regex::LazyAsciiRegex;

use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
A degree demanded as a requirement ("Bachelor's degree in Computer Science required",
"BS/MS in Statistics") with no "or equivalent experience" (or similar: "or
equivalent", "or comparable experience", "in lieu of a degree") anywhere in the
posting. Degrees listed as preferred or nice to have are not reported.

## Why it matters
Many people do the work well without the degree. Indeed found that 52% of US postings
in January 2024 named no education requirement (48% in 2019), and at least 16 US states
have dropped degree requirements for many state jobs since 2022. A hard degree
requirement shrinks the pool, and it falls hardest on people who could not afford
university.

## Example
Avoid: "Bachelor's degree in Computer Science required."

Better: "A degree in computer science or equivalent practical experience."

## How to fix
Add "or equivalent experience", or move the degree to the nice-to-have list.
"#;

static DEGREE: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(?:bachelor'?s?|master'?s?|ph\.?\s?d\.?|doctorate|doctoral|b\.?\s?s\.?c?|b\.?\s?a\.?|m\.?\s?s\.?c?|m\.?\s?a\.?|mba|b\.?\s?eng|m\.?\s?eng|undergraduate|university|college)(?:/[\w.]+)*\s+(?:degree|diploma)\b|\b(?:bachelor'?s?|master'?s?|ph\.?d|doctorate|bs|ba|ms|msc|bsc|mba)(?:/[\w.]+)*\s+(?:in|from)\b|\bdegree\s+(?:in|from|required|is required)\b",
);

static EQUIVALENT: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(?:or|and/or)\s+(?:an?\s+)?(?:equivalent|comparable|relevant|related|similar|practical|commensurate|applicable)\b|\bequivalent\s+(?:practical\s+|work\s+|professional\s+|combination|level|experience)|\bin\s+lieu\s+of\b|\bor\s+(?:\w+\s+){0,3}(?:years?|experience)\b|\bexperience\s+(?:may|can|will)\s+(?:be\s+)?(?:substitut|consider|count)|\bno\s+degree\b|\bdegree\s+(?:is\s+)?not\s+required\b|\bnot\s+(?:required|necessary|essential)\b|\bpreferred\b|\bnice to have\b|\bplus\b|\bdesir",
);

pub struct DegreeRequired {
    meta: RuleMeta,
}

impl Default for DegreeRequired {
    fn default() -> Self {
        DegreeRequired {
            meta: RuleMeta::new(
                "degree-required",
                Category::Requirements,
                Severity::Info,
                "A degree is demanded without \"or equivalent experience\"",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for DegreeRequired {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, _cx: &Context, sink: &mut Sink) {
        let demands: Vec<_> = posting
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Requirements)
            .flat_map(|s| s.units.iter())
            .filter_map(|u| DEGREE.find(u.prose.ascii()).map(|m| u.prose.source_span(m)))
            .collect();
        let Some(first) = demands.first() else {
            return;
        };
        // One sentence anywhere that accepts equivalent experience covers them all.
        // Looked for only once there is a demand: it reads every text in lower case.
        let accepts_equivalent = posting
            .sections
            .iter()
            .flat_map(|s| s.units.iter())
            .any(|u| DEGREE.is_match(u.prose.ascii()) && EQUIVALENT.is_match(u.prose.ascii()))
            || posting
                .sections
                .iter()
                .flat_map(|s| s.units.iter())
                .any(|u| {
                    let t = u.prose.as_str().to_lowercase();
                    t.contains("equivalent experience")
                        || t.contains("equivalent combination")
                        || t.contains("in lieu of")
                });
        if accepts_equivalent {
            return;
        }
        let mut r = sink
            .report(
                first.clone(),
                "a degree is required with no \"or equivalent experience\"",
            )
            .help("add \"or equivalent experience\", or list the degree as nice to have");
        for other in &demands[1..] {
            r = r.label(other.clone(), "another degree requirement");
        }
        let _ = r;
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "degree-required";

    #[test]
    fn hard_degree_requirements() {
        for src in [
            "# E\n\n## Requirements\n\n- Bachelor's degree in Computer Science\n",
            "# E\n\n## Requirements\n\n- BS/MS in Statistics required\n",
        ] {
            assert!(ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }

    #[test]
    fn equivalents_and_preferences_are_fine() {
        for src in [
            "# E\n\n## Requirements\n\n- Bachelor's degree in Computer Science or equivalent experience\n",
            "# E\n\n## Requirements\n\n- A degree in design, or four years of relevant work\n",
            "# E\n\n## Requirements\n\n- Degree in maths\n\nEquivalent experience is welcome.\n",
            "# E\n\n## Nice to have\n\n- Master's degree in Statistics\n",
            "# E\n\n## Requirements\n\n- Master's degree in Statistics preferred\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
