//! Experience claims: "5+ years of Python", "React (3 years)", "at least five years'
//! experience with Go and Rust", "3-5 years working with Kafka". Extracted once; the
//! requirement rules read them.

use std::ops::Range;
use std::sync::LazyLock;

use super::ascii_regex::LazyAsciiRegex;
use super::capture_regex::CaptureRegex;
use super::prose::Prose;
use super::technology::Technologies;

#[derive(Debug, Clone, PartialEq)]
pub struct TechMention {
    /// Index into `Technologies::get().list`.
    pub technology: usize,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExperienceClaim {
    /// The years phrase ("5+ years").
    pub span: Range<usize>,
    /// The whole claim, from the years phrase to the last technology named.
    pub claim_span: Range<usize>,
    pub min_years: u32,
    pub max_years: Option<u32>,
    /// "at least", "+", "minimum".
    pub open_ended: bool,
    /// "no more than", "maximum", "up to": an upper limit on experience.
    pub capped: bool,
    /// The clause speaks of experience ("years of experience", "years working with"),
    /// or names a technology: not "founded 20 years ago".
    pub is_experience: bool,
    pub technologies: Vec<TechMention>,
}

// ASCII digits, for the reason given in `pay.rs`.
const NUMBER: &str = r"[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty";

// Word boundaries are ASCII ones (`B`): a Unicode `\b` stops the fast engine at the
// first non-ASCII byte of a line, and the slow one it falls back to was a tenth of
// all linting time. The two differ only beside a non-ASCII letter or digit ("5
// yearsé"), where no posting puts one; corpus findings are the same with either.
static YEARS: LazyLock<CaptureRegex> = LazyLock::new(|| {
    const B: &str = r"(?-u:\b)";
    CaptureRegex::new(&format!(
        r"(?i)(?P<pre>{B}(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than|no\s+(?:more|less|fewer)\s+than|not\s+more\s+than|maximum(?:\s+of)?|max\.?|up\s+to|at\s+most)\s+)?{B}(?P<min>{NUMBER})(?:\s*\([0-9]{{1,2}}\))?(?P<plus>\s*\+|\s+plus)?(?:\s*(?:-|–|—|to)\s*(?P<max>{NUMBER}))?\s*\+?\s*(?:years?|yrs?){B}(?:'|’)?(?P<post>\s+(?:minimum|min|maximum|max|or\s+more|or\s+less|at\s+most|only){B})?"
    ))
    .expect("static regex")
});

/// What may stand between the years and the technology: "of (professional) experience
/// (with|in|using)", "working with", "hands-on".
static BRIDGE: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)^\W{0,3}(?:of\s+|in\s+|with\s+)?(?:(?:recent|professional|relevant|proven|practical|hands[- ]on|industry|commercial|production|working|demonstrated|solid|strong|direct|related|progressive|post[- ]graduate|full[- ]time)\s+){0,3}(?:(?:work\s+|software\s+|development\s+|programming\s+|engineering\s+)?(?:experience|exp\.?|background|expertise)\s+)?(?:(?:working\s+)?(?:with|in|using|of|on|developing\s+(?:in|with)?|building\s+(?:with|in)?|writing|programming\s+(?:in|with)?|coding\s+in)\s+)?",
);

static CAP_AFTER: LazyAsciiRegex =
    LazyAsciiRegex::new(r"(?i)^\W{0,3}(only|maximum|max\b|at most|or less|or fewer)");

static EXPERIENCE_WORDS: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(experience|exp\.?|experienced|background|working (with|in|as|on)|track record|hands-on|professional|industry|practice|in (a|the) (role|field|position))",
);

fn number(s: &str) -> Option<u32> {
    let words = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    s.parse().ok().or_else(|| {
        let l = s.to_lowercase();
        words.iter().position(|w| *w == l).map(|i| i as u32 + 1)
    })
}

/// Where a list of technologies ends: the end of the clause.
fn clause_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        if matches!(c, ';' | '\n' | '•') || (c == '.' && rest[i + 1..].starts_with([' ', '\n'])) {
            end = i;
            break;
        }
    }
    // Capped at 140 bytes, moved back to a character boundary.
    text.floor_char_boundary(from + end.min(140))
}

/// Whether "year" or "yr" appears in any case (at each "y", a look at the bytes
/// after it): every claim holds one of them (see [`YEARS`]).
fn says_year_or_yr(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'y', b'Y', bytes).any(|i| {
        let after = &bytes[i + 1..];
        after.first().is_some_and(|b| b.eq_ignore_ascii_case(&b'r'))
            || after
                .get(..3)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"ear"))
    })
}

/// Experience claims in one line or item of prose.
pub fn find_in(prose: &Prose) -> Vec<ExperienceClaim> {
    let text = prose.as_str();
    // Same offsets as `text`, for the ASCII-only patterns.
    let ascii = prose.ascii();
    // Most lines with a figure hold pay, dates or counts; searching them for claims
    // was a twentieth of the time of a many-file run.
    if !says_year_or_yr(text) {
        return Vec::new();
    }
    let tech = Technologies::get();
    let anchors = YEARS.captures_all(text);
    let mut out = Vec::new();
    for (k, c) in anchors.iter().enumerate() {
        let m = c.get(0).expect("match");
        let Some(min) = c.name("min").and_then(|x| number(x.as_str())) else {
            continue;
        };
        let max = c.name("max").and_then(|x| number(x.as_str()));
        let pre = c
            .name("pre")
            .map(|x| x.as_str().to_lowercase())
            .unwrap_or_default();
        let post = c
            .name("post")
            .map(|x| x.as_str().to_lowercase())
            .unwrap_or_default();
        let capped = pre.contains("no more")
            || pre.contains("not more")
            || pre.starts_with("max")
            || pre.starts_with("up to")
            || pre.contains("at most")
            || post.contains("max")
            || post.contains("or less")
            || post.contains("at most")
            || post.contains("only");
        let open_ended = c.name("plus").is_some()
            || pre.contains("least")
            || pre.starts_with("min")
            || pre.contains("more than")
            || pre.starts_with("over")
            || post.contains("or more")
            || post.contains("min");
        // Technologies after the years, within the clause and before the next claim.
        let next = anchors
            .get(k + 1)
            .map_or(text.len(), |n| n.get(0).expect("match").start());
        let window_end = clause_end(text, m.end()).min(next);
        let mut techs = Vec::new();
        let after = &text[m.end()..window_end];
        let after_ascii = &ascii[m.end()..window_end];
        // On the shadow a symbol is a run of spaces, one per byte, and `\W{0,3}` may
        // stop inside the run: the bridge ends after the whole character.
        let bridge = after.ceil_char_boundary(BRIDGE.find(after_ascii).map_or(0, |b| b.end));
        let list = &after[bridge..];
        // "0-2 years of experience only", "4 years of experience maximum".
        let capped = capped || CAP_AFTER.is_match(&after_ascii[bridge..]);
        let mut prev_end = 0;
        for (r, i) in tech.find(list) {
            // Only a list that starts right after the bridge ("of Go, Rust and C").
            let gap = &list[prev_end..r.start];
            let joined = if techs.is_empty() {
                gap.trim().is_empty()
            } else {
                is_list_glue(gap)
            };
            if !joined {
                break;
            }
            let s = m.end() + bridge + r.start;
            techs.push(TechMention {
                technology: i,
                span: prose.source_span(s..s + r.len()),
            });
            prev_end = r.end;
        }
        // "Python (5 years)", "Python: 5+ years", "Python - 5 years".
        if techs.is_empty() {
            let before = &text[..m.start()];
            let trimmed = before.trim_end_matches([' ', '(', ':', '-', '–', '—']);
            if trimmed.len() < before.len() {
                if let Some((r, i)) = tech.find(trimmed).into_iter().last() {
                    if r.end == trimmed.len() {
                        techs.push(TechMention {
                            technology: i,
                            span: prose.source_span(r),
                        });
                    }
                }
            }
        }
        let clause_start = text.floor_char_boundary(m.start().saturating_sub(40));
        // "A mission-driven organisation with 30 years of experience" is about the employer.
        let sentence = super::vocabulary::sentences(text)
            .find(|s| {
                let at = s.as_ptr() as usize - text.as_ptr() as usize;
                at <= m.start() && m.start() < at + s.len()
            })
            .unwrap_or(text);
        let about_employer = super::vocabulary::Vocabulary::get()
            .company
            .matches(sentence);
        let is_experience = !about_employer
            && (!techs.is_empty() || EXPERIENCE_WORDS.is_match(&ascii[clause_start..window_end]));
        let claim_end = techs.last().map_or(m.end(), |t| t.span.end);
        let span = prose.source_span(m.start() + c.name("pre").map_or(0, |p| p.len())..m.end());
        let span_start = span.start;
        out.push(ExperienceClaim {
            claim_span: span_start.min(techs.first().map_or(span_start, |t| t.span.start))
                ..claim_end.max(span.end),
            span,
            min_years: min,
            max_years: max,
            open_ended,
            capped,
            is_experience,
            technologies: techs,
        });
    }
    out
}

/// Between two names of a list only separators and small words may stand
/// (", ", " and ", ", and/or ", " as well as ").
fn is_list_glue(gap: &str) -> bool {
    gap.len() <= 14
        && gap
            .split(|c: char| !c.is_alphanumeric() && c != '/')
            .filter(|w| !w.is_empty())
            .all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "and" | "or" | "and/or" | "as" | "well" | "plus" | "also"
                )
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_is_found_in_any_case_anywhere() {
        for (text, year) in [
            ("two YEARS", true),
            ("yEaR", true),
            ("a yea", false),
            ("yyear", true),
            ("y", false),
            ("", false),
            ("caf\u{e9} year", true),
            ("yearly", true),
            ("5 YRS", true),
            ("3yr", true),
            ("$120,000 a ye", false),
            ("y r", false),
        ] {
            let bytes = text.as_bytes();
            let windows = bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"year"))
                || bytes.windows(2).any(|w| w.eq_ignore_ascii_case(b"yr"));
            assert_eq!(says_year_or_yr(text), year, "{text}");
            assert_eq!(windows, year, "{text}");
        }
    }

    #[test]
    fn clause_end_cap_lands_on_a_character_boundary() {
        // Found by the property tests: the 140-byte cap fell inside a 4-byte character.
        let text = format!("10+ years of {}", "\u{11652}".repeat(60));
        let end = clause_end(&text, 12);
        assert!(text.is_char_boundary(end) && end <= 12 + 140);
    }

    #[test]
    fn bridge_ends_on_a_character_boundary() {
        // Found by the fuzzer: the bridge stopped inside "£", whose shadow is two spaces.
        let mut p = Prose::new();
        p.push_verbatim(
            "3 years  \u{a3}5 bonus, and 2 years  \u{2022}\u{2022} with Rust",
            0,
        );
        let found = find_in(&p);
        assert_eq!(found.len(), 2);
    }

    fn claims(s: &str) -> Vec<(u32, Option<u32>, Vec<String>)> {
        let mut p = Prose::new();
        p.push_verbatim(s, 0);
        let t = Technologies::get();
        find_in(&p)
            .into_iter()
            .map(|c| {
                (
                    c.min_years,
                    c.max_years,
                    c.technologies
                        .iter()
                        .map(|m| t.list[m.technology].name.clone())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn forms_postings_use() {
        assert_eq!(
            claims("10+ years of SwiftUI"),
            [(10, None, vec!["SwiftUI".to_string()])]
        );
        assert_eq!(
            claims("SwiftUI (5 years)"),
            [(5, None, vec!["SwiftUI".to_string()])]
        );
        assert_eq!(
            claims("at least five years' experience with Go and Rust"),
            [(5, None, vec!["Go".to_string(), "Rust".to_string()])]
        );
        assert_eq!(
            claims("5-7 years working with Kafka, Docker and Kubernetes"),
            [(
                5,
                Some(7),
                vec![
                    "Apache Kafka".to_string(),
                    "Docker".to_string(),
                    "Kubernetes".to_string()
                ]
            )]
        );
        assert_eq!(
            claims("Python: 3+ years"),
            [(3, None, vec!["Python".to_string()])]
        );
    }

    #[test]
    fn lines_with_other_scripts_and_symbols_read_the_same() {
        // The years pattern uses ASCII word boundaries (so the fast engine keeps going
        // past non-ASCII text); these lines hold en dashes, curly quotes and accents.
        assert_eq!(
            claims("Caf\u{e9} team \u{2014} 5\u{2013}7 years\u{2019} experience with Kafka"),
            [(5, Some(7), vec!["Apache Kafka".to_string()])]
        );
        assert_eq!(
            claims("\u{201c}Senior\u{201d}: at least 4 years of Python, r\u{e9}sum\u{e9} required"),
            [(4, None, vec!["Python".to_string()])]
        );
    }

    #[test]
    fn ordinary_words_and_other_contexts_are_not_technologies() {
        assert_eq!(claims("5 years of go-to-market work"), [(5, None, vec![])]);
        assert_eq!(
            claims("3 years in a fast-paced team using React"),
            [(3, None, vec![])]
        );
        assert_eq!(
            claims("we have been around for 10 years"),
            [(10, None, vec![])]
        );
    }

    #[test]
    fn caps_and_minimums() {
        let mut p = Prose::new();
        p.push_verbatim("no more than 5 years of experience", 0);
        assert!(find_in(&p)[0].capped);
        let mut p = Prose::new();
        p.push_verbatim("a minimum of 3 years", 0);
        let c = &find_in(&p)[0];
        assert!(c.open_ended && !c.capped);
    }
}
