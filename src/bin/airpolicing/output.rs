//! Files the tool writes: written whole to a temporary file beside the target, then renamed, so
//! a crash never leaves a half-written file.

use crate::failure::Failure;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written: the bytes go to a temporary file beside the target, which
/// [`AtomicFile::commit`] syncs and renames into place. Dropped without a commit, the temporary
/// file is removed and the target is untouched.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<BufWriter<File>>,
    /// A resumable file keeps its partial contents when dropped.
    keep_partial: bool,
}

/// The hidden file `.NAME.SUFFIX` in the directory of `path`.
fn beside(path: &Path, suffix: &str) -> Result<PathBuf, String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", path.display()))?;
    Ok(dir.join(format!(".{}.{suffix}", name.to_string_lossy())))
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, String> {
        let tmp = beside(path, &format!("tmp-{}", std::process::id()))?;
        let file =
            File::create(&tmp).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            out: Some(BufWriter::new(file)),
            keep_partial: false,
        })
    }

    /// Starts writing `path` through a partial file with a fixed name (`.NAME.part` beside it)
    /// that survives an interruption; with `keep` the partial file's first `keep` bytes are
    /// kept (anything after them is from a chunk that never completed) and writing continues
    /// after them.
    pub fn resumable(path: &Path, keep: Option<u64>) -> Result<AtomicFile, String> {
        let tmp = beside(path, "part")?;
        let fail = |e: std::io::Error| format!("{}: cannot write: {e}", tmp.display());
        let file = match keep {
            None => File::create(&tmp).map_err(fail)?,
            Some(n) => {
                let f = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(&tmp)
                    .map_err(|e| {
                        format!(
                            "{}: the partial output of the checkpointed run is missing ({e}); delete the checkpoint to start again",
                            tmp.display()
                        )
                    })?;
                let len = f.metadata().map_err(fail)?.len();
                if len < n {
                    return Err(format!(
                        "{}: the partial output is shorter ({len} bytes) than the checkpoint records ({n}); delete the checkpoint to start again",
                        tmp.display()
                    ));
                }
                f.set_len(n).map_err(fail)?;
                let mut f = f;
                use std::io::Seek;
                f.seek(std::io::SeekFrom::End(0)).map_err(fail)?;
                f
            }
        };
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            out: Some(BufWriter::new(file)),
            keep_partial: true,
        })
    }

    /// Flushes and syncs what was written, returning the partial file's length.
    pub fn sync(&mut self) -> Result<u64, String> {
        let out = self.out.as_mut().expect("synced after commit");
        let done = (|| {
            out.flush()?;
            out.get_ref().sync_data()?;
            out.get_ref().metadata().map(|m| m.len())
        })();
        done.map_err(|e| format!("{}: cannot write: {e}", self.path.display()))
    }

    /// Appends `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        let out = self.out.as_mut().expect("written after commit");
        out.write_all(bytes)
            .map_err(|e| format!("{}: cannot write: {e}", self.path.display()))
    }

    /// Syncs the file and renames it into place.
    pub fn commit(mut self) -> Result<(), String> {
        let out = self.out.take().expect("committed twice");
        let done = (|| {
            let file = out.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            std::fs::rename(&self.tmp, &self.path)
        })();
        done.map_err(|e| format!("{}: cannot write: {e}", self.path.display()))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.is_some() && !self.keep_partial {
            self.out = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut f = AtomicFile::create(path)?;
    f.write(bytes)?;
    f.commit()
}

/// Quotes a CSV field when it needs it.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Prints one JSON document on stdout.
pub(crate) fn print_json<T: serde::Serialize>(doc: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(doc)
        .map_err(|err| Failure::Internal(format!("cannot write JSON: {err}")))?;
    out(&format!("{text}\n"))
}

/// Writes `text` to standard output. A reader that went away (`| head`) ends the program
/// quietly; any other failure (a full disk) is an error naming standard output. `print!` would
/// panic on either.
pub(crate) fn out(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    o.write_all(text.as_bytes())
        .and_then(|()| o.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::ClosedPipe,
            _ => Failure::Output(format!("cannot write to standard output: {e}")),
        })
}

/// Refuses, before any work, an output path whose directory does not exist or is not writable.
pub(crate) fn check_writable(path: &std::path::Path) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Failure::Input(format!(
            "{}: the directory {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let probe = dir.join(format!(".airpolicing-probe-{}", std::process::id()));
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(Failure::Input(format!(
            "{}: cannot write in {}: {e}",
            path.display(),
            dir.display()
        ))),
    }
}
