//! Reading a posting from disk: text only, with a clear error for anything else.

use std::io::Read;
use std::path::Path;

use super::walk::io_message;

/// Largest file read; anything bigger is reported, not linted.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a FIFO, socket or device is not linted.
pub const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device); not linted";

/// Reads a file that walking found to be a regular file (see `walk::inputs`).
pub fn read_text(path: &Path) -> Result<String, String> {
    // Non-blocking, in case the file became a FIFO since: opening one otherwise waits
    // for a writer, forever. No `stat` before opening (the walk's was enough): on
    // 10,000 postings it was a quarter of the run's system calls.
    let file = open_nonblocking(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if !meta.is_file() {
        return Err(NOT_REGULAR.into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is larger than {} MiB",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    // The size `fstat` gave, read to the end of it or of the file if that comes
    // first: `read_to_end` would ask once more to see the end (a tenth of the system
    // calls of a run). A file that grows while it is read is read as it was.
    let mut bytes = vec![0; meta.len() as usize];
    let mut filled = 0;
    while filled < bytes.len() {
        match (&file).read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_message(&e)),
        }
    }
    bytes.truncate(filled);
    if bytes.is_empty() {
        // Some file systems give no size (procfs, some FUSE ones): read to the end.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io_message(&e))?;
    }
    decode(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Accepts UTF-8 text; rejects binary files and other encodings with a reason.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!("binary file (NUL byte at offset {at}); not linted"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {}); convert the file to UTF-8 to lint it",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The posting on stdin, with the same checks as a file.
pub fn read_stdin() -> Result<String, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "input is larger than {} MiB",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    decode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_whole_files_and_files_without_a_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.md");
        let text = "# Baker\n\nWe bake.\n".repeat(500);
        std::fs::write(&path, &text).unwrap();
        assert_eq!(read_text(&path).unwrap(), text);
        std::fs::write(&path, "").unwrap();
        assert_eq!(read_text(&path).unwrap(), "");
        // procfs gives its files a size of 0.
        #[cfg(target_os = "linux")]
        assert!(read_text(Path::new("/proc/self/status"))
            .unwrap()
            .contains("Name:"));
    }
}
