//! `cargo bench`: end-to-end figures for the README's Performance section.
//!
//! 1. Generates a deterministic corpus of postings (default 10,000, about 65 MB) in
//!    `target/bench-corpus/`, from the fixtures and, when present, `../shared/corpus`,
//!    cycled and varied so no two files are the same.
//! 2. Times `jdlint check --format json` over it (best of 3 runs), with peak memory,
//!    and the floor: `grep -ciE` with one alternation of every phrase rule pattern.
//! 3. Times `jdlint check` on one small file (median of 50 runs, process start
//!    included): what a pre-commit user waits for. Three files, since what a run
//!    compiles depends on what the posting holds: a complete posting, one with many
//!    findings and fixes, and the median-sized posting of the generated corpus's
//!    first folder (a real posting when `../shared/corpus` is present).
//!
//! `JDLINT_BENCH_POSTINGS=N` changes the corpus size. Nothing here asserts a time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    // `cargo bench -- --bench` passes flags; `cargo test --benches` runs us too.
    if std::env::args().any(|a| a == "--list" || a == "--test")
        && !std::env::args().any(|a| a == "--bench")
    {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // JDLINT_BENCH_EXE times another build (an older commit's, say) on the same corpus
    // in the same session: on a shared machine, figures from different days differ
    // by a fifth.
    let other = std::env::var_os("JDLINT_BENCH_EXE");
    let exe = other
        .as_deref()
        .map_or(Path::new(env!("CARGO_BIN_EXE_jdlint")), Path::new);
    let n: usize = std::env::var("JDLINT_BENCH_POSTINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let corpus = root.join("target/bench-corpus");
    let (files, bytes) = generate(root, &corpus, n);
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {files} postings, {mb:.1} MB in {}",
        corpus.display()
    );

    let (lint, peak_kb) = best_of(3, || {
        timed(
            Command::new(exe)
                .args(["check", "--format", "json", "--exit-zero"])
                .arg(&corpus),
        )
    });
    let patterns = grep_patterns(root);
    let (grep, _) = best_of(3, || {
        let mut c = Command::new("grep");
        c.args(["-r", "-c", "-i", "-E"]);
        for p in &patterns {
            c.arg("-e").arg(p);
        }
        timed(c.arg(&corpus))
    });
    let mut first: Vec<(u64, PathBuf)> = std::fs::read_dir(corpus.join("000"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.path())))
        .collect();
    first.sort();
    let median = first.get(first.len() / 2).map(|(_, p)| p.clone());
    let smalls: Vec<PathBuf> = ["complete.md", "wording.md"]
        .iter()
        .map(|f| root.join("fixtures/postings").join(f))
        .chain(median)
        .collect();
    let singles: Vec<(PathBuf, Duration)> = smalls
        .into_iter()
        .map(|small| {
            // Not through `/usr/bin/time`, whose own start would count.
            let mut runs: Vec<Duration> = (0..50)
                .map(|_| {
                    let start = Instant::now();
                    Command::new(exe)
                        .arg("check")
                        .arg(&small)
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                        .expect("run jdlint");
                    start.elapsed()
                })
                .collect();
            runs.sort();
            (small, runs[runs.len() / 2])
        })
        .collect();

    let secs = lint.as_secs_f64();
    println!();
    println!("| measure | value |");
    println!("|---|---|");
    println!("| postings | {files} ({mb:.1} MB) |");
    println!("| wall time, `check --format json` | {secs:.2} s |");
    println!(
        "| throughput | {:.1} MB/s, {:.0} postings/s |",
        mb / secs,
        files as f64 / secs
    );
    match peak_kb {
        Some(kb) => println!("| peak memory | {:.0} MB |", kb as f64 / 1024.0),
        None => println!("| peak memory | (needs /usr/bin/time) |"),
    }
    println!(
        "| grep floor ({} patterns) | {:.2} s, ratio {:.1}x |",
        patterns.len(),
        grep.as_secs_f64(),
        secs / grep.as_secs_f64()
    );
    for (small, single) in &singles {
        println!(
            "| one file, end to end (median of 50): {} ({:.1} KB) | {:.1} ms |",
            small.strip_prefix(root).unwrap_or(small).display(),
            std::fs::metadata(small).map_or(0.0, |m| m.len() as f64 / 1024.0),
            single.as_secs_f64() * 1e3
        );
    }
    println!(
        "| threads | {} |",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
}

/// Runs a command with output discarded; returns wall time and, through
/// `/usr/bin/time`, peak resident memory in KB.
fn timed(cmd: &mut Command) -> (Duration, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    let start = Instant::now();
    let output = if time.exists() {
        let mut wrapped = Command::new(time);
        wrapped
            .args(["-f", "%M"])
            .arg(cmd.get_program())
            .args(cmd.get_args());
        wrapped
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
    } else {
        cmd.stdout(Stdio::null()).stderr(Stdio::piped()).output()
    }
    .expect("run benchmark command");
    let elapsed = start.elapsed();
    let peak = String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok());
    (elapsed, peak)
}

fn best_of(runs: usize, mut f: impl FnMut() -> (Duration, Option<u64>)) -> (Duration, Option<u64>) {
    (0..runs)
        .map(|_| f())
        .min_by_key(|r| r.0)
        .expect("runs > 0")
}

/// Writes `n` postings unless an identical corpus is already there.
fn generate(root: &Path, out: &Path, n: usize) -> (usize, u64) {
    let mut sources: Vec<(String, String)> = Vec::new();
    for dir in [
        root.join("fixtures/postings"),
        root.join("../shared/corpus/postings"),
    ] {
        collect(&dir, &mut sources);
    }
    sources.sort();
    assert!(!sources.is_empty(), "no postings to build the corpus from");
    let stamp = out.join(".stamp");
    let want = format!("{n} {}", sources.len());
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return size(out);
    }
    let _ = std::fs::remove_dir_all(out);
    for i in 0..n {
        let (name, text) = &sources[i % sources.len()];
        let round = i / sources.len();
        let dir = out.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&dir).expect("create corpus folder");
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("md");
        std::fs::write(dir.join(format!("{i:05}.{ext}")), vary(text, round, i))
            .expect("write posting");
    }
    std::fs::write(&stamp, want).expect("write stamp");
    size(out)
}

/// A different but equally realistic posting for each round: list items rotated,
/// numbers shifted, a reference line added.
fn vary(text: &str, round: usize, i: usize) -> String {
    if round == 0 {
        return text.to_string();
    }
    let mut lines: Vec<&str> = text.lines().collect();
    let items: Vec<usize> = (0..lines.len())
        .filter(|&k| lines[k].trim_start().starts_with("- "))
        .collect();
    if items.len() >= 2 {
        let a = items[round % items.len()];
        let b = items[(round * 7 + 1) % items.len()];
        lines.swap(a, b);
    }
    let mut s = lines.join("\n");
    s = s.replace(" 2 years", &format!(" {} years", 2 + round % 4));
    s.push_str(&format!("\n\nReference: JD-{i:05}\n"));
    s
}

/// Every posting file under `dir`, with its text.
fn collect(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let p = e.path();
        let posting = matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "txt" | "html" | "markdown")
        );
        if posting && e.file_type().is_file() {
            if let Ok(t) = std::fs::read_to_string(p) {
                out.push((p.display().to_string(), t));
            }
        }
    }
}

fn size(dir: &Path) -> (usize, u64) {
    let (mut files, mut bytes) = (0, 0);
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.ends_with(".stamp") {
                files += 1;
                bytes += e.metadata().map_or(0, |m| m.len());
            }
        }
    }
    (files, bytes)
}

/// Every phrase pattern of the built-in rules, in grep's ERE dialect.
fn grep_patterns(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root.join("rules/phrases"))
        .expect("rules/phrases")
        .flatten()
    {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let doc: toml::Table = toml::from_str(&text).expect("rule file");
        for phrase in doc
            .get("phrase")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
        {
            for p in phrase
                .get("patterns")
                .and_then(|p| p.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(p) = p.as_str() {
                    out.push(
                        p.replace("(?:", "(")
                            .replace("\\d", "[0-9]")
                            .replace("(?i)", ""),
                    );
                }
            }
        }
    }
    out
}
