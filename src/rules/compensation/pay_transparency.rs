use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use crate::posting::ascii_regex::TwoModeRegex;
use crate::posting::pattern_set::PatternSet;
use crate::rules::law_names;
use serde::Deserialize;

use crate::date::Date;
use crate::diagnostic::{Category, Severity};
use crate::posting::location::LocationSource;
use crate::posting::pay::{Bound, PayKind};
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
Postings for a place where a pay-transparency law is in force (on the `--as-of` date)
that do not show what the law requires: no pay at all, or only an open-ended figure
("up to $X", "$X+") where the law wants a range. The place is read from the posting's
location field, a `Location:` line or location section, and the title, never from
running text. Two-letter codes ("CA", "IN", "CO") count only in capitals in those
places. The laws, their effective dates and what they require are data in
`rules/pay-laws.toml` (US states and cities, Canadian provinces, the EU pay
transparency directive).

When this rule reports a posting, `missing-compensation` and `open-ended-pay` stay
quiet about it: it is one problem.

## Why it matters
It is the law: Colorado, California, Washington, New York, Illinois, Ontario, British
Columbia and others require a good-faith pay range in job postings, with fines per
posting. Beyond compliance, pay is what candidates rate the most useful part of a
posting (LinkedIn: 61%).

Most laws apply from an employer size (for example 15 employees in California); jdlint
cannot know your size, so the message says it.

## Example
Avoid: "Location: Denver, CO" with "Competitive salary".

Better: "Location: Denver, CO. Salary: $95,000 - $115,000 a year, plus an annual bonus
and health, dental and vision cover."

## How to fix
State the pay range you expect to pay, in good faith, with both ends, and describe the
benefits where the law asks for them.
"#;

const LAWS_TOML: &str = include_str!("../../../rules/pay-laws.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Law {
    jurisdiction: String,
    #[allow(dead_code)]
    country: String,
    places: Vec<String>,
    #[serde(default)]
    codes: Vec<String>,
    min_employees: u32,
    requires: String,
    open_ended_allowed: bool,
    #[allow(dead_code)]
    benefits_required: bool,
    effective: String,
    law: String,
}

#[derive(Deserialize)]
struct LawFile {
    law: Vec<Law>,
}

struct CompiledLaw {
    law: Law,
    effective: Date,
    /// Compiled when a location first names one of the law's places or codes: the
    /// patterns of all 22 laws took 60 M instructions (about 12 ms) to compile, paid by
    /// every run with a posting that shows no pay.
    patterns: OnceLock<(TwoModeRegex, Option<TwoModeRegex>)>,
}

impl CompiledLaw {
    fn patterns(&self) -> &(TwoModeRegex, Option<TwoModeRegex>) {
        self.patterns.get_or_init(|| {
            let places: Vec<String> = self.law.places.iter().map(|p| regex::escape(p)).collect();
            let codes: Vec<String> = self.law.codes.iter().map(|c| regex::escape(c)).collect();
            (
                TwoModeRegex::new(format!(r"(?i)\b(?:{})\b", places.join("|"))),
                (!codes.is_empty())
                    .then(|| TwoModeRegex::new(format!(r"\b(?:{})\b", codes.join("|")))),
            )
        })
    }
}

struct Laws {
    laws: Vec<CompiledLaw>,
    /// Every place of every law, ASCII case-insensitive, and every code, in capitals as
    /// the codes' pattern wants them: a law none of whose names occurs in a location's
    /// text cannot match it, and most location texts name one place or none, so most
    /// laws' patterns are never compiled or run.
    places: PatternSet,
    codes: PatternSet,
    /// The law (index into `laws`) of each place and each code.
    law_of_place: Vec<usize>,
    law_of_code: Vec<usize>,
}

impl Laws {
    /// Which laws may name a place in `text`: those with a name in it, ignoring ASCII
    /// case. The names are ASCII, and under Unicode case folding the only other
    /// characters an ASCII letter matches are the Kelvin sign ("k") and the long s
    /// ("s"), so non-ASCII text is looked at with those two read as their letters
    /// (a test checks the names are ASCII; `a_name_folds_only_as_ascii_or_two_signs`
    /// checks the folding).
    fn candidates(&self, text: &str) -> Vec<bool> {
        let folded;
        let text = if text.is_ascii() {
            text
        } else {
            folded = text
                .chars()
                .map(|c| match c {
                    '\u{212A}' => 'k',
                    '\u{17F}' => 's',
                    c if c.is_ascii() => c,
                    _ => '\0',
                })
                .collect::<String>();
            &folded
        };
        let mut found = vec![false; self.laws.len()];
        for i in self.places.matches(text.as_bytes()) {
            found[self.law_of_place[i]] = true;
        }
        for i in self.codes.matches(text.as_bytes()) {
            found[self.law_of_code[i]] = true;
        }
        found
    }
}

/// US state and Canadian province codes: a city followed by another one's code is
/// another city ("Waterloo, IA" is not Waterloo, Ontario).
const REGION_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

static LAWS: LazyLock<Laws> = LazyLock::new(|| {
    // Embedded data, checked by a unit test.
    let file: LawFile = crate::rule_data::load(crate::rule_data::json!("pay-laws"), LAWS_TOML)
        .unwrap_or_else(|e| panic!("rules/pay-laws.toml: {e}"));
    let names = |list: fn(&Law) -> &Vec<String>| -> (Vec<&str>, Vec<usize>) {
        file.law
            .iter()
            .enumerate()
            .flat_map(|(i, law)| list(law).iter().map(move |n| (n.as_str(), i)))
            .unzip()
    };
    // DFAs the build script planned from the same names (see `law_names`).
    let set = |patterns: Vec<String>| {
        PatternSet::new(&patterns, 1 << 20).unwrap_or_else(|e| panic!("rules/pay-laws.toml: {e}"))
    };
    let (places, law_of_place) = names(|l| &l.places);
    let (codes, law_of_code) = names(|l| &l.codes);
    let places = set(law_names::place_patterns(places));
    let codes = set(law_names::code_patterns(codes));
    let laws = file
        .law
        .into_iter()
        .map(|law| CompiledLaw {
            effective: law
                .effective
                .parse()
                .unwrap_or_else(|e| panic!("rules/pay-laws.toml: {}: {e}", law.jurisdiction)),
            patterns: OnceLock::new(),
            law,
        })
        .collect();
    Laws {
        laws,
        places,
        codes,
        law_of_place,
        law_of_code,
    }
});

pub struct PayTransparency {
    meta: RuleMeta,
}

impl Default for PayTransparency {
    fn default() -> Self {
        PayTransparency {
            meta: RuleMeta::new(
                "pay-transparency",
                Category::Compensation,
                Severity::Error,
                "The location's pay-transparency law requires pay the posting does not show",
                EXPLANATION,
            )
            .superseding(&["missing-compensation", "open-ended-pay"]),
        }
    }
}

/// Sentences about the employer's offices ("Our headquarters are in San Francisco")
/// do not say where the job is.
static NOT_THE_JOB: LazyLock<TwoModeRegex> = LazyLock::new(|| {
    TwoModeRegex::new(
        r"(?i)\b(headquarter\w*|hq|head office|main office|founded in|clients? in|customers? in|any (geography|location|time ?zone)|anywhere|time ?zones?)\b"
            .to_string(),
    )
});

/// Every pattern this rule searches in ASCII mode, for the list of prebuilt patterns
/// (`ascii_regex`).
#[cfg(test)]
pub(crate) fn ascii_patterns() -> Vec<String> {
    let mut all = vec![NOT_THE_JOB.pattern().to_string()];
    for law in &LAWS.laws {
        let (places, codes) = law.patterns();
        all.push(places.pattern().to_string());
        all.extend(codes.iter().map(|c| c.pattern().to_string()));
    }
    all
}

/// Where in the location text a law's place or code is named.
fn named_in(law: &CompiledLaw, text: &str, source: LocationSource) -> Option<Range<usize>> {
    let in_employer_sentence = |at: usize| {
        crate::posting::vocabulary::sentences(text).any(|s| {
            let start = s.as_ptr() as usize - text.as_ptr() as usize;
            start <= at && at < start + s.len() && NOT_THE_JOB.is_match(s)
        })
    };
    let (places, codes) = law.patterns();
    for m in places.find_iter(text) {
        if in_employer_sentence(m.start) {
            continue;
        }
        // "Waterloo, IA": a city followed by another region's code.
        let after = text[m.end..].trim_start_matches([',', ' ']);
        let code: String = after.chars().take_while(char::is_ascii_uppercase).collect();
        let other_region = code.len() == 2
            && REGION_CODES.contains(&code.as_str())
            && !law.law.codes.contains(&code)
            && !text[m.clone()].contains(',');
        if !other_region {
            return Some(m);
        }
    }
    codes.as_ref()?.find_iter(text).into_iter().find(|r| {
        // In a title, a code counts only after a comma or in brackets ("Denver, CO").
        source != LocationSource::Title
            || text[..r.start].trim_end().ends_with([',', '(', '-', '|'])
    })
}

impl Rule for PayTransparency {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let pay: Vec<_> = posting.pay.iter().filter(|p| p.is_pay()).collect();
        let closed = pay.iter().any(|p| match &p.kind {
            PayKind::Amount(a) => matches!(a.bound, Bound::Range | Bound::Exact),
            PayKind::Field | PayKind::Include | PayKind::Unpaid => true,
            PayKind::Grade => false,
        });
        let open: Vec<_> = pay
            .iter()
            .filter(|p| {
                p.amount()
                    .is_some_and(|a| matches!(a.bound, Bound::UpTo | Bound::From))
            })
            .collect();
        if closed {
            return;
        }
        let mut reported: Vec<&str> = Vec::new();
        for mention in &posting.locations {
            let text = mention.prose.as_str();
            let candidates = LAWS.candidates(text);
            let found: Vec<(&CompiledLaw, Range<usize>)> = LAWS
                .laws
                .iter()
                .zip(candidates)
                .filter(|(_, candidate)| *candidate)
                .map(|(l, _)| l)
                .filter(|l| {
                    l.effective <= cx.as_of && (!l.law.open_ended_allowed || open.is_empty())
                })
                .filter_map(|l| named_in(l, text, mention.source).map(|r| (l, r)))
                .collect();
            for (law, r) in &found {
                // "New York City" names the city's law; the state's "New York" inside it
                // is not reported again.
                let inside_longer = found
                    .iter()
                    .any(|(_, o)| o.start <= r.start && r.end <= o.end && o.len() > r.len());
                if inside_longer || reported.contains(&law.law.jurisdiction.as_str()) {
                    continue;
                }
                reported.push(&law.law.jurisdiction);
                let shows = if open.is_empty() {
                    "shows no pay"
                } else {
                    "shows only an open-ended figure"
                };
                let mut report = sink
                    .report(
                        mention.prose.source_span(r.clone()),
                        format!(
                            "the job is in {} ({}), whose pay-transparency law ({}) requires pay in postings since {}; this posting {shows}",
                            &text[r.clone()],
                            law.law.jurisdiction,
                            law.law.law,
                            law.law.effective
                        ),
                    )
                    .help(format!(
                        "state {}; the law applies to employers with {} or more employees",
                        law.law.requires, law.law.min_employees
                    ));
                for p in &open {
                    report = report.label(p.span.clone(), "open-ended: the law wants both ends");
                }
                let _ = report;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LAWS;
    use crate::testing::ids;

    const RULE: &str = "pay-transparency";

    #[test]
    fn law_data_loads() {
        assert!(LAWS.laws.len() >= 20);
        // Compiled on first use in a run; every law's compile here.
        for law in &LAWS.laws {
            law.patterns();
        }
    }

    #[test]
    fn a_name_folds_only_as_ascii_or_two_signs() {
        let names: Vec<&String> = LAWS
            .laws
            .iter()
            .flat_map(|l| l.law.places.iter().chain(&l.law.codes))
            .collect();
        assert!(names.iter().all(|n| n.is_ascii()));
        // Every character a name's character matches, case-insensitively, other than
        // the ASCII ones.
        let mut chars: Vec<char> = names.iter().flat_map(|n| n.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        let mut signs = Vec::new();
        for c in chars {
            use regex_syntax::hir::{Class, HirKind};
            let hir =
                regex_syntax::parse(&format!("(?i){}", regex::escape(&c.to_string()))).unwrap();
            let matched: Vec<char> = match hir.kind() {
                HirKind::Class(Class::Unicode(class)) => {
                    class.iter().flat_map(|r| r.start()..=r.end()).collect()
                }
                _ => vec![c],
            };
            signs.extend(
                matched
                    .into_iter()
                    .filter(|o| !o.is_ascii())
                    .map(|o| (c.to_ascii_lowercase(), o)),
            );
        }
        signs.sort_unstable();
        signs.dedup();
        assert_eq!(signs, [('k', '\u{212A}'), ('s', '\u{17F}')]);
    }

    #[test]
    fn the_name_sets_are_the_planned_ones_and_find_what_literal_search_finds() {
        let planned = crate::rules::law_names::sets(super::LAWS_TOML);
        let names = |f: fn(&super::Law) -> &Vec<String>| -> Vec<String> {
            LAWS.laws.iter().flat_map(|l| f(&l.law).clone()).collect()
        };
        let (places, codes) = (names(|l| &l.places), names(|l| &l.codes));
        assert_eq!(
            planned,
            [
                crate::rules::law_names::place_patterns(places.iter().map(String::as_str)),
                crate::rules::law_names::code_patterns(codes.iter().map(String::as_str)),
            ]
        );
        assert!(LAWS.places.is_prebuilt() && LAWS.codes.is_prebuilt());
        // Literal search, ASCII case ignored for places, as the sets should match.
        let found = |list: &[String], fold: bool, text: &str| -> Vec<usize> {
            let text = if fold {
                text.to_ascii_lowercase()
            } else {
                text.to_string()
            };
            (0..list.len())
                .filter(|&i| {
                    let name = if fold {
                        list[i].to_ascii_lowercase()
                    } else {
                        list[i].clone()
                    };
                    text.contains(&name)
                })
                .collect()
        };
        let mut texts = vec![String::new(), "Remote, anywhere".to_string()];
        for name in places.iter().chain(&codes) {
            texts.push(format!("Location: {name}"));
            texts.push(format!("{}, USA; ca, Co", name.to_uppercase()));
            texts.push(format!("x{}x", name.to_lowercase()));
            texts.push(format!("{}/{}", &name[..name.len() - 1], name));
        }
        for text in &texts {
            let sets: (Vec<usize>, Vec<usize>) = (
                LAWS.places.matches(text.as_bytes()).collect(),
                LAWS.codes.matches(text.as_bytes()).collect(),
            );
            assert_eq!(
                sets,
                (found(&places, true, text), found(&codes, false, text)),
                "{text}"
            );
        }
    }

    #[test]
    fn the_quick_look_keeps_every_law_whose_patterns_match() {
        use super::{named_in, LocationSource};
        let laws = &LAWS.laws;
        let names = laws
            .iter()
            .flat_map(|l| l.law.places.iter().chain(&l.law.codes));
        for name in names {
            for text in [
                format!("Location: {name}"),
                format!("{}, USA", name.to_uppercase()),
                format!("Remote ({}) or hybrid", name.to_lowercase()),
                format!("Offices in Lyon and {name}.\u{a0}Hybrid"),
                format!(
                    "\u{2019}{}\u{2019}",
                    name.replace('s', "\u{17F}").replace('k', "\u{212A}")
                ),
            ] {
                let candidates = LAWS.candidates(&text);
                for (i, law) in laws.iter().enumerate() {
                    if named_in(law, &text, LocationSource::Section).is_some() {
                        assert!(candidates[i], "{} in {text:?}", law.law.jurisdiction);
                    }
                }
            }
        }
    }

    #[test]
    fn each_mode_finds_what_the_unicode_pattern_finds() {
        use super::{TwoModeRegex, NOT_THE_JOB};
        let mut patterns: Vec<&TwoModeRegex> = vec![&NOT_THE_JOB];
        for law in &LAWS.laws {
            let (places, codes) = law.patterns();
            patterns.push(places);
            patterns.extend(codes);
        }
        let names: Vec<&String> = LAWS
            .laws
            .iter()
            .flat_map(|l| l.law.places.iter().chain(&l.law.codes))
            .collect();
        for pattern in patterns {
            let unicode = regex::Regex::new(pattern.pattern()).unwrap();
            for name in &names {
                for text in [
                    format!("{name}, HQ in {}", name.to_lowercase()),
                    format!("x{name}_ {}-y headquarters", name.to_uppercase()),
                    format!("Remote: any time zone; {name}."),
                    format!("Caf\u{e9} {name} \u{212A}{name}\u{17F}"),
                ] {
                    let want: Vec<_> = unicode.find_iter(&text).map(|m| m.range()).collect();
                    assert_eq!(
                        pattern.find_iter(&text),
                        want,
                        "{} in {text:?}",
                        pattern.pattern()
                    );
                    assert_eq!(pattern.is_match(&text), !want.is_empty());
                }
            }
        }
    }

    #[test]
    fn covered_places_without_pay() {
        for src in [
            "---\ntitle: Engineer\nlocation: Denver, CO\n---\nCompetitive salary.\n",
            "# Engineer\n\nLocation: Seattle, WA\n\nWe pay well.\n",
            "---\ntitle: Engineer\nlocation: Toronto\n---\nSalary up to $90,000 CAD.\n",
            "# Data Engineer - New York City\n\nGreat team.\n",
        ] {
            assert_eq!(
                ids(src, "a.md").iter().filter(|i| *i == RULE).count(),
                1,
                "{src}"
            );
            let found = ids(src, "a.md");
            assert!(found.contains(&RULE.to_string()), "{src}");
            assert!(
                !found.contains(&"missing-compensation".to_string()),
                "one problem, one finding: {src}"
            );
        }
    }

    #[test]
    fn pay_shown_or_place_not_covered() {
        for src in [
            "---\ntitle: Engineer\nlocation: Denver, CO\n---\nSalary: $90,000 - $110,000\n",
            "---\ntitle: Engineer\nlocation: Austin, TX\n---\nCompetitive salary.\n",
            "---\ntitle: Engineer\nlocation: Waterloo, IA\n---\nCompetitive salary.\n",
            "# Engineer\n\nWe work with clients in California.\n",
            "# Engineer\n\nLocation: Remote (US)\n",
            "---\ntitle: CA Engineer\n---\nNo pay.\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
