//! `--statistics`: how many findings each rule produced, most first, instead of
//! the findings themselves.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{FileError, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

#[derive(Default)]
pub struct Statistics {
    pub quiet: bool,
    /// Count and the highest severity seen, by rule id.
    counts: BTreeMap<String, (usize, Severity)>,
}

impl Statistics {
    pub fn new(quiet: bool) -> Self {
        Statistics {
            quiet,
            counts: BTreeMap::new(),
        }
    }

    /// Rules by count, most first; ties by rule id.
    pub fn rows(&self) -> Vec<(&str, usize, Severity)> {
        let mut rows: Vec<_> = self
            .counts
            .iter()
            .map(|(r, (n, s))| (r.as_str(), *n, *s))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rows
    }
}

impl Reporter for Statistics {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        _source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let e = self.counts.entry(d.rule.clone()).or_insert((0, d.severity));
            e.0 += 1;
            e.1 = e.1.max(d.severity);
        }
        Ok(())
    }

    fn error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        writeln!(out, "{}: error: {}", error.path, error.message)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let rows = self.rows();
        let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        let digits = rows.first().map_or(1, |r| r.1.to_string().len());
        for (rule, n, severity) in rows {
            writeln!(out, "{n:>digits$}  {rule:<width$}  {severity}")?;
        }
        if !self.quiet {
            writeln!(out, "{}", summary.line())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Category;

    fn d(rule: &str, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            category: Category::Clarity,
            severity,
            message: String::new(),
            span: 0..0,
            labels: vec![],
            help: None,
            fix: None,
        }
    }

    #[test]
    fn rows_are_sorted_by_count_then_rule() {
        let mut s = Statistics::new(true);
        let source = Source::new("p.md", "");
        let ds = [
            d("b-rule", Severity::Info),
            d("a-rule", Severity::Warning),
            d("c-rule", Severity::Info),
            d("c-rule", Severity::Error),
        ];
        s.file(&mut io::sink(), &source, &ds).unwrap();
        let mut out = Vec::new();
        s.finish(&mut out, &Summary::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2  c-rule  error\n1  a-rule  warning\n1  b-rule  info\n"
        );
    }
}
