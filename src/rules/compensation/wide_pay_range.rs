use crate::diagnostic::{Category, Severity};
use crate::posting::pay::Bound;
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, RuleOption, Sink};

const EXPLANATION: &str = r#"## What it checks
Pay ranges whose top is more than twice the bottom (configurable): "$50,000 -
$150,000".

## Why it matters
A range that wide says little about what the role pays, and pay-transparency laws
expect a good-faith range (Ontario caps a posted range at a width of 50,000 CAD).
Candidates anchor on different ends, which sets up disappointment at offer time.

## Example
Avoid: "$60,000 - $160,000 depending on level."

Better: post one role per level, each with its own range.

## How to fix
Narrow the range to what you expect to pay for this role, or split the posting by level.
"#;

pub struct WidePayRange {
    meta: RuleMeta,
}

impl Default for WidePayRange {
    fn default() -> Self {
        WidePayRange {
            meta: RuleMeta::new(
                "wide-pay-range",
                Category::Compensation,
                Severity::Info,
                "The top of the pay range is more than twice the bottom",
                EXPLANATION,
            )
            .with_options(vec![RuleOption::new(
                "max-ratio",
                2.0,
                "the widest top-to-bottom ratio that is not reported",
            )]),
        }
    }
}

impl Rule for WidePayRange {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let max_ratio = cx.number(&self.meta, "max-ratio");
        for p in &posting.pay {
            let Some(a) = p.amount() else { continue };
            if a.bound != Bound::Range || a.min <= 0.0 || a.max / a.min <= max_ratio {
                continue;
            }
            sink.report(
                p.span.clone(),
                format!("the top of this range is {:.1} times the bottom (more than {max_ratio})", a.max / a.min),
            )
            .help("narrow the range to what you expect to pay for this role, or post one range per level");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "wide-pay-range";

    #[test]
    fn wide_and_narrow_ranges() {
        assert!(ids("Salary: $50,000 - $150,000\n", "a.md").contains(&RULE.to_string()));
        assert!(!ids("Salary: $90,000 - $150,000\n", "a.md").contains(&RULE.to_string()));
    }
}
