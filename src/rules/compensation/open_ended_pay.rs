use crate::diagnostic::{Category, Severity};
use crate::posting::pay::Bound;
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
Pay given with only one end: "up to $120,000", "from €40k", "$90,000+", "$60k and up",
"starting at $20 an hour". Figures for perks, bonuses and budgets ("up to $5,000
signing bonus") are not pay and are left alone.

## Why it matters
An open-ended figure tells candidates little: "up to" invites them to expect the top,
"from" hides how high the role goes. Several pay-transparency laws (Colorado, Minnesota,
British Columbia among them) do not accept open-ended ranges at all.

## Example
Avoid: "Salary up to £60,000."

Better: "Salary £48,000 - £60,000, depending on experience."

## How to fix
Give both ends of the range you expect to pay.
"#;

pub struct OpenEndedPay {
    meta: RuleMeta,
}

impl Default for OpenEndedPay {
    fn default() -> Self {
        OpenEndedPay {
            meta: RuleMeta::new(
                "open-ended-pay",
                Category::Compensation,
                Severity::Warning,
                "Pay given as \"up to\", \"from\" or \"$X+\" with no other end",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for OpenEndedPay {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, _cx: &Context, sink: &mut Sink) {
        for p in &posting.pay {
            let Some(a) = p.amount() else { continue };
            let how = match a.bound {
                Bound::UpTo => "only a maximum",
                Bound::From => "only a minimum",
                _ => continue,
            };
            sink.report(
                p.span.clone(),
                format!("pay is given as {how}, with no other end"),
            )
            .help("give both ends of the range you expect to pay, e.g. \"£48,000 - £60,000\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "open-ended-pay";

    #[test]
    fn open_ended_amounts() {
        for src in [
            "Salary: up to $120,000\n",
            "Pay from €40k a year\n",
            "$90,000+ base salary\n",
            "Starting at $20 an hour\n",
        ] {
            assert!(ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }

    #[test]
    fn ranges_and_perks_are_fine() {
        for src in [
            "Salary: $90,000 - $110,000\n",
            "Up to $5,000 signing bonus\n",
            "A learning budget of up to £1,000\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
