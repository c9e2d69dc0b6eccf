//! Embeds every declarative rule file under `rules/phrases/` into the binary, so that
//! adding a rule file needs no change to Rust code.

use std::fmt::Write as _;
use std::path::Path;

// The crate's own code for the pattern sets built here, laid out as in the crate so
// that its paths (`crate::posting::...`) hold.
#[allow(dead_code)]
#[path = "src/posting"]
mod posting {
    pub mod ascii_blocks;
    pub mod nfa_format;
    pub mod section_patterns;
    pub mod set_plan;
    pub mod technology_names;
}
#[allow(dead_code)]
#[path = "src/rules"]
mod rules {
    pub mod law_names;
    pub mod phrase_patterns;
}

use posting::{nfa_format, section_patterns, set_plan};

fn main() {
    link_without_pie();
    let dir = Path::new("rules/phrases");
    println!("cargo:rerun-if-changed=rules/phrases");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("pub const BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=rules/phrases/{name}");
        writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/phrases/{name}\"))),"
        )
        .expect("write to string");
    }
    out.push_str("];\n");
    // The same files as the JSON `src/rule_data.rs` loads, in the same order.
    out.push_str("pub const BUILTIN_RULE_JSON: &[&str] = &[\n");
    for name in &names {
        let stem = name.trim_end_matches(".toml");
        writeln!(out, "    crate::rule_data::json!(\"phrases/{stem}\"),").expect("write to string");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(dest, out).expect("write builtin_rules.rs");
    println!("cargo:rerun-if-changed=rules");
    write_json(Path::new("rules"));
    prebuild_sets(&names);
    println!(
        "cargo:rustc-env=JDLINT_RULE_DATA={:012x}",
        rule_data_digest(Path::new("rules")) >> 16
    );
}

/// The technology sets' patterns (see `src/posting/technology.rs`); none when the file
/// does not read (its error shows where it loads).
fn technology_sets() -> Vec<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct File {
        technology: Vec<Technology>,
    }
    #[derive(serde::Deserialize)]
    struct Technology {
        #[serde(default)]
        aliases: Vec<String>,
        #[serde(default)]
        exact: Vec<String>,
    }
    println!("cargo:rerun-if-changed=src/posting/technology_names.rs");
    let text = std::fs::read_to_string("rules/technologies.toml").unwrap_or_default();
    let Ok(file) = toml::from_str::<File>(&text) else {
        return Vec::new();
    };
    let aliases = file
        .technology
        .iter()
        .flat_map(|t| t.aliases.iter().map(String::as_str));
    let exact = file
        .technology
        .iter()
        .flat_map(|t| t.exact.iter().map(String::as_str));
    posting::technology_names::sorted(aliases, exact)
        .iter()
        .map(|names| posting::technology_names::patterns(names))
        .collect()
}

/// Writes every TOML file under `root` as JSON under `OUT_DIR/rules/` (see
/// `src/rule_data.rs`): an empty file for one that does not parse, so that loading
/// falls back to the TOML and reports its error there.
fn write_json(root: &Path) {
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("rules");
    for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let json = toml::from_str::<toml::Value>(&text)
            .ok()
            .and_then(|value| serde_json::to_string(&value).ok())
            .unwrap_or_default();
        let relative = path.strip_prefix(root).expect("under root");
        let dest = out.join(relative).with_extension("json");
        std::fs::create_dir_all(dest.parent().expect("a parent")).expect("create OUT_DIR/rules");
        std::fs::write(dest, json).expect("write rule data as JSON");
    }
}

/// Links the binary at a fixed address on Linux (glibc). As a position-independent
/// executable it had 19,331 relocations for the loader to apply at every start, a
/// ninth of a one-file run's page faults: `jdlint --version` took 2.07 ms against
/// 1.72 ms, a one-file check 0.3 to 0.5 ms more. The cost is that the binary's own
/// code and data are not at a random address (its heap, stacks and libraries still
/// are); jdlint is a short-lived reader of text, with no network input.
fn link_without_pie() {
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// The forward and reverse automata of the regexes searched as a pair (see
/// `src/posting/lean_regex.rs`): both NFAs, and both DFAs where they fit.
struct Pairs<'a> {
    nfas: &'a mut Vec<(u64, Vec<u32>)>,
    dfas: Vec<(u64, Vec<u32>)>,
    /// Whether the target gets DFAs (little-endian).
    dense: bool,
}

impl Pairs<'_> {
    fn add(
        &mut self,
        compile: impl Fn(bool) -> Option<regex_automata::nfa::thompson::NFA>,
        nfa_key: impl Fn(bool) -> u64,
        dfa_key: u64,
    ) {
        let [forward, reverse] = [false, true].map(|reverse| {
            let built = compile(reverse)?;
            self.nfas
                .push((nfa_key(reverse), nfa_format::encode(&built)?));
            Some(built)
        });
        if let (true, Some(forward), Some(reverse)) = (self.dense, forward, reverse) {
            if let Some(words) = set_plan::regex_words(&forward, &reverse) {
                self.dfas.push((dfa_key, words));
            }
        }
    }

    /// A lean regex (ASCII mode, matches only) of these patterns.
    fn add_lean<P: AsRef<str>>(&mut self, patterns: &[P]) {
        self.add(
            |reverse| nfa_format::lean_compiler(reverse).build_many(patterns).ok(),
            |reverse| nfa_format::lean_key(patterns, reverse),
            nfa_format::lean_dfa_key(patterns),
        );
    }
}

/// A digest of everything under `rules/`: `--version` names it so a report can be
/// traced to the exact word lists and facts that produced it.
fn rule_data_digest(root: &Path) -> u64 {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&f).unwrap_or_default();
        for b in name.bytes().chain([0]).chain(bytes).chain([0]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Plans the section vocabulary's pattern sets and the built-in phrase rules' gate
/// (DFAs where they fit, NFAs for the rest: see `src/posting/set_plan.rs`), compiles
/// the phrase rules' own regexes and the crate's listed patterns to NFAs (see
/// `src/posting/nfa_format.rs`), and writes both blobs for the binary to embed. A set
/// or pattern that fails here is left out and compiled at run time, where its error
/// is reported the usual way.
fn prebuild_sets(phrase_files: &[String]) {
    for f in [
        "src/posting/nfa_format.rs",
        "src/posting/section_patterns.rs",
        "src/posting/set_plan.rs",
        "src/rules/phrase_patterns.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let text = std::fs::read_to_string("rules/sections.toml").unwrap_or_default();
    let mut sets = section_patterns::parse(&text)
        .and_then(|file| section_patterns::all_sets(&file))
        .unwrap_or_default();
    let texts: Vec<String> = phrase_files
        .iter()
        .map(|name| {
            std::fs::read_to_string(Path::new("rules/phrases").join(name)).unwrap_or_default()
        })
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    sets.extend(technology_sets());
    println!("cargo:rerun-if-changed=src/rules/law_names.rs");
    sets.extend(rules::law_names::sets(
        &std::fs::read_to_string("rules/pay-laws.toml").unwrap_or_default(),
    ));
    // Serialized DFAs are little-endian here; a big-endian target gets NFAs only.
    let dense = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("little");
    let mut plans: Vec<(u64, Vec<u32>)> = sets
        .iter()
        .filter_map(|patterns| Some((nfa_format::key(patterns), set_plan::plan(patterns, dense)?)))
        .collect();
    // The phrase gate is relaxed: planned for its patterns without their wide gaps.
    let gate = rules::phrase_patterns::gate_patterns(&texts);
    let relaxed = rules::phrase_patterns::relaxed_gate_patterns(&gate);
    if let Some(plan) = set_plan::plan(&relaxed, dense) {
        plans.push((nfa_format::relaxed_key(&gate), plan));
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).to_path_buf();
    std::fs::write(
        out.join("prebuilt_sets.bin"),
        nfa_format::write_blob(&plans),
    )
    .expect("write prebuilt_sets.bin");
    let mut compiled: Vec<(u64, Vec<u32>)> = Vec::new();
    // Each ASCII rule's own regex and each listed ASCII-mode pattern of the crate,
    // forward and reverse (see src/posting/lean_regex.rs).
    let mut pairs = Pairs {
        nfas: &mut compiled,
        dfas: Vec::new(),
        dense,
    };
    for (alternatives, ascii) in rules::phrase_patterns::rule_alternatives(&texts) {
        if ascii {
            pairs.add_lean(&alternatives);
        }
    }
    #[derive(Default, serde::Deserialize)]
    struct List {
        ascii: Vec<String>,
        captures: Vec<String>,
    }
    let list = "src/posting/prebuilt_patterns.toml";
    println!("cargo:rerun-if-changed={list}");
    let list = std::fs::read_to_string(list).unwrap_or_default();
    let list: List = toml::from_str(&list).unwrap_or_default();
    for pattern in &list.ascii {
        pairs.add_lean(&[pattern]);
    }
    // The crate's patterns with capture groups (src/posting/capture_regex.rs).
    for pattern in &list.captures {
        let patterns = [pattern];
        pairs.add(
            |reverse| nfa_format::capture_compiler(reverse).build(pattern).ok(),
            |reverse| nfa_format::capture_key(&patterns, reverse),
            nfa_format::capture_dfa_key(&patterns),
        );
    }
    let lean_dfas = pairs.dfas;
    std::fs::write(
        out.join("prebuilt_lean_dfa.bin"),
        nfa_format::write_blob(&lean_dfas),
    )
    .expect("write prebuilt_lean_dfa.bin");
    std::fs::write(
        out.join("prebuilt_nfa.bin"),
        nfa_format::write_blob(&compiled),
    )
    .expect("write prebuilt_nfa.bin");
}
