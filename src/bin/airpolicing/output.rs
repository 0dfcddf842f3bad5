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

    /// Starts writing `path` through a partial file that survives an interruption, named for the
    /// checkpoint it belongs to (`.NAME.part-TAG` beside it, TAG a digest of the checkpoint's
    /// place), so that two checkpointed runs writing the same file never share one; with `keep`
    /// the partial file's first `keep` bytes are kept (anything after them is from a chunk that
    /// never completed) and writing continues after them.
    pub fn resumable(
        path: &Path,
        checkpoint: &Path,
        keep: Option<u64>,
    ) -> Result<AtomicFile, String> {
        let place = identity(checkpoint).unwrap_or_else(|| checkpoint.to_path_buf());
        let tag = fnv(place.to_string_lossy().as_bytes());
        let tmp = beside(path, &format!("part-{tag:016x}"))?;
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

/// A text field of a CSV file: quoted when it holds a comma, a quote or a line break, and, when it
/// begins with `=`, `+`, `-` or `@`, prefixed with `'` so that a spreadsheet does not evaluate it
/// as a formula (the usual rule against CSV injection). Numbers are written without it.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with('\'') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
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

/// Refuses, before any work, an output path whose directory does not exist or is not writable,
/// or that names something other than a regular file: a directory, a symbolic link (the file
/// written whole and renamed into place would replace the link) or a device or pipe (which a
/// rename would replace, and a full device would not report).
pub(crate) fn check_writable(path: &std::path::Path) -> Result<(), Failure> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        let what = if meta.is_dir() {
            Some("is a directory; give a file name")
        } else if meta.file_type().is_symlink() {
            Some(
                "is a symbolic link; give the file it points to (outputs are written whole and renamed into place, which would replace the link)",
            )
        } else if !meta.is_file() {
            Some("is not a regular file (a device or a pipe); write to a file instead")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(Failure::Input(format!("{}: {what}", path.display())));
        }
    }
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

/// The file a path names, for comparing paths: its directory resolved and its name, so that
/// `rows.csv`, `./rows.csv` and `dir/../rows.csv` are the same file.
fn identity(path: &Path) -> Option<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(path.file_name()?))
}

/// Refuses, before any work, two outputs that are the same file, or an output that is the
/// scenario file it is made from: one would overwrite the other. Each output is the option that
/// names it and its path, if given.
pub(crate) fn check_distinct(
    outputs: &[(&str, Option<&Path>)],
    scenario: &str,
) -> Result<(), Failure> {
    let inputs = [("scenario file", Path::new(scenario))];
    let named: Vec<(&str, PathBuf)> = outputs
        .iter()
        .filter_map(|&(what, p)| Some((what, identity(p?)?)))
        .collect();
    for (i, (a, pa)) in named.iter().enumerate() {
        if let Some((b, _)) = named[..i].iter().find(|(_, pb)| pb == pa) {
            return Err(Failure::Input(format!(
                "{b} and {a} name the same file, {}; give each output its own file",
                pa.display()
            )));
        }
        for &(what, input) in &inputs {
            if std::fs::canonicalize(input).is_ok_and(|q| &q == pa) {
                return Err(Failure::Input(format!(
                    "{a} names the {what}, {}; it would be overwritten: give the output another file",
                    pa.display()
                )));
            }
        }
    }
    Ok(())
}

/// 64-bit FNV-1a of `bytes`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
