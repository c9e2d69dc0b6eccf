//! Stated pay: currency amounts and ranges in prose, pay grades, pay fields in front
//! matter, and template includes that render pay.

use crate::posting::ascii_regex::LazyAsciiRegex;
use std::ops::Range;
use std::sync::LazyLock;

use crate::posting::capture_regex::{CaptureRegex, Found};

use super::prose::Prose;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// How an amount is bounded: a range, one figure, or open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// "$90,000 - $110,000"
    Range,
    /// "$95,000"
    Exact,
    /// "up to $X", "$X max"
    UpTo,
    /// "from $X", "$X+", "$X and up", "starting at $X"
    From,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Amount {
    pub currency: String,
    pub min: f64,
    pub max: f64,
    pub bound: Bound,
    pub period: Option<Period>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum PayKind {
    Amount(Amount),
    /// A named pay grade ("GS-13", "IT-03", "Grade 7").
    Grade,
    /// A pay value in front matter (`salary_min: 90000`).
    Field,
    /// A template include that renders pay.
    Include,
    /// An explicit statement that the work is unpaid ("gratis", "volunteer role").
    Unpaid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PayMention {
    pub span: Range<usize>,
    pub kind: PayKind,
    /// The figure is for a perk, bonus or budget, not for pay ("a £1,000 learning
    /// budget", "up to $5,000 signing bonus").
    pub perk: bool,
}

impl PayMention {
    /// Pay a candidate can weigh: a salary or rate, a grade, a pay field or include.
    pub fn is_pay(&self) -> bool {
        !self.perk
    }

    pub fn amount(&self) -> Option<&Amount> {
        match &self.kind {
            PayKind::Amount(a) if !self.perk => Some(a),
            _ => None,
        }
    }
}

/// Words near a figure that make it a perk or a one-off, not pay.
static PERK: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(?:bonus|bonuses|budget|allowance|stipends? for|reimburs\w*|match\w*|relocation|referral|equity|stock|signing|sign-on|joining|credit|per diem|expenses?|home office|learning|conference|wellness|gym|childcare|401\s?\(?k\)?|pension|tuition|donation|voucher|discount|funding|grant|prize|award|raised|revenue|sales|worth|insurance|coverage|life cover|parental|fund)\b",
);

/// Words that make a figure pay even beside a perk word ("salary of $80,000 plus bonus").
static PAY_WORDS: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(?:salary|salaries|pay|paid|compensation|wage|wages|rate|hourly|per (?:hour|year|annum|month)|a year|an hour|base|OTE|earn|remuneration|range|band|grade|stipend)\b",
);

/// `ascii` is `text`'s shadow (same offsets), for the ASCII patterns.
fn is_perk(text: &str, ascii: &str, range: Range<usize>) -> bool {
    // The clause around the figure: back to the previous sentence break, on to the next.
    let start = text[..range.start]
        .rfind(['.', ';', '\n', '\u{2022}'])
        .map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find(['.', ';', '\n', '\u{2022}'])
        .map_or(text.len(), |i| range.end + i);
    let near_start = text
        .floor_char_boundary(range.start.saturating_sub(40))
        .max(start);
    let near_end = text.ceil_char_boundary((range.end + 40).min(end));
    PERK.is_match(&ascii[near_start..near_end]) && !PAY_WORDS.is_match(&ascii[start..end])
}

/// Currency symbols, shared by `CURRENCY` and the quick currency check in `find_in`.
macro_rules! currency_symbols {
    () => {
        "$£€¥₹"
    };
}

/// Currencies written as words, shared by `CURRENCY` and `CURRENCY_WORD`.
macro_rules! currency_words {
    () => {
        r"LPA(?-u:\b)|(?-u:\b)(?:USD|CAD|AUD|NZD|GBP|EUR|CZK|CHF|INR|JPY|SEK|NOK|DKK|PLN|HUF|SGD|HKD|ZAR|BRL|MXN|LPA|lakhs?|lacs?)(?-u:\b)"
    };
}

const CURRENCY: &str = concat!(
    r"(?:US\$|C\$|CA\$|A\$|AU\$|NZ\$|HK\$|S\$|R\$|[",
    currency_symbols!(),
    "]|",
    currency_words!(),
    ")"
);
// ASCII digits and word boundaries (`(?-u:\b)`): Unicode ones made this pattern and
// the experience claims 6% of a one-file run's instructions to compile, and a Unicode
// `\b` sends any line with a non-ASCII character to a slower engine. They differ
// only for digits of other scripts and letters of other scripts next to an amount;
// corpus findings are identical either way.
const NUMBER: &str =
    r"[0-9]{1,3}(?:[,.\u{00A0}\u{202F} ][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]{1,2})?";

/// The currencies of `CURRENCY` that are words, for a quick look at a line's shadow.
static CURRENCY_WORD: LazyAsciiRegex = LazyAsciiRegex::new(concat!("(?i)", currency_words!()));

static AMOUNT: LazyLock<CaptureRegex> = LazyLock::new(|| {
    // A currency must appear on one side of the figure or of the range's second figure;
    // `amount_from` checks that, so plain numbers ("5 years") are never pay.
    const B: &str = r"(?-u:\b)";
    CaptureRegex::new(&format!(
        r"(?i)(?P<pre>{B}(?:up to|upto|as much as|maximum of|max(?:imum)?|from|starting (?:at|from)|starts at|minimum of|min(?:imum)?|at least)\s+)?(?:(?P<c1>{CURRENCY})\s?)?(?P<n1>{NUMBER})(?P<k1>\s?[kK]{B})?(?:\s?(?P<t1>{CURRENCY}))?(?:\s*(?:-|–|—|up to|to|and|through)\s*(?:(?P<c2>{CURRENCY})\s?)?(?P<n2>{NUMBER})(?P<k2>\s?[kK]{B})?(?:\s?(?P<t2>{CURRENCY}))?)?(?P<post>\s*(?:\+|and up{B}|and above{B}|or more{B}|plus{B}|max{B}|maximum{B}))?(?P<per>\s*(?:/|per|an|a|each)\s*(?:hour|hr|h|day|week|wk|month|mo|year|yr|annum|y){B}|\s+(?:hourly|daily|weekly|monthly|annually|yearly|p\.?a\.?){B})?"
    ))
    .expect("static regex")
});

/// Explicitly unpaid work, said anywhere.
macro_rules! unpaid {
    () => {
        r"(?i)\b(?:this is an? (?:unpaid|volunteer)\b|unpaid (?:position|role|internship|work|project|opportunity)|(?:role|position|work|project) is (?:unpaid|voluntary|volunteer)|we can(?:'t|not) pay\b|(?:no|without) (?:pay|payment|compensation|remuneration)\b|pro bono\b)"
    };
}
static UNPAID: LazyAsciiRegex = LazyAsciiRegex::new(unpaid!());

/// In a pay field or section, these words alone say the work is unpaid.
static UNPAID_VALUE: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)^\W*(?:gratis|unpaid|volunteer(?:ing)?|voluntary|none|pro bono|free|no pay|not paid)\b",
);

/// Words after an amount that make it something other than pay.
static NOT_PAY_AFTER: LazyAsciiRegex =
    LazyAsciiRegex::new(r"(?i)^\s*(?:million|billion|bn|mn|m|b|mm|trillion)\b");

static NOT_PAY_CONTEXT: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(?:raised|raising|funding|funded|revenue|valuation|valued|invest(?:ed|ment|ors)?|series [a-e]|seed round|market cap|grants? of|budget of \$\d+\s*(?:million|billion)|in sales|assets under|aum|donat\w*|cost savings|saved|contracts? worth|portfolio of)\b",
);

macro_rules! grade {
    () => {
        r"(?x)
            \bGS[- ]?(?:0?[1-9]|1[0-5])\b
            | \b(?:IT|EC|CS|PM|AS|CO|EX|PE|IS|FI|AU|CR|PG|ES|SG|CT|EN|PC|BI|LS)[- ]0[1-9]\b
            | \b(?i:(?:pay|salary|civil\ service|pay\ scale)\s+(?:grade|band|level|scale)\s*:?\s*[A-Z0-9]{1,4})\b
            | \bGrade\s+[1-9][0-9]?\b
            | \b(?:Senior|Higher)\ Executive\ Officer\b
            | \bSCS\s?(?:PB)?\s?[1-4]\b
            | \b(?i:grade)\s*:?\s*(?:G6|G7|HEO|SEO)\b
            "
    };
}
static GRADE: LazyAsciiRegex = LazyAsciiRegex::new(grade!());

/// [`GRADE`] or [`UNPAID`]: most texts hold neither, and one search says so where
/// two would.
static GRADE_OR_UNPAID: LazyAsciiRegex =
    LazyAsciiRegex::new(concat!("(?:", grade!(), ")|(?:", unpaid!(), ")"));

fn parse_number(s: &str, k: bool) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{A0}' && *c != '\u{202F}')
        .collect();
    // Decide which of ',' and '.' groups thousands: a separator followed by exactly
    // three digits at the end groups; otherwise it is a decimal point.
    let last_sep = cleaned.rfind([',', '.']);
    let value = match last_sep {
        Some(i) if cleaned.len() - i - 1 == 3 => {
            cleaned.replace([',', '.'], "").parse::<f64>().ok()?
        }
        Some(i) => {
            let int: String = cleaned[..i]
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect();
            format!("{int}.{}", &cleaned[i + 1..]).parse::<f64>().ok()?
        }
        None => cleaned.parse::<f64>().ok()?,
    };
    Some(if k { value * 1000.0 } else { value })
}

fn currency_code(sym: &str) -> String {
    match sym.trim() {
        "$" | "US$" => "USD".into(),
        "C$" | "CA$" => "CAD".into(),
        "A$" | "AU$" => "AUD".into(),
        "NZ$" => "NZD".into(),
        "HK$" => "HKD".into(),
        "S$" => "SGD".into(),
        "R$" => "BRL".into(),
        "£" => "GBP".into(),
        "€" => "EUR".into(),
        "¥" => "JPY".into(),
        "₹" => "INR".into(),
        other => other.to_ascii_uppercase(),
    }
}

fn period_of(s: &str) -> Option<Period> {
    let s = s.to_ascii_lowercase();
    let word = s.trim().rsplit([' ', '/']).next().unwrap_or("");
    Some(match word.trim_matches('.') {
        "hour" | "hr" | "h" | "hourly" => Period::Hour,
        "day" | "daily" => Period::Day,
        "week" | "wk" | "weekly" => Period::Week,
        "month" | "mo" | "monthly" => Period::Month,
        "year" | "yr" | "annum" | "y" | "annually" | "yearly" | "p.a" | "pa" => Period::Year,
        _ => return None,
    })
}

fn amount_from(c: &Found, pay_context: bool) -> Option<Amount> {
    let get = |n: &str| c.name(n).map(|m| m.as_str());
    let (n1, k1) = (get("n1")?, get("k1").is_some());
    let cur = get("c1").or(get("t1")).or(get("c2")).or(get("t2"));
    // Without a currency, only a pay section's figures count, and only pay-sized ones
    // ("Compensation: 165,000-185,000", "Rate: 45 per hour").
    let cur = match cur {
        Some(c) => c,
        // "401(k)" is a retirement plan, not a salary of 401,000.
        None if pay_context && !(k1 && matches!(n1, "401" | "403" | "457")) => "",
        None => return None,
    };
    let k2 = get("k2").is_some();
    let mut min = parse_number(n1, k1 || (k2 && get("n2").is_some_and(|n| n.len() <= 3)))?;
    let mut bound = Bound::Exact;
    let mut max = min;
    if let Some(n2) = get("n2") {
        max = parse_number(n2, k2)?;
        bound = Bound::Range;
        // "90-110k": the k applies to both.
        if k2 && !k1 && min < 1000.0 {
            min *= 1000.0;
        }
    }
    let pre = get("pre").unwrap_or("").trim().to_ascii_lowercase();
    let post = get("post").unwrap_or("").trim().to_ascii_lowercase();
    if bound == Bound::Exact {
        if pre.starts_with("up")
            || pre.starts_with("max")
            || pre.starts_with("as much")
            || post.starts_with("max")
        {
            bound = Bound::UpTo;
        } else if !pre.is_empty() || !post.is_empty() {
            bound = Bound::From;
        }
    }
    let mut period = get("per").and_then(period_of);
    let mut currency = currency_code(cur);
    // Indian salaries: "4.5 LPA" is 4.5 lakh (100,000) rupees per annum.
    if matches!(currency.as_str(), "LPA" | "LAKH" | "LAKHS" | "LAC" | "LACS") {
        min *= 100_000.0;
        max *= 100_000.0;
        currency = "INR".into();
        period = period.or(Some(Period::Year));
    }
    if currency.is_empty() && max < 1000.0 && period.is_none() && !k1 && get("k2").is_none() {
        return None;
    }
    // A bare four-digit year ("November 2021") is a date, not pay.
    let year = |n: &str| n.len() == 4 && (1900..=2100).contains(&n.parse::<u32>().unwrap_or(0));
    if currency.is_empty() && !k1 && year(n1) && get("n2").is_none_or(year) {
        return None;
    }
    Some(Amount {
        currency,
        min,
        max,
        bound,
        period,
    })
}

/// Pay amounts and grades in one line of prose. In `pay_context` (a pay section or
/// field) a figure without a currency counts too, and so does "gratis".
pub fn find_in(prose: &Prose, pay_context: bool) -> Vec<PayMention> {
    find_in_known(prose, pay_context, GRADE_OR_UNPAID.is_match(prose.ascii()))
}

/// [`find_in`] of each prose, with its pay context, in order. The search for grades
/// and unpaid work reads every text: side by side it takes about half the time (see
/// `super::dfa_lanes`).
pub fn find_in_each(proses: &[(&Prose, bool)]) -> Vec<PayMention> {
    let texts: Vec<&str> = proses.iter().map(|(p, _)| p.ascii()).collect();
    let grade_or_unpaid = GRADE_OR_UNPAID.is_match_each(&texts);
    proses
        .iter()
        .zip(grade_or_unpaid)
        .flat_map(|(&(prose, pay_context), g)| find_in_known(prose, pay_context, g))
        .collect()
}

/// Whether `bytes` hold an ASCII digit. Every text of a posting is asked; 32 bytes
/// are tested at a time, without a branch per byte (`any` stepped a byte at a time,
/// 1% of a run).
fn has_digit(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|chunk| {
        chunk
            .iter()
            .fold(false, |found, b| found | b.is_ascii_digit())
    })
}

/// Whether `text` holds a currency symbol: `$` found with memchr, and the others
/// (none of them ASCII) looked for only in text that is not all ASCII.
fn has_currency_symbol(text: &str) -> bool {
    memchr::memchr(b'$', text.as_bytes()).is_some()
        || (!text.is_ascii()
            && text.contains(|c: char| !c.is_ascii() && currency_symbols!().contains(c)))
}

/// [`find_in`], told whether `GRADE_OR_UNPAID` matches.
fn find_in_known(prose: &Prose, pay_context: bool, grade_or_unpaid: bool) -> Vec<PayMention> {
    let text = prose.as_str();
    // Same offsets as `text`; the ASCII-only patterns run on it (see `ascii_shadow`).
    let ascii = prose.ascii();
    let mut out = Vec::new();
    // Outside pay sections an amount needs a currency; most lines with figures ("5+
    // years") have none, and reading their numbers is the costly part.
    let may_have_amount = has_digit(text.as_bytes())
        && (pay_context || has_currency_symbol(text) || CURRENCY_WORD.is_match(ascii));
    if may_have_amount {
        let mut at = 0;
        while let Some(c) = AMOUNT.captures_at(text, at) {
            let m = c.get(0).expect("whole match");
            at = m.end().max(at + 1);
            // "GS-15, Step 1 - $128,078 to ... $172,500": a bare small number joined to a
            // currency amount is not the bottom of the range; read again from the amount.
            if let (None, None, Some(c2)) = (c.name("c1"), c.name("t1"), c.name("c2")) {
                let n1 = c.name("n1").map_or("", |n| n.as_str());
                let n2 = c.name("n2").map_or("", |n| n.as_str());
                let small = |n: &str| parse_number(n, false).unwrap_or(0.0);
                if small(n1) * 20.0 < small(n2) {
                    at = c2.start();
                    continue;
                }
            }
            let before = &ascii[text.floor_char_boundary(m.start().saturating_sub(60))..m.start()];
            if NOT_PAY_AFTER.is_match(&ascii[m.end()..]) || NOT_PAY_CONTEXT.is_match(before) {
                continue;
            }
            let Some(amount) = amount_from(&c, pay_context) else {
                continue;
            };
            if amount.max <= 0.0 {
                continue;
            }
            let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
            let end = m.start() + m.as_str().trim_end().len();
            out.push(PayMention {
                span: prose.source_span(start..end),
                kind: PayKind::Amount(amount),
                perk: !pay_context && is_perk(text, ascii, start..end),
            });
        }
    }
    let grades = grade_or_unpaid
        .then(|| GRADE.find_iter(ascii))
        .into_iter()
        .flatten()
        .chain(pay_context.then(|| short_grade(text)).flatten());
    for m in grades {
        out.push(PayMention {
            span: prose.source_span(m),
            kind: PayKind::Grade,
            perk: false,
        });
    }
    let unpaid = || grade_or_unpaid.then(|| UNPAID.find(ascii)).flatten();
    let unpaid = if pay_context {
        UNPAID_VALUE.find(ascii).or_else(unpaid)
    } else {
        unpaid()
    };
    if let Some(m) = unpaid {
        out.push(PayMention {
            span: prose.source_span(m),
            kind: PayKind::Unpaid,
            perk: false,
        });
    }
    out
}

/// The civil service's short grades ("SEO", "G7 (Midweight)") where a text of a pay
/// section is nothing else. Anywhere else "SEO" is search engine optimisation as
/// often as not, and a skills list may hold it alone: there, only "Grade: SEO" is one
/// ([`GRADE`]).
fn short_grade(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let t = text.trim();
    let code = match t.split_once(" (") {
        Some((code, note)) if note.ends_with(')') => code,
        _ => t,
    };
    matches!(code, "G6" | "G7" | "HEO" | "SEO").then(|| start..start + code.len())
}

/// Front matter keys that carry pay (`salary_min`, `min_payrange`, `gs_level`).
pub fn is_pay_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace([' ', '-'], "_");
    let words: Vec<&str> = k.split('_').collect();
    let pay_word = [
        "salary",
        "pay",
        "compensation",
        "wage",
        "remuneration",
        "stipend",
    ]
    .iter()
    .any(|w| k.contains(w));
    let grade_word = words
        .iter()
        .any(|w| matches!(*w, "gs" | "grade" | "rate" | "band"));
    (pay_word || grade_word)
        && !words.iter().any(|w| {
            matches!(
                *w,
                "url" | "link" | "note" | "notes" | "transparency" | "period" | "type"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_currency_symbols_are_found_as_char_by_char() {
        let symbols = currency_symbols!();
        assert_eq!(
            symbols.chars().filter(char::is_ascii).collect::<String>(),
            "$"
        );
        let mut texts = vec![String::new(), "no figures here".to_string()];
        for fill in ["x", "\u{e9}", "\u{2014}"] {
            for at in [0, 1, 31, 32, 33, 70] {
                for c in symbols
                    .chars()
                    .chain(['7', '0', '9', '/', ':', '\u{a2}', '\u{20ac}'])
                {
                    let mut t = fill.repeat(at);
                    t.push(c);
                    t.push_str(&fill.repeat(5));
                    texts.push(t);
                }
            }
        }
        for t in &texts {
            let digit = t.bytes().any(|b| b.is_ascii_digit());
            assert_eq!(has_digit(t.as_bytes()), digit, "{t:?}");
            let symbol = t.contains(|c| symbols.contains(c));
            assert_eq!(has_currency_symbol(t), symbol, "{t:?}");
        }
    }

    fn amounts(s: &str) -> Vec<Amount> {
        amounts_in(s, false)
    }

    fn amounts_in(s: &str, pay_context: bool) -> Vec<Amount> {
        let mut p = Prose::new();
        p.push_verbatim(s, 0);
        find_in(&p, pay_context)
            .into_iter()
            .filter_map(|m| match m.kind {
                PayKind::Amount(a) => Some(a),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn ranges_and_units() {
        let a = &amounts("Salary: $90,000 - $110,000 per year")[0];
        assert_eq!(
            (a.min, a.max, a.bound, a.period),
            (90000.0, 110000.0, Bound::Range, Some(Period::Year))
        );
        let a = &amounts("£45k to £55k")[0];
        assert_eq!(
            (a.currency.as_str(), a.min, a.max),
            ("GBP", 45000.0, 55000.0)
        );
        let a = &amounts("90-110k USD")[0];
        assert_eq!(
            (a.min, a.max, a.currency.as_str()),
            (90000.0, 110000.0, "USD")
        );
        let a = &amounts("€50.000 – €60.000")[0];
        assert_eq!((a.min, a.max), (50000.0, 60000.0));
        let a = &amounts("60 000 CZK monthly")[0];
        assert_eq!((a.min, a.period), (60000.0, Some(Period::Month)));
        let a = &amounts("GS-15, Step 1 - $128,078 to GS-15, Step 10 - $172,500")[0];
        assert_eq!((a.min, a.max), (128078.0, 128078.0));
        let a = &amounts("Base salary GS-15 - $105,123 to $136,659")[0];
        assert_eq!((a.min, a.max), (105123.0, 136659.0));
        let a = &amounts("from 2000 up to 3000 EUR (net)")[0];
        assert_eq!((a.min, a.max, a.bound), (2000.0, 3000.0, Bound::Range));
        let a = &amounts("$45/hr")[0];
        assert_eq!((a.min, a.period), (45.0, Some(Period::Hour)));
    }

    #[test]
    fn open_ended() {
        assert_eq!(amounts("up to $120,000")[0].bound, Bound::UpTo);
        assert_eq!(amounts("from €40k")[0].bound, Bound::From);
        assert_eq!(amounts("$150k+")[0].bound, Bound::From);
        assert_eq!(amounts("starting at $20 an hour")[0].bound, Bound::From);
    }

    #[test]
    fn pay_sections_need_no_currency() {
        let a = &amounts_in("165,000-185,000", true)[0];
        assert_eq!((a.min, a.max), (165000.0, 185000.0));
        assert!(amounts("165,000-185,000").is_empty());
        assert!(amounts_in("5 years", true).is_empty());
        assert!(amounts_in("June 1st - November 30th 2021", true).is_empty());
        let a = &amounts("3.6-4.8 LPA CTC")[0];
        assert_eq!(
            (a.currency.as_str(), a.min, a.max),
            ("INR", 360000.0, 480000.0)
        );
    }

    #[test]
    fn unpaid_and_grades() {
        let mut p = Prose::new();
        p.push_verbatim("gratis", 0);
        assert_eq!(find_in(&p, true)[0].kind, PayKind::Unpaid);
        assert!(find_in(&p, false).is_empty());
        // The civil service's short grades alone, or named as a grade: "SEO" is
        // also search engine optimisation.
        for (text, grade) in [
            ("SEO", true),
            ("SEO (Midweight)", true),
            ("Grade: HEO", true),
            ("grade G7 or G6", true),
            ("On-site SEO", false),
            ("while measuring the impact of SEO.", false),
            ("SEO and SEM campaigns", false),
        ] {
            let mut p = Prose::new();
            p.push_verbatim(text, 0);
            let found = find_in(&p, true);
            assert_eq!(
                found.first().map(|m| &m.kind) == Some(&PayKind::Grade),
                grade,
                "{text}: {found:?}"
            );
        }
        // Alone outside a pay section it is a skill ("- SEO" in a list).
        let mut p = Prose::new();
        p.push_verbatim(" SEO ", 0);
        assert!(find_in(&p, false).is_empty());
        assert_eq!(find_in(&p, true)[0].span, 1..4);
        assert!(is_pay_key("min_payrange") && is_pay_key("gs_level") && !is_pay_key("apply_url"));
    }

    #[test]
    fn perks_are_not_pay() {
        let mut p = Prose::new();
        p.push_verbatim("A yearly learning budget of £1,000", 0);
        assert!(find_in(&p, false)[0].perk);
        let mut p = Prose::new();
        p.push_verbatim("Salary of $80,000 plus an annual bonus", 0);
        assert!(!find_in(&p, false)[0].perk);
        let mut p = Prose::new();
        p.push_verbatim("Up to $5,000 signing bonus", 0);
        assert!(find_in(&p, false)[0].perk);
    }

    #[test]
    fn funding_is_not_pay() {
        assert_eq!(
            amounts("I will pay you 50-100€ once funding is secured").len(),
            1
        );
        assert!(amounts("We raised $20M last year").is_empty());
        assert!(amounts("a $2 billion market").is_empty());
        assert!(amounts("Over 10,000 customers").is_empty());
    }
}
