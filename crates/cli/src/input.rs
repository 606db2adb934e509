//! Reading user-supplied files and stdin with a size limit, enforced while reading: an endless
//! or huge input (`lint-claimreview /dev/zero`) stops with an error at the limit instead of
//! growing memory until the process is killed. Every command that reads an input file or stdin
//! goes through here (`import` and its sidecars, `score`, `lint-claimreview`; a future
//! fact-check import too), so the limits are the ones the README's "Limits" section lists.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use anyhow::{anyhow, Context as _, Result};

/// The largest input (file, stdin, or one JSON file of records) any command reads whole:
/// 64 MiB, in bytes. Above every real article or export; a longer one is refused with
/// [`too_large`]'s message, nothing stored. A JSON Lines file given to `import` is not read
/// whole but streamed line by line, each line (one record) within this limit
/// (`commands::import::source::MAX_RECORD_BYTES`).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The longest article `import` takes: 64 MiB of article text, in bytes (as much as one input
/// read whole, or one JSON Lines record, may hold). An article over 8 MiB is streamed into the
/// store (`commands::import::stream`), so its claims are never all in memory: a 50 MB article
/// made of one repeated sentence peaks at a few hundred MB (`docs/performance.md`), where holding
/// its claims took about 25 bytes per byte of prose and up to ~120 for very short lines.
pub const MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;

/// The largest metadata sidecar (`*.meta.json`): 1 MiB, in bytes.
pub const MAX_SIDECAR_BYTES: u64 = 1024 * 1024;

/// The error for an input over `limit` bytes: `NAME is larger than the 64 MiB limit …`.
pub fn too_large(name: &str, limit: u64) -> anyhow::Error {
    anyhow!(
        "{name} is larger than the {} limit on an input; split it into smaller files",
        human(limit)
    )
}

/// `limit` bytes as `64 MiB` / `512 KiB` / `100 bytes`.
pub fn human(limit: u64) -> String {
    if limit >= 1 << 20 && limit.is_multiple_of(1 << 20) {
        format!("{} MiB", limit >> 20)
    } else if limit >= 1 << 10 && limit.is_multiple_of(1 << 10) {
        format!("{} KiB", limit >> 10)
    } else {
        format!("{limit} bytes")
    }
}

/// A reader that fails once more than `limit` bytes have come through it: the error (kind
/// `InvalidData`, wrapping [`TooLarge`]) is raised while reading, so at most `limit + 1` bytes
/// are ever buffered by a caller that collects what it reads.
pub struct Limited<R> {
    inner: R,
    remaining: u64,
    limit: u64,
}

/// The marker error inside the `io::Error` a [`Limited`] reader returns past its limit.
#[derive(Debug, thiserror::Error)]
#[error("input larger than {0} bytes")]
pub struct TooLarge(pub u64);

impl<R: Read> Limited<R> {
    /// Wraps `inner`, allowing `limit` bytes.
    pub fn new(inner: R, limit: u64) -> Self {
        Limited {
            inner,
            remaining: limit,
            limit,
        }
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // Read one byte beyond what is allowed, so that an input of exactly `limit` bytes
        // passes and one byte more fails.
        let max = usize::try_from(self.remaining.saturating_add(1))
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = self.inner.read(&mut buf[..max])?;
        if n as u64 > self.remaining {
            self.remaining = 0;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                TooLarge(self.limit),
            ));
        }
        self.remaining -= n as u64;
        Ok(n)
    }
}

/// True when `err` is a [`Limited`] reader's over-the-limit error.
#[cfg(test)]
fn is_too_large(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<TooLarge>())
}

/// Reads all of `path` (or stdin when `path` is `-`), at most `limit` bytes. `name` is how
/// messages call the input.
///
/// # Errors
/// `cannot read NAME: …` when it cannot be opened or read; [`too_large`] past `limit`.
pub fn read_bytes(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let result = if path.as_os_str() == "-" {
        Limited::new(io::stdin().lock(), limit).read_to_end(&mut buf)
    } else {
        let file = fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
        Limited::new(file, limit).read_to_end(&mut buf)
    };
    match result {
        Ok(_) => Ok(buf),
        Err(e) => Err(read_error(e, name)),
    }
}

/// The message for an error reading the input `name`: [`too_large`] for a [`Limited`] reader
/// past its limit, `cannot read NAME: …` otherwise.
pub fn read_error(e: io::Error, name: &str) -> anyhow::Error {
    match e.get_ref().and_then(|i| i.downcast_ref::<TooLarge>()) {
        Some(TooLarge(limit)) => too_large(name, *limit),
        None => anyhow::Error::new(e).context(format!("cannot read {name}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limited_reader_passes_the_limit_and_fails_one_byte_beyond() {
        let mut out = Vec::new();
        Limited::new(&[7u8; 10][..], 10)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out.len(), 10);
        let err = Limited::new(&[7u8; 11][..], 10)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(is_too_large(&err), "{err}");
        // an endless reader stops at the limit, not when memory runs out
        let mut buf = Vec::new();
        let err = Limited::new(io::repeat(0), 1000)
            .read_to_end(&mut buf)
            .unwrap_err();
        assert!(is_too_large(&err));
        assert!(buf.len() <= 1001, "{}", buf.len());
    }

    #[test]
    fn the_message_names_the_input_and_the_limit() {
        assert_eq!(
            too_large("a.json", MAX_INPUT_BYTES).to_string(),
            "a.json is larger than the 64 MiB limit on an input; split it into smaller files"
        );
        assert_eq!(human(1536), "1536 bytes");
        assert_eq!(human(2048), "2 KiB");
    }
}
