//! Finding the files to lint.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use jdlint::Format;

use super::read;
use super::settings::Configs;

/// A file to lint, or a path that could not be read.
#[derive(Debug)]
pub enum Input {
    File { path: PathBuf, format: Format },
    Error { path: PathBuf, message: String },
}

/// Folders never walked into (a path named on the command line is still read).
fn skipped_dir(name: &str) -> bool {
    (name.starts_with('.') && name != "." && name != "..")
        || name == "node_modules"
        || name == "target"
}

/// Expands paths into files: directories recursively (in name order) as each file's
/// configuration allows, files named on the command line always, unless
/// `force_exclude` applies the configuration to them too (hooks and editors name
/// every changed file, drafts included).
pub fn inputs(paths: &[PathBuf], configs: &mut Configs, force_exclude: bool) -> Vec<Input> {
    let mut out = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => out.push(Input::Error {
                path: root.clone(),
                message: io_message(&e),
            }),
            Ok(meta) if meta.is_dir() => walk(root, configs, &mut out),
            Ok(_) if force_exclude && configs.for_file(root).wants(root).is_none() => {}
            // Never opened: opening a FIFO waits for a writer, and opening a device
            // may do something.
            Ok(meta) if !meta.is_file() => out.push(Input::Error {
                path: root.clone(),
                message: read::NOT_REGULAR.into(),
            }),
            Ok(_) => out.push(Input::File {
                path: root.clone(),
                format: configs
                    .for_file(root)
                    .format_of(root)
                    .unwrap_or(Format::Text),
            }),
        }
    }
    out
}

fn walk(root: &Path, configs: &mut Configs, out: &mut Vec<Input>) {
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !skipped_dir(&e.file_name().to_string_lossy())
        });
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_file() {
                    continue;
                }
                let path = e.into_path();
                if let Some(format) = configs.for_file(&path).wants(&path) {
                    out.push(Input::File { path, format });
                }
            }
            Err(e) => out.push(Input::Error {
                path: e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf()),
                message: e
                    .io_error()
                    .map(io_message)
                    .unwrap_or_else(|| e.to_string()),
            }),
        }
    }
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
