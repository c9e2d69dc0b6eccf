//! Fingerprints that identify a finding across runs, for SARIF and GitLab: the rule,
//! the file, the trimmed text of the finding's line and how many identical findings
//! came before it in the file. Moving unrelated lines leaves them unchanged.

use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// FNV-1a: stable across Rust versions and platforms, unlike `DefaultHasher`.
pub fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One fingerprint per diagnostic, in order.
pub fn for_file(source: &Source, diagnostics: &[Diagnostic]) -> Vec<String> {
    let path = source.path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    let mut seen: Vec<(&str, &str)> = Vec::new();
    diagnostics
        .iter()
        .map(|d| {
            let line = source.line_range(source.line_index(d.span.start));
            let text = source.text[line].trim();
            let occurrence = seen
                .iter()
                .filter(|(r, t)| *r == d.rule && *t == text)
                .count();
            seen.push((&d.rule, text));
            let key = format!("{}\u{0}{path}\u{0}{text}\u{0}{occurrence}", d.rule);
            format!("{:016x}", fnv(key.as_bytes()))
        })
        .collect()
}
