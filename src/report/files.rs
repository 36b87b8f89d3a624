//! Files written whole or not at all (exports, packets), and documents read in with a limit.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, FileCause, Result};

/// Writes `bytes` to `path` whole or not at all: see `stage`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool, private: bool) -> Result<()> {
    stage(path, bytes, force, private)?.place()
}

/// A file written whole under a temporary name beside its place, not yet given its name.
pub struct Staged {
    file: tempfile::NamedTempFile,
    path: PathBuf,
    replaces: bool,
}

impl Staged {
    /// Gives the file its name: renamed over the file it replaces, or into a place that must
    /// still be free.
    pub fn place(self) -> Result<()> {
        let Staged {
            file,
            path,
            replaces,
        } = self;
        let placed = if replaces {
            file.persist(&path).map(|_| ())
        } else {
            file.persist_noclobber(&path).map(|_| ())
        };
        match placed {
            Ok(()) => Ok(()),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(Error::ExportExists(path))
            }
            Err(e) => Err(Error::file(&path, e.error)),
        }
    }
}

/// Writes `bytes` into a new temporary file beside `path`: see `stage_with`.
pub fn stage(path: &Path, bytes: &[u8], force: bool, private: bool) -> Result<Staged> {
    let (staged, ()) = stage_with(path, force, private, |out| Ok(out.write_all(bytes)?))?;
    Ok(staged)
}

/// Has `write` write into a new temporary file beside `path` (a random name, created
/// exclusively, so nobody can plant a link there first), to be renamed over by `Staged::place`;
/// gives back what `write` returned. An existing file is replaced only with `force`, and only
/// when it is a plain file: a link, a device, a pipe or a folder never is; that is decided
/// before anything is written. A `private` file (the whole ledger) is readable by its owner
/// only; others follow the umask, and never get wider access than the file they replace. If
/// `write` fails, the temporary file is removed and nothing takes the name.
pub fn stage_with<T>(
    path: &Path,
    force: bool,
    private: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<(Staged, T)> {
    let failed = |e: std::io::Error| Error::file(path, e);
    let replaced = match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(Error::File {
                path: path.to_path_buf(),
                cause: FileCause::NotAFile,
            });
        }
        Ok(_) if !force => return Err(Error::ExportExists(path.to_path_buf())),
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(failed(e)),
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // the umask applies to the mode a file is created with
        let mode = if private { 0o600 } else { 0o666 };
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut file = builder.tempfile_in(&folder).map_err(|e| match e.kind() {
        // name what is missing: the folder, not the file that was to be made in it
        std::io::ErrorKind::NotFound => Error::file(&folder, e),
        _ => failed(e),
    })?;
    #[cfg(unix)]
    if let Some(old) = &replaced {
        use std::os::unix::fs::PermissionsExt;
        let made = file
            .as_file()
            .metadata()
            .map_err(failed)?
            .permissions()
            .mode();
        let narrowed = made & old.permissions().mode() & 0o777;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(narrowed))
            .map_err(failed)?;
    }
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut file);
    let written = write(&mut buffered).map_err(|e| match e {
        Error::Io(e) => failed(e),
        other => other,
    })?;
    buffered.flush().map_err(failed)?;
    drop(buffered);
    file.as_file().sync_all().map_err(failed)?;
    let staged = Staged {
        file,
        path: path.to_path_buf(),
        replaces: replaced.is_some(),
    };
    Ok((staged, written))
}

/// The largest document `import` reads: far more than a ledger of a million tasks needs.
pub const MAX_DOCUMENT: u64 = 256 << 20;

/// Reads a document to import: a plain file of at most `MAX_DOCUMENT` bytes. A pipe, a device
/// or a folder is refused before anything is read (a pipe would keep the ledger waiting).
pub fn read_document(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let refuse = |cause| Error::File {
        path: path.to_path_buf(),
        cause,
    };
    let plain = |meta: &fs::Metadata| -> Result<()> {
        if meta.is_dir() {
            return Err(refuse(FileCause::IsADirectory));
        }
        if !meta.is_file() {
            return Err(refuse(FileCause::NotAFile));
        }
        if meta.len() > MAX_DOCUMENT {
            return Err(refuse(FileCause::TooLarge { max: MAX_DOCUMENT }));
        }
        Ok(())
    };
    plain(&fs::metadata(path).map_err(|e| Error::file(path, e))?)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // should the path become a pipe between the look and the open, do not wait on it
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Error::file(path, e))?;
    plain(&file.metadata().map_err(|e| Error::file(path, e))?)?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::file(path, e))?;
    if bytes.len() as u64 > MAX_DOCUMENT {
        return Err(refuse(FileCause::TooLarge { max: MAX_DOCUMENT }));
    }
    Ok(bytes)
}
