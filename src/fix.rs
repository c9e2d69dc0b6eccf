//! Applying fixes: pure text in, text out. The CLI decides where the text goes
//! (in place, to stdout, or into a diff).
//!
//! Fixes are applied in passes. Each pass takes every diagnostic's fix, orders them
//! by position (then by rule id, so the order never depends on rule scheduling),
//! keeps the first of any overlapping group and drops the rest; the text is then
//! linted again and the next pass picks up what the dropped fixes still need. A
//! pass that applies nothing ends the loop, so running the loop on its own output
//! changes nothing.

use crate::diagnostic::{Diagnostic, Fix};
use crate::source::Source;
use crate::{Format, Linter, Options};

/// Passes before giving up on fixes that keep producing new fixes.
pub const MAX_PASSES: usize = 10;

/// The result of fixing one text.
#[derive(Debug)]
pub struct Fixed {
    /// The text after every pass.
    pub text: String,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// The findings left in the fixed text.
    pub remaining: Vec<Diagnostic>,
}

/// Chooses the fixes one pass applies: sorted, non-overlapping, and each a change.
pub fn select<'a>(text: &str, diagnostics: &'a [Diagnostic]) -> Vec<&'a Fix> {
    let mut fixes: Vec<(&Fix, &str)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (f, d.rule.as_str())))
        .filter(|(f, _)| {
            f.span.start <= f.span.end
                && f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end)
                && text[f.span.clone()] != f.replacement
        })
        .collect();
    fixes.sort_by(|(a, ra), (b, rb)| {
        (a.span.start, a.span.end, *ra, &a.replacement).cmp(&(
            b.span.start,
            b.span.end,
            *rb,
            &b.replacement,
        ))
    });
    let mut chosen: Vec<&Fix> = Vec::new();
    let mut end = 0;
    for (f, _) in fixes {
        // Touching spans overlap too when one is an insertion at the other's edge:
        // two insertions at one point have no safe order.
        let clashes = chosen.last().is_some_and(|last| {
            f.span.start < end
                || (f.span.start == end && (f.span.is_empty() || last.span.is_empty()))
        });
        if clashes {
            continue;
        }
        end = f.span.end;
        chosen.push(f);
    }
    chosen
}

/// Applies fixes that `select` chose (sorted and non-overlapping).
pub fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in fixes {
        out.push_str(&text[at..f.span.start]);
        out.push_str(&f.replacement);
        at = f.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Lints and fixes until nothing more can be fixed.
pub fn fix(linter: &Linter, path: &str, text: String, format: Format, options: &Options) -> Fixed {
    let mut source = Source::new(path, text);
    let mut diagnostics = linter.lint(&source, format, options);
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let chosen = select(&source.text, &diagnostics);
        if chosen.is_empty() {
            break;
        }
        applied += chosen.len();
        let next = apply(&source.text, &chosen);
        source = Source::new(path, next);
        diagnostics = linter.lint(&source, format, options);
    }
    Fixed {
        text: source.text,
        applied,
        remaining: diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn d(rule: &str, span: std::ops::Range<usize>, replacement: &str) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category: Category::Inclusion,
            severity: Severity::Warning,
            message: String::new(),
            span: span.clone(),
            labels: vec![],
            help: None,
            fix: Some(Fix {
                span,
                replacement: replacement.into(),
            }),
        }
    }

    #[test]
    fn overlapping_fixes_keep_the_first_by_position_then_rule() {
        let text = "the salesman will";
        let ds = vec![
            d("zeta", 4..12, "seller"),
            d("alpha", 4..12, "salesperson"),
            d("beta", 8..17, "x"),
        ];
        let chosen = select(text, &ds);
        assert_eq!(chosen.len(), 1);
        assert_eq!(apply(text, &chosen), "the salesperson will");
    }

    #[test]
    fn adjacent_replacements_both_apply_but_twin_insertions_do_not() {
        let text = "abcd";
        let ds = vec![d("r", 0..2, "X"), d("r", 2..4, "Y")];
        assert_eq!(apply(text, &select(text, &ds)), "XY");
        let ds = vec![d("r", 2..2, "1"), d("s", 2..2, "2")];
        assert_eq!(apply(text, &select(text, &ds)), "ab1cd");
    }

    #[test]
    fn no_op_and_out_of_range_fixes_are_ignored() {
        let text = "héllo";
        let ds = vec![d("r", 0..1, "h"), d("r", 1..2, "e"), d("r", 3..99, "x")];
        assert!(select(text, &ds).is_empty());
    }

    #[test]
    fn fixing_twice_changes_nothing_the_second_time() {
        let linter = Linter::new();
        let options = Options::default();
        let text = "# Salesman\r\n\r\nThe salesman will sell. He will travel.\r\n".to_string();
        let once = fix(&linter, "p.md", text.clone(), Format::Markdown, &options);
        assert!(once.applied > 0, "{once:?}");
        assert!(once.text.contains("\r\n"));
        assert!(!once.text.contains("alesman"));
        let twice = fix(
            &linter,
            "p.md",
            once.text.clone(),
            Format::Markdown,
            &options,
        );
        assert_eq!(twice.applied, 0);
        assert_eq!(twice.text, once.text);
    }
}
