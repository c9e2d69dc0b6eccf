//! Finding, reading and applying configuration files for a run: the closest
//! `jdlint.toml` or `.jdlint.toml` above each file wins (`--config` overrides,
//! `--no-config` ignores them all). Each configuration gets its own linter, since its
//! rule packs add rules.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use globset::{Glob, GlobSet, GlobSetBuilder};

use jdlint::config::{self, ConfigError, ConfigFile, Effective};
use jdlint::packs::{self, PackFile};
use jdlint::{Date, Format, Linter, Options, Registry};

use super::walk::io_message;

/// A configuration file, read, checked and compiled.
pub struct Loaded {
    pub path: Option<PathBuf>,
    /// The folder that globs are relative to, made absolute once: [`Loaded::relative`]
    /// runs for every file.
    abs_dir: PathBuf,
    pub file: ConfigFile,
    pub linter: Linter,
    include: Option<GlobSet>,
    exclude: GlobSet,
    overrides: Vec<GlobSet>,
    /// The settings of a file no override matches, the usual case: worked out once,
    /// not for every file.
    base: OnceLock<Effective>,
    /// The lint options of such a file, for the date they were made with.
    base_options: OnceLock<(Option<Date>, Options)>,
}

fn globs(patterns: &[toml::Spanned<String>]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        // Validated before; a pattern that fails here is skipped.
        if let Ok(g) = Glob::new(p.get_ref()) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

impl Loaded {
    /// No configuration: every rule at its default.
    pub fn none(dir: PathBuf) -> Loaded {
        Loaded {
            path: None,
            abs_dir: absolute(&dir),
            file: ConfigFile::default(),
            linter: Linter::new(),
            include: None,
            exclude: GlobSet::empty(),
            overrides: Vec::new(),
            base: OnceLock::new(),
            base_options: OnceLock::new(),
        }
    }

    /// Reads, checks and compiles a configuration file and its packs.
    pub fn read(path: &Path) -> Result<Loaded, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: shown.clone(),
            message: io_message(&e),
            span: None,
            help: None,
        })?;
        let file = config::parse(&shown, &text)?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut registry = Registry::builtin();
        for pack in &file.packs {
            let pack_dir = dir.join(pack.get_ref());
            let name = pack_dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| pack.get_ref().trim_end_matches('/').to_string());
            let files = read_pack(&pack_dir).map_err(|message| ConfigError {
                path: shown.clone(),
                message: format!("pack `{}`: {message}", pack.get_ref()),
                span: Some(pack.span()),
                help: None,
            })?;
            let rules = packs::load(&name, &files)?;
            registry.add(
                rules
                    .into_iter()
                    .map(|r| Box::new(r) as Box<dyn jdlint::rules::Rule>)
                    .collect(),
            );
        }
        config::validate(&shown, &file, &registry)?;
        Ok(Loaded {
            path: Some(path.to_path_buf()),
            include: (!file.include.is_empty()).then(|| globs(&file.include)),
            exclude: globs(&file.exclude),
            overrides: file
                .overrides
                .iter()
                .map(|o| globs(&o.get_ref().paths))
                .collect(),
            abs_dir: absolute(&dir),
            file,
            linter: Linter::from(registry),
            base: OnceLock::new(),
            base_options: OnceLock::new(),
        })
    }

    /// The path as globs see it: relative to the configuration's folder.
    fn relative(&self, path: &Path) -> PathBuf {
        let abs = absolute(path);
        abs.strip_prefix(&self.abs_dir)
            .map(Path::to_path_buf)
            .unwrap_or(abs)
    }

    /// Whether a file found by walking is linted: include/exclude globs and extensions.
    pub fn wants(&self, path: &Path) -> Option<Format> {
        let rel = self.relative(path);
        if self.exclude.is_match(&rel) || self.include.as_ref().is_some_and(|i| !i.is_match(&rel)) {
            return None;
        }
        self.format_of(path)
    }

    /// The format of a file, by extension, including extra extensions.
    pub fn format_of(&self, path: &Path) -> Option<Format> {
        let name = path.to_string_lossy();
        Format::from_path(&name).or_else(|| {
            let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
            self.file
                .extensions
                .iter()
                .find(|(k, _)| k.get_ref().eq_ignore_ascii_case(&ext))
                .and_then(|(_, v)| config::parse_format(v.get_ref()))
        })
    }

    /// The lint options for `path`, with `as_of` (the run's `--as-of`) before the
    /// settings' date: one shared object for the files no override matches.
    pub fn options(
        &self,
        path: &Path,
        as_of: Option<Date>,
    ) -> (Cow<'_, Effective>, Cow<'_, Options>) {
        let options = |eff: &Effective| Options {
            as_of: as_of.or(eff.as_of).unwrap_or_else(Date::today),
            rule_options: eff.rule_options.clone(),
            rules: Some(eff.rules.clone()),
        };
        let eff = self.effective(path);
        let options = match &eff {
            Cow::Borrowed(base) => {
                let (made_for, made) = self.base_options.get_or_init(|| (as_of, options(base)));
                if *made_for == as_of {
                    Cow::Borrowed(made)
                } else {
                    Cow::Owned(options(base))
                }
            }
            Cow::Owned(eff) => Cow::Owned(options(eff)),
        };
        (eff, options)
    }

    /// Settings for one file: the file's own settings, then matching overrides in order.
    pub fn effective(&self, path: &Path) -> Cow<'_, Effective> {
        let registry = self.linter.registry();
        let base = self.base.get_or_init(|| {
            let mut eff = Effective::defaults(registry);
            config::apply(&mut eff, &self.file, registry);
            eff
        });
        if self.overrides.is_empty() {
            return Cow::Borrowed(base);
        }
        let rel = self.relative(path);
        let mut eff = Cow::Borrowed(base);
        for (o, set) in self.file.overrides.iter().zip(&self.overrides) {
            if set.is_match(&rel) {
                config::apply(eff.to_mut(), o.get_ref(), registry);
            }
        }
        eff
    }
}

/// `std::path::absolute`, with the working directory read once a run instead of at
/// every call (jdlint never changes it); a path it cannot resolve stays as it is.
fn absolute(path: &Path) -> PathBuf {
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    if path.is_absolute() {
        return std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    }
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        // What `absolute` does to a relative path on Unix: the working directory,
        // then the components (which drops `.` ones), then any trailing slash.
        Some(cwd) if cfg!(unix) && !path.as_os_str().is_empty() => {
            let mut out = cwd.clone();
            out.extend(path.strip_prefix(".").unwrap_or(path).components());
            if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
                out.push("");
            }
            out
        }
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// The `.toml` files of a pack folder, in name order.
pub fn read_pack(dir: &Path) -> Result<Vec<PackFile>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {}", dir.display(), io_message(&e)))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| format!("{}: {}", p.display(), io_message(&e)))?;
            Ok(PackFile {
                path: p.display().to_string(),
                text,
            })
        })
        .collect()
}

/// How configuration is found for a run.
pub enum Mode {
    Discover,
    Explicit(PathBuf),
    None,
}

/// Configurations by the folder they apply to; each is read once.
pub struct Configs {
    mode: Mode,
    by_dir: HashMap<PathBuf, Arc<Loaded>>,
    /// The configuration of the files in a folder, by the folder as the files' paths
    /// name it: one lookup per folder instead of a `stat` and two path
    /// resolutions per file (10,000 files: 50 ms of the thread that feeds the others).
    by_parent: HashMap<PathBuf, Arc<Loaded>>,
    explicit: Option<Arc<Loaded>>,
    default: Arc<Loaded>,
    pub errors: Vec<ConfigError>,
}

impl Configs {
    pub fn new(mode: Mode) -> Configs {
        let mut errors = Vec::new();
        let explicit = match &mode {
            Mode::Explicit(p) => match Loaded::read(p) {
                Ok(l) => Some(Arc::new(l)),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            _ => None,
        };
        Configs {
            mode,
            by_dir: HashMap::new(),
            by_parent: HashMap::new(),
            explicit,
            default: Arc::new(Loaded::none(PathBuf::from("."))),
            errors,
        }
    }

    /// Every rule of every configuration loaded so far (built-in rules first, then
    /// pack rules), each id once.
    pub fn metas(&self) -> Vec<jdlint::rules::RuleMeta> {
        let mut seen = std::collections::HashSet::new();
        let mut all: Vec<&Arc<Loaded>> = vec![&self.default];
        all.extend(self.explicit.iter());
        let mut dirs: Vec<_> = self.by_dir.iter().collect();
        dirs.sort_by(|a, b| a.0.cmp(b.0));
        all.extend(dirs.into_iter().map(|(_, l)| l));
        let mut out = Vec::new();
        for l in all {
            for m in l.linter.registry().metas() {
                if seen.insert(m.id.clone()) {
                    out.push(m.clone());
                }
            }
        }
        out
    }

    /// The configuration for a file or folder.
    pub fn for_path(&mut self, path: &Path) -> Arc<Loaded> {
        match self.mode {
            Mode::None => return self.default.clone(),
            Mode::Explicit(_) => {
                return self
                    .explicit
                    .clone()
                    .unwrap_or_else(|| self.default.clone())
            }
            Mode::Discover => {}
        }
        let abs = absolute(path);
        let start = if abs.is_dir() {
            abs.clone()
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        self.for_dir(&start)
    }

    /// [`Configs::for_path`] for a path known to be a file (not a folder).
    pub fn for_file(&mut self, path: &Path) -> Arc<Loaded> {
        if !matches!(self.mode, Mode::Discover) {
            return self.for_path(path);
        }
        let parent = path.parent().unwrap_or(Path::new(""));
        if let Some(l) = self.by_parent.get(parent) {
            return l.clone();
        }
        let abs = absolute(path);
        let loaded = self.for_dir(abs.parent().unwrap_or(Path::new("")));
        self.by_parent.insert(parent.to_path_buf(), loaded.clone());
        loaded
    }

    fn for_dir(&mut self, dir: &Path) -> Arc<Loaded> {
        if let Some(l) = self.by_dir.get(dir) {
            return l.clone();
        }
        let found = config::FILE_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file());
        let loaded = match found {
            Some(p) => match Loaded::read(&p) {
                Ok(l) => Arc::new(l),
                Err(e) => {
                    self.errors.push(e);
                    self.default.clone()
                }
            },
            None => match dir.parent() {
                Some(parent) => self.for_dir(parent),
                None => self.default.clone(),
            },
        };
        self.by_dir.insert(dir.to_path_buf(), loaded.clone());
        loaded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_resolves_as_the_standard_library_does() {
        for path in [
            "a.md",
            "./a.md",
            "dir/./b/../c.md",
            "dir/",
            ".",
            "./",
            "..",
            "/abs/./x",
            "//net/x",
            "",
        ] {
            let ours = absolute(Path::new(path));
            let std = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
            assert_eq!(ours, std, "{path:?}");
        }
    }

    #[test]
    fn a_file_gets_the_configuration_of_its_folder_with_one_lookup_per_folder() {
        let dir = std::env::temp_dir().join(format!("jdlint-settings-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.join("jdlint.toml"), "exclude = [\"skip.md\"]\n").unwrap();
        let mut configs = Configs::new(Mode::Discover);
        let by_file = configs.for_file(&sub.join("a.md"));
        let by_path = configs.for_path(&sub.join("b.md"));
        assert!(Arc::ptr_eq(&by_file, &by_path));
        assert_eq!(
            by_file.path.as_deref(),
            Some(dir.join("jdlint.toml").as_path())
        );
        assert!(by_file.wants(&dir.join("skip.md")).is_none());
        assert!(by_file.wants(&sub.join("a.md")).is_some());
        // The second file of the folder is answered from the folder's entry.
        assert!(Arc::ptr_eq(&configs.for_file(&sub.join("c.md")), &by_file));
        assert_eq!(configs.by_parent.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
