//! Configuration: `jdlint.toml` / `.jdlint.toml`, parsed and checked against the rules
//! a run knows. Pure: callers read the files; this module turns text into settings and
//! precise errors (with the byte span of the offending key or value).

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::diagnostic::{Category, Severity};
use crate::posting::Format;
use crate::rules::registry::{edit_distance, Registry};

pub const FILE_NAMES: [&str; 2] = ["jdlint.toml", ".jdlint.toml"];

/// A problem in a configuration or rule-pack file.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

/// A configuration file, or one `[[overrides]]` entry in it: the same keys, except
/// that `paths` belongs to overrides and `include`, `exclude`, `extensions`, `packs`
/// and `overrides` to the file (checked by `validate`). One struct for both keeps the
/// byte spans serde's `flatten` would lose.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    #[serde(default)]
    pub select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<toml::Table>>,
    #[serde(default)]
    pub fail_on: Option<Spanned<String>>,
    #[serde(default)]
    pub as_of: Option<Spanned<String>>,
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Extra file extensions and the format to read them as (`mdx = "markdown"`).
    #[serde(default)]
    pub extensions: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub packs: Vec<Spanned<String>>,
    #[serde(default)]
    pub overrides: Vec<Spanned<Settings>>,
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
}

/// A whole configuration file.
pub type ConfigFile = Settings;

/// Every key a configuration file may use, for "did you mean" suggestions.
pub const KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "severity",
    "rules",
    "fail-on",
    "as-of",
    "include",
    "exclude",
    "extensions",
    "packs",
    "overrides",
    "paths",
];

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Parses a configuration file's text.
pub fn parse(path: &str, text: &str) -> Result<ConfigFile, ConfigError> {
    toml::from_str::<ConfigFile>(text).map_err(|e| {
        let message = e.message().to_string();
        // serde names the unknown key: suggest the closest real one.
        let help = message
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
            .and_then(|k| closest(k, KEYS.iter().copied()))
            .map(|k| format!("did you mean `{k}`?"));
        ConfigError {
            path: path.to_string(),
            message: first_line(&message),
            span: e.span(),
            help,
        }
    })
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// A rule selector: `all`, a category, or a rule id.
fn selector_matches(selector: &str, rule: &str, category: Category) -> bool {
    selector == "all"
        || selector == rule
        || selector == category.as_str()
        || rule.starts_with(&format!("{selector}/"))
}

/// The settings that apply to one file, after the config file and its overrides.
#[derive(Debug, Clone)]
pub struct Effective {
    /// Rule ids that run, with their severity.
    pub rules: BTreeMap<String, Severity>,
    pub rule_options: BTreeMap<String, toml::Table>,
    pub fail_on: Option<Severity>,
    pub fail_never: bool,
    pub as_of: Option<Date>,
}

impl Effective {
    /// Every rule at its default severity.
    pub fn defaults(registry: &Registry) -> Effective {
        Effective {
            rules: registry
                .metas()
                .map(|m| (m.id.clone(), m.severity))
                .collect(),
            rule_options: BTreeMap::new(),
            fail_on: None,
            fail_never: false,
            as_of: None,
        }
    }
}

/// Checks a parsed file against the registry: every rule id, category, severity,
/// option and date must exist and have the right type.
pub fn validate(path: &str, file: &ConfigFile, registry: &Registry) -> Result<(), ConfigError> {
    let err = |span: Range<usize>, message: String, help: Option<String>| ConfigError {
        path: path.to_string(),
        message,
        span: Some(span),
        help,
    };
    if let Some(p) = file.paths.first() {
        return Err(err(
            p.span(),
            "`paths` belongs in an `[[overrides]]` entry".into(),
            None,
        ));
    }
    for o in &file.overrides {
        let o_ref = o.get_ref();
        if o_ref.paths.is_empty() {
            return Err(err(
                o.span(),
                "an `[[overrides]]` entry needs `paths`".into(),
                Some("for example `paths = [\"internships/**\"]`".into()),
            ));
        }
        let misplaced = [
            ("include", o_ref.include.first().map(|x| x.span())),
            ("exclude", o_ref.exclude.first().map(|x| x.span())),
            ("packs", o_ref.packs.first().map(|x| x.span())),
            (
                "extensions",
                o_ref.extensions.keys().next().map(|x| x.span()),
            ),
            ("overrides", o_ref.overrides.first().map(|x| x.span())),
        ];
        if let Some((key, span)) = misplaced.into_iter().find_map(|(k, s)| s.map(|s| (k, s))) {
            return Err(err(
                span,
                format!("`{key}` applies to the whole file, not to an override"),
                None,
            ));
        }
    }
    let all_settings = std::iter::once(file).chain(file.overrides.iter().map(|o| o.get_ref()));
    let ids: Vec<&str> = registry.metas().map(|m| m.id.as_str()).collect();
    let selectors: Vec<&str> = ids
        .iter()
        .copied()
        .chain(Category::ALL.iter().map(|c| c.as_str()))
        .chain(["all"])
        .collect();
    for s in all_settings {
        let lists = s
            .select
            .iter()
            .flatten()
            .chain(&s.extend_select)
            .chain(&s.ignore);
        for sel in lists {
            let v = sel.get_ref();
            let known = selectors.contains(&v.as_str())
                || ids.iter().any(|id| id.starts_with(&format!("{v}/")));
            if !known {
                return Err(err(
                    sel.span(),
                    format!("unknown rule or category `{v}`"),
                    closest(v, selectors.iter().copied()).map(|c| format!("did you mean `{c}`?")),
                ));
            }
        }
        for (rule, level) in &s.severity {
            let r = rule.get_ref();
            if !ids.contains(&r.as_str()) {
                return Err(err(
                    rule.span(),
                    format!("unknown rule `{r}`"),
                    closest(r, ids.iter().copied()).map(|c| format!("did you mean `{c}`?")),
                ));
            }
            let l = level.get_ref();
            if l != "off" && l.parse::<Severity>().is_err() {
                return Err(err(
                    level.span(),
                    format!("unknown severity `{l}`"),
                    Some("use error, warning, info or off".into()),
                ));
            }
        }
        for (rule, table) in &s.rules {
            let r = rule.get_ref();
            let Some(meta) = registry.get(r).map(|x| x.meta()) else {
                return Err(err(
                    rule.span(),
                    format!("unknown rule `{r}`"),
                    closest(r, ids.iter().copied()).map(|c| format!("did you mean `{c}`?")),
                ));
            };
            for (key, value) in table.get_ref() {
                let Some(opt) = meta.options.iter().find(|o| o.name == key) else {
                    let names: Vec<&str> = meta.options.iter().map(|o| o.name).collect();
                    let help = match closest(key, names.iter().copied()) {
                        Some(c) => Some(format!("did you mean `{c}`?")),
                        None if names.is_empty() => Some(format!("`{r}` has no options")),
                        None => Some(format!("options of `{r}`: {}", names.join(", "))),
                    };
                    return Err(err(
                        table.span(),
                        format!("unknown option `{key}` for `{r}`"),
                        help,
                    ));
                };
                let numeric =
                    |v: &toml::Value| matches!(v, toml::Value::Integer(_) | toml::Value::Float(_));
                let same_type = std::mem::discriminant(value)
                    == std::mem::discriminant(&opt.default)
                    || (numeric(value) && matches!(opt.default, toml::Value::Float(_)));
                if !same_type {
                    return Err(err(
                        table.span(),
                        format!(
                            "`{r}.{key}` must be {} {}, not {}",
                            article(opt.kind()),
                            opt.kind(),
                            value.type_str()
                        ),
                        Some(format!("for example `{key} = {}`", opt.default)),
                    ));
                }
            }
        }
        if let Some(f) = &s.fail_on {
            if !matches!(f.get_ref().as_str(), "error" | "warning" | "info" | "never") {
                return Err(err(
                    f.span(),
                    format!("unknown fail-on level `{}`", f.get_ref()),
                    Some("use error, warning, info or never".into()),
                ));
            }
        }
        if let Some(d) = &s.as_of {
            if let Err(m) = d.get_ref().parse::<Date>() {
                return Err(err(d.span(), m, None));
            }
        }
    }
    for (ext, fmt) in &file.extensions {
        if parse_format(fmt.get_ref()).is_none() {
            return Err(err(
                fmt.span(),
                format!(
                    "unknown format `{}` for `.{}` files",
                    fmt.get_ref(),
                    ext.get_ref()
                ),
                Some("use markdown, text or html".into()),
            ));
        }
    }
    for glob in file
        .include
        .iter()
        .chain(&file.exclude)
        .chain(file.overrides.iter().flat_map(|o| &o.get_ref().paths))
    {
        if let Err(e) = globset::Glob::new(glob.get_ref()) {
            return Err(err(
                glob.span(),
                format!("invalid glob: {}", e.kind()),
                None,
            ));
        }
    }
    Ok(())
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

pub fn parse_format(name: &str) -> Option<Format> {
    match name {
        "markdown" | "md" => Some(Format::Markdown),
        "text" | "txt" => Some(Format::Text),
        "html" => Some(Format::Html),
        _ => None,
    }
}

/// Applies one block of settings on top of `eff`.
pub fn apply(eff: &mut Effective, s: &Settings, registry: &Registry) {
    let metas: Vec<_> = registry.metas().collect();
    let enabled = |sel: &[Spanned<String>], m: &crate::rules::RuleMeta| {
        sel.iter()
            .any(|x| selector_matches(x.get_ref(), &m.id, m.category))
    };
    if let Some(select) = &s.select {
        eff.rules.retain(|id, _| {
            metas
                .iter()
                .find(|m| &m.id == id)
                .is_some_and(|m| enabled(select, m))
        });
        for m in metas.iter().filter(|m| enabled(select, m)) {
            eff.rules.entry(m.id.clone()).or_insert(m.severity);
        }
    }
    for m in metas.iter().filter(|m| enabled(&s.extend_select, m)) {
        eff.rules.entry(m.id.clone()).or_insert(m.severity);
    }
    eff.rules.retain(|id, _| {
        !metas
            .iter()
            .find(|m| &m.id == id)
            .is_some_and(|m| enabled(&s.ignore, m))
    });
    for (rule, level) in &s.severity {
        match level.get_ref().as_str() {
            "off" => {
                eff.rules.remove(rule.get_ref());
            }
            l => {
                if let Ok(sev) = l.parse() {
                    eff.rules.insert(rule.get_ref().clone(), sev);
                }
            }
        }
    }
    for (rule, table) in &s.rules {
        eff.rule_options
            .entry(rule.get_ref().clone())
            .or_default()
            .extend(table.get_ref().clone());
    }
    if let Some(f) = &s.fail_on {
        eff.fail_never = f.get_ref() == "never";
        eff.fail_on = f.get_ref().parse().ok();
    }
    if let Some(d) = &s.as_of {
        eff.as_of = d.get_ref().parse().ok();
    }
}

/// A commented configuration with every setting at its default, for `jdlint init`.
pub fn template(registry: &Registry) -> String {
    let mut out = String::from(
        "# jdlint configuration. Every setting is shown at its default; uncomment to change.\n\
         # jdlint uses the closest jdlint.toml or .jdlint.toml above each file it lints.\n\n\
         # Rules to run: rule ids, categories (structure, clarity, requirements,\n\
         # compensation, inclusion) or \"all\".\n\
         # select = [\"all\"]\n\
         # extend-select = []\n\
         # ignore = []\n\n\
         # Lowest severity that makes `jdlint check` exit 1: error, warning, info or never.\n\
         # fail-on = \"error\"\n\n\
         # Reference date for rules that depend on time (laws in force, technology age).\n\
         # Pin it in CI for reproducible results. Default: today.\n\
         # as-of = \"2026-01-01\"\n\n\
         # Files to lint, besides the default .md, .markdown, .txt, .html and .htm; hidden\n\
         # folders, node_modules and target are always skipped.\n\
         # include = [\"postings/**\"]\n\
         # exclude = [\"postings/archive/**\"]\n\n\
         # Rule packs: folders of TOML rule files, relative to this file.\n\
         # packs = [\"house-style/\"]\n\n\
         # Extra file extensions and how to read them (markdown, text or html).\n\
         # [extensions]\n\
         # mdx = \"markdown\"\n\n\
         # Severity per rule: error, warning, info or off.\n\
         # [severity]\n",
    );
    for m in registry.metas() {
        out.push_str(&format!("# {} = \"{}\"\n", m.id, m.severity));
    }
    out.push_str("\n# Rule options.\n");
    for m in registry.metas().filter(|m| !m.options.is_empty()) {
        out.push_str(&format!("# [rules.{}]\n", m.id));
        for o in &m.options {
            out.push_str(&format!(
                "# {} = {}  # {}\n",
                o.name, o.default, o.description
            ));
        }
    }
    out.push_str(
        "\n# Settings for some paths only, applied in order after the ones above.\n\
         # [[overrides]]\n\
         # paths = [\"internships/**\"]\n\
         # ignore = [\"missing-compensation\"]\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<ConfigFile, ConfigError> {
        let registry = Registry::builtin();
        let file = parse("jdlint.toml", text)?;
        validate("jdlint.toml", &file, &registry)?;
        Ok(file)
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let e = check("selct = [\"all\"]\n").unwrap_err();
        assert!(e.message.contains("unknown field `selct`"), "{}", e.message);
        assert_eq!(e.help.as_deref(), Some("did you mean `select`?"));
        assert_eq!(e.span, Some(0..5));
    }

    #[test]
    fn unknown_rule_and_wrong_type() {
        let text = "ignore = [\"buzzwords\"]\n";
        let e = check(text).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "\"buzzwords\"");
        assert_eq!(e.help.as_deref(), Some("did you mean `buzzword`?"));
        let e = check("[rules.too-many-requirements]\nmax = \"eight\"\n").unwrap_err();
        assert!(e.message.contains("must be an integer"), "{}", e.message);
        let e = check("[rules.too-many-requirements]\nmaxx = 8\n").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `max`?"));
    }

    #[test]
    fn select_ignore_severity_and_options_apply() {
        let registry = Registry::builtin();
        let file = check(
            "select = [\"inclusion\", \"missing-title\"]\nignore = [\"buzzword\"]\n[severity]\nmissing-title = \"error\"\n[rules.gendered-wording]\nthreshold = 3\n",
        )
        .unwrap();
        let mut eff = Effective::defaults(&registry);
        apply(&mut eff, &file, &registry);
        assert!(eff.rules.contains_key("gendered-wording"));
        assert!(!eff.rules.contains_key("buzzword"));
        assert!(!eff.rules.contains_key("missing-company-background"));
        assert_eq!(eff.rules["missing-title"], Severity::Error);
        assert_eq!(
            eff.rule_options["gendered-wording"]["threshold"].as_integer(),
            Some(3)
        );
    }

    #[test]
    fn the_template_is_valid() {
        let registry = Registry::builtin();
        let t = template(&registry);
        let uncommented: String = t
            .lines()
            .filter(|l| l.starts_with("# [") || l.starts_with("# ") && l.contains(" = "))
            .map(|l| {
                l.trim_start_matches("# ")
                    .split("  #")
                    .next()
                    .unwrap_or("")
                    .to_string()
                    + "\n"
            })
            .filter(|l| !l.starts_with("paths") && !l.starts_with("ignore = [\"missing"))
            .collect();
        let uncommented = uncommented.replace("[[overrides]]\n", "");
        let file =
            parse("t", &uncommented).unwrap_or_else(|e| panic!("{}: {uncommented}", e.message));
        validate("t", &file, &registry).unwrap_or_else(|e| panic!("{}", e.message));
    }
}
