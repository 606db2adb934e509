//! The articles of an import, read lazily: files one after another, and JSON Lines files line by
//! line, so that a 1 GB archive dump is never held in memory (issue #13). Whole-file formats
//! (text, Markdown, HTML, JSON) are read whole, within [`input::MAX_INPUT_BYTES`].

use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context as _, Result};
use chrono::NaiveDate;
use claimtrack_import::formats::{self, Document, Format};
use claimtrack_import::ImportOptions;
use serde::Deserialize;

use crate::cli::{ImportArgs, StdinFormat};
use crate::{input, walk};

/// The longest line of a JSON Lines file, in bytes: one record holds one article (at most
/// [`input::MAX_ARTICLE_BYTES`] of text), and JSON escapes can make a record up to about six
/// times its text, so a record's line may have the whole [`input::MAX_INPUT_BYTES`].
pub const MAX_RECORD_BYTES: u64 = input::MAX_INPUT_BYTES;

/// How far past the line limit an over-long line is skipped to find its end, in line limits
/// (16: 1 GiB for the 64 MiB limit); an input with no line end that far is not JSON Lines, and
/// the rest of it is not read.
const SKIP_LINES: u64 = 16;

/// The optional metadata sidecar `<file without extension>.meta.json`. Only these keys are
/// read; any other key (`language`, `dateline`, `source`…) is ignored.
#[derive(Debug, Default, Deserialize)]
struct Sidecar {
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// One article to import: its text, where it came from, and what the input said about it.
pub struct Input {
    /// `FILE`, `FILE (line 3)`, or `<stdin>`: how messages name it.
    pub source: String,
    /// The article text.
    pub text: String,
    /// Its metadata: the input's own, then the sidecar's, then the flags'.
    pub opts: ImportOptions,
}

/// An article that could not even be read: how messages name it, and why.
pub type Unreadable = (String, anyhow::Error);

/// One entry of an import, in input order, with the input bytes it consumed (for the progress
/// bar's MB/s).
pub struct Item {
    /// The article, or why it could not be read.
    pub input: std::result::Result<Input, Unreadable>,
    /// Bytes of input consumed since the previous item (a line's length with its end, a whole
    /// file's size).
    pub bytes: u64,
}

/// The metadata every article of one file shares: the sidecar's and the flags'.
struct FileMeta {
    name: String,
    sidecar: Sidecar,
    sidecar_published: Option<NaiveDate>,
    published: Option<NaiveDate>,
}

impl FileMeta {
    fn input(&self, d: Document, one: bool) -> Input {
        let source = if d.origin.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, d.origin)
        };
        // The sidecar's title and URL name one article: a file of several records keeps each
        // record's own (its date applies to all, as a day's file is a day's news).
        let side = |f: &Option<String>| if one { f.clone() } else { None };
        Input {
            source,
            opts: ImportOptions {
                title: side(&self.sidecar.title).or(d.title),
                url: side(&self.sidecar.url).or(d.url),
                published: self.published.or(self.sidecar_published).or(d.published),
                author: d.author,
            },
            text: d.text,
        }
    }

    fn item(&self, d: std::result::Result<Document, formats::FormatError>, one: bool) -> Item {
        Item {
            input: match d {
                Ok(d) => Ok(self.input(d, one)),
                Err(e) => Err((
                    format!("{} ({})", self.name, e.location),
                    anyhow!("cannot import {}: {e}", self.name),
                )),
            },
            bytes: 0,
        }
    }
}

/// A JSON Lines file being read line by line.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    meta: FileMeta,
    /// Lines read so far.
    line_no: usize,
    /// Whether the file holds exactly one record (decided by reading ahead one record).
    one: bool,
    /// Records read ahead (at most two, to decide `one`).
    ahead: VecDeque<Item>,
    /// Bytes read from the file so far.
    bytes_read: u64,
    /// The longest line read ([`MAX_RECORD_BYTES`]; smaller in tests).
    max_line: u64,
}

impl JsonLines {
    fn new(reader: Box<dyn BufRead + Send>, meta: FileMeta, max_line: u64) -> Self {
        JsonLines {
            reader,
            meta,
            line_no: 0,
            one: false,
            ahead: VecDeque::new(),
            bytes_read: 0,
            max_line,
        }
    }

    /// The next record or record error; `None` at the end. A line longer than
    /// [`MAX_RECORD_BYTES`] is an error row for that line, and reading goes on after it.
    fn next_record(&mut self) -> Option<Item> {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let mut limited = (&mut self.reader).take(self.max_line + 1);
            let n = match limited.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(n) => n as u64,
                Err(e) => {
                    self.line_no += 1;
                    return Some(self.failed(
                        format!("{e}"),
                        buf.len() as u64,
                        // A read error ends the file: the rest cannot be trusted.
                        true,
                    ));
                }
            };
            self.line_no += 1;
            self.bytes_read += n;
            if n > self.max_line && buf.last() != Some(&b'\n') {
                let (skipped, found_end) = self.skip_line();
                let why = if found_end {
                    format!(
                        "the line is longer than the {} a record may have",
                        input::human(self.max_line)
                    )
                } else {
                    // `/dev/zero` named `x.jsonl`: stop rather than read for ever.
                    format!(
                        "no line end within {} (is it JSON Lines?); the rest of the file is not read",
                        input::human(self.max_line * SKIP_LINES)
                    )
                };
                return Some(self.failed(why, n + skipped, !found_end));
            }
            let line = match std::str::from_utf8(&buf) {
                Ok(l) => l,
                Err(e) => {
                    let column = e.valid_up_to() + 1;
                    return Some(self.failed(
                        format!("not valid UTF-8 (byte {column} of the line)"),
                        n,
                        false,
                    ));
                }
            };
            let line = line.strip_suffix('\n').unwrap_or(line);
            let line = line.strip_suffix('\r').unwrap_or(line);
            // A byte order mark, as Windows tools write one, is no part of the first record.
            let line = if self.line_no == 1 {
                line.strip_prefix('\u{feff}').unwrap_or(line)
            } else {
                line
            };
            if let Some(doc) = formats::read_json_line(line, self.line_no) {
                let mut item = self.meta.item(doc, false);
                item.bytes = n;
                return Some(item);
            }
        }
    }

    /// Discards the rest of an over-long line, reading at most [`SKIP_LINES`] times the line
    /// limit: (bytes discarded, whether the line's end or the file's was found).
    fn skip_line(&mut self) -> (u64, bool) {
        let mut skipped = 0;
        let most = self.max_line.saturating_mul(SKIP_LINES);
        loop {
            if skipped >= most {
                return (skipped, false);
            }
            let (done, used) = match self.reader.fill_buf() {
                Ok([]) => return (skipped, true),
                Ok(b) => match b.iter().position(|&c| c == b'\n') {
                    Some(i) => (true, i + 1),
                    None => (false, b.len()),
                },
                Err(_) => return (skipped, true),
            };
            self.reader.consume(used);
            skipped += used as u64;
            if done {
                return (skipped, true);
            }
        }
    }

    fn failed(&mut self, why: String, bytes: u64, fatal: bool) -> Item {
        if fatal {
            self.reader = Box::new(io::empty());
        }
        let name = &self.meta.name;
        Item {
            input: Err((
                format!("{name} (line {})", self.line_no),
                anyhow!("cannot import {name}: line {}: {why}", self.line_no),
            )),
            bytes,
        }
    }

    /// The next item, with `one` decided before the first is handed out.
    fn next_item(&mut self) -> Option<Item> {
        if self.line_no == 0 {
            // Read ahead two records: the sidecar's title and URL apply only to a one-article
            // file.
            for _ in 0..2 {
                let record = self.next_record();
                self.ahead.extend(record);
            }
            if self.ahead.is_empty() {
                // Only blank lines, or nothing: the same error as for an empty whole file.
                self.line_no = self.line_no.max(1);
                let name = &self.meta.name;
                let why = if self.bytes_read == 0 {
                    "the input is empty"
                } else {
                    "no articles in it"
                };
                return Some(Item {
                    input: Err((name.clone(), anyhow!("cannot import {name}: {why}"))),
                    bytes: self.bytes_read,
                });
            }
            self.one = self.ahead.len() == 1;
            if self.one {
                if let Some(Item {
                    input: Ok(input), ..
                }) = self.ahead.front_mut()
                {
                    // Re-apply the sidecar now that the file is known to hold one article.
                    let side = &self.meta.sidecar;
                    input.opts.title = side.title.clone().or(input.opts.title.take());
                    input.opts.url = side.url.clone().or(input.opts.url.take());
                }
            }
        }
        self.ahead.pop_front().or_else(|| self.next_record())
    }
}

/// Every article of an import, in order: directory entries that could not be walked first (as
/// today's batch import reports them), then each file's articles.
pub struct Source<'a> {
    args: &'a ImportArgs,
    files: VecDeque<PathBuf>,
    /// Items ready to hand out (a whole file's articles, or walk errors).
    ready: VecDeque<Item>,
    /// The JSON Lines file being read, if any.
    lines: Option<JsonLines>,
    /// Whether the import names one file and nothing was skipped: then a file that cannot be
    /// read is the command's error, not a failed row.
    single_file: bool,
}

impl<'a> Source<'a> {
    /// The articles of `files` (already expanded from directories) and the `skipped` entries of
    /// the walk (one failed row each).
    pub fn new(args: &'a ImportArgs, files: Vec<PathBuf>, skipped: Vec<Unreadable>) -> Self {
        let single_file = files.len() == 1 && skipped.is_empty();
        Source {
            args,
            files: files.into(),
            ready: skipped
                .into_iter()
                .map(|s| Item {
                    input: Err(s),
                    bytes: 0,
                })
                .collect(),
            lines: None,
            single_file,
        }
    }

    /// The next article (or unreadable entry); `Ok(None)` at the end.
    ///
    /// # Errors
    /// Only for an import of one file that cannot be opened or read at all (then that is the
    /// command's error); otherwise such a file is one failed row.
    pub fn next_item(&mut self) -> Result<Option<Item>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Ok(Some(item));
            }
            if let Some(lines) = &mut self.lines {
                match lines.next_item() {
                    Some(item) => return Ok(Some(item)),
                    None => {
                        self.lines = None;
                        continue;
                    }
                }
            }
            let Some(file) = self.files.pop_front() else {
                return Ok(None);
            };
            match self.open(&file) {
                Ok(()) => {}
                Err(e) if self.single_file => return Err(e),
                Err(e) => self.ready.push_back(Item {
                    input: Err((file.display().to_string(), e)),
                    bytes: file_size(&file),
                }),
            }
        }
    }

    /// Starts reading `file`: a JSON Lines file becomes the current line reader; any other is
    /// read whole into `ready`.
    fn open(&mut self, file: &Path) -> Result<()> {
        let stdin = file.as_os_str() == "-";
        let name = if stdin {
            "<stdin>".to_owned()
        } else {
            file.display().to_string()
        };
        let format = if stdin {
            match self.args.stdin_format {
                StdinFormat::Text => Format::Text,
                StdinFormat::Markdown => Format::Markdown,
                StdinFormat::Html => Format::Html,
                StdinFormat::Json => Format::Json,
                StdinFormat::Jsonl => Format::JsonLines,
            }
        } else {
            Format::from_name(&name)
        };
        let meta = self.meta(file, stdin, name)?;
        if format == Format::JsonLines {
            let reader: Box<dyn Read + Send> = if stdin {
                Box::new(io::stdin())
            } else {
                Box::new(
                    fs::File::open(file).with_context(|| format!("cannot read {}", meta.name))?,
                )
            };
            self.lines = Some(JsonLines::new(
                Box::new(BufReader::with_capacity(1 << 16, reader)),
                meta,
                MAX_RECORD_BYTES,
            ));
            return Ok(());
        }
        let text = read_text(file, stdin, &meta.name)?;
        // A byte order mark is no part of a JSON file (a text file keeps its bytes as they are:
        // its article text, and so its spans and sha256, stay those of earlier imports).
        let body = match format {
            Format::Json => text.strip_prefix('\u{feff}').unwrap_or(&text),
            _ => &text,
        };
        let docs = formats::read_documents(format, body)
            .map_err(|e| anyhow!("cannot import {}: {e}", meta.name))?;
        if docs.is_empty() {
            bail!("cannot import {}: no articles in it", meta.name);
        }
        let one = docs.len() == 1;
        let size = text.len() as u64;
        let n = docs.len() as u64;
        for (i, d) in docs.into_iter().enumerate() {
            let mut item = meta.item(d, one);
            // The file's bytes, spread over its articles (the last takes the remainder).
            item.bytes = if i as u64 + 1 == n {
                size - (n - 1) * (size / n)
            } else {
                size / n
            };
            self.ready.push_back(item);
        }
        Ok(())
    }

    /// The sidecar's and the flags' metadata for `file`.
    fn meta(&self, file: &Path, stdin: bool, name: String) -> Result<FileMeta> {
        let sidecar = if stdin {
            Sidecar::default()
        } else {
            read_sidecar(file)?
        };
        let sidecar_published = match &sidecar.published {
            Some(s) => Some(parse_sidecar_date(s, &sidecar_path(file))?),
            None => None,
        };
        if let Some(u) = &sidecar.url {
            formats::check_http_url(u).map_err(|m| {
                anyhow!(
                    "cannot read metadata {}: url {m}",
                    sidecar_path(file).display()
                )
            })?;
        }
        Ok(FileMeta {
            name,
            sidecar,
            sidecar_published,
            published: self.args.published,
        })
    }
}

/// A file's size for the progress bar (0 when unknown: stdin, a vanished file).
pub fn file_size(path: &Path) -> u64 {
    if path.as_os_str() == "-" {
        return 0;
    }
    fs::metadata(path).map_or(0, |m| m.len())
}

/// Reads the whole input as UTF-8, naming the file (and the first invalid byte) on error.
fn read_text(path: &Path, stdin: bool, name: &str) -> Result<String> {
    let path = if stdin { Path::new("-") } else { path };
    let bytes = input::read_bytes(path, name, input::MAX_INPUT_BYTES)?;
    if bytes.is_empty() {
        bail!("cannot import {name}: the input is empty");
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = at - before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        anyhow!(
            "cannot import {name}: line {line}: not valid UTF-8 (byte {column} of the line, byte {} of the file)",
            at + 1
        )
    })
}

fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("meta.json")
}

/// Reads the sidecar when it exists; a sidecar that exists but cannot be read or parsed, or is
/// not a regular file (a FIFO would block, a link to `/dev/zero` never ends), is an error
/// naming it.
fn read_sidecar(path: &Path) -> Result<Sidecar> {
    let side = sidecar_path(path);
    if side == path {
        return Ok(Sidecar::default());
    }
    match fs::metadata(&side) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && !side.is_symlink() => {
            return Ok(Sidecar::default())
        }
        Err(e) => return Err(anyhow!("cannot read metadata {}: {e}", side.display())),
        Ok(m) if !m.is_file() => bail!(
            "cannot read metadata {}: {}, not a regular file",
            side.display(),
            walk::file_kind(&m.file_type())
        ),
        Ok(_) => {}
    }
    let name = side.display().to_string();
    let bytes = input::read_bytes(&side, &name, input::MAX_SIDECAR_BYTES)?;
    let text = String::from_utf8(bytes).with_context(|| format!("cannot read metadata {name}"))?;
    serde_json::from_str(&text).with_context(|| format!("cannot read metadata {}", side.display()))
}

fn parse_sidecar_date(s: &str, side: &Path) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        anyhow!(
            "cannot read metadata {}: published '{s}' is not a YYYY-MM-DD date",
            side.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file's metadata with a sidecar holding `title`.
    fn meta(title: Option<&str>) -> FileMeta {
        FileMeta {
            name: "a.jsonl".into(),
            sidecar: Sidecar {
                title: title.map(str::to_owned),
                ..Sidecar::default()
            },
            sidecar_published: None,
            published: None,
        }
    }

    /// `Ok((source, text, title))` or `Err((source, message))`.
    type ReadItem = std::result::Result<(String, String, Option<String>), (String, String)>;

    /// Every item of `text` read as JSON Lines with lines of at most `max_line` bytes:
    /// `Ok((source, text, title))` or `Err((source, message))`, and the bytes of each.
    fn read(text: &str, max_line: u64, title: Option<&str>) -> Vec<(ReadItem, u64)> {
        let reader = Box::new(io::Cursor::new(text.as_bytes().to_vec()));
        let mut lines = JsonLines::new(reader, meta(title), max_line);
        std::iter::from_fn(|| lines.next_item())
            .map(|i| {
                (
                    i.input
                        .map(|i| (i.source, i.text, i.opts.title))
                        .map_err(|(s, e)| (s, format!("{e:#}"))),
                    i.bytes,
                )
            })
            .collect()
    }

    #[test]
    fn records_stream_with_their_line_numbers_and_bytes() {
        let text = "{\"content\": \"أ.\"}\r\n\n  \n{\"content\": \"ب.\", \"title\": \"t\"}";
        let items = read(text, 1000, Some("flag"));
        assert_eq!(items.len(), 2);
        // CRLF line ends are not part of the record; blank lines are skipped but counted.
        assert_eq!(
            items[0].0.as_ref().unwrap(),
            &("a.jsonl (line 1)".to_owned(), "أ.".to_owned(), None)
        );
        assert_eq!(items[0].1, "{\"content\": \"أ.\"}\r\n".len() as u64);
        // The sidecar's title applies only to a file of one article.
        assert_eq!(items[1].0.as_ref().unwrap().0, "a.jsonl (line 4)");
        assert_eq!(items[1].0.as_ref().unwrap().2.as_deref(), Some("t"));
        let one = read(
            "{\"content\": \"أ.\", \"title\": \"t\"}\n",
            1000,
            Some("flag"),
        );
        assert_eq!(one[0].0.as_ref().unwrap().2.as_deref(), Some("flag"));
    }

    /// A line over the limit is one failed row naming it; the next line is read. Invalid UTF-8
    /// and bad JSON are rows too.
    #[test]
    fn a_bad_or_over_long_line_is_its_own_row() {
        let long = format!("{{\"content\": \"{}\"}}", "x".repeat(300));
        let text = format!("{long}\n{{bad\n{{\"content\": \"ok.\"}}\n");
        let mut bytes = text.into_bytes();
        bytes.extend(b"{\"content\": \"\xff\"}\n");
        let reader = Box::new(io::Cursor::new(bytes));
        let mut lines = JsonLines::new(reader, meta(None), 100);
        let items: Vec<Item> = std::iter::from_fn(|| lines.next_item()).collect();
        let msgs: Vec<String> = items
            .iter()
            .map(|i| match &i.input {
                Ok(i) => format!("ok {}", i.source),
                Err((s, e)) => format!("{s}: {e:#}"),
            })
            .collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert_eq!(
            msgs[0],
            "a.jsonl (line 1): cannot import a.jsonl: line 1: the line is longer than the 100 bytes a record may have"
        );
        assert_eq!(items[0].bytes, long.len() as u64 + 1);
        assert!(
            msgs[1].starts_with("a.jsonl (line 2): cannot import a.jsonl: line 2: not valid JSON"),
            "{}",
            msgs[1]
        );
        assert_eq!(msgs[2], "ok a.jsonl (line 3)");
        assert_eq!(
            msgs[3],
            "a.jsonl (line 4): cannot import a.jsonl: line 4: not valid UTF-8 (byte 14 of the line)"
        );
    }

    /// An endless input without a line end (`/dev/zero` named `x.jsonl`) stops after
    /// [`SKIP_LINES`] line limits with one failed row, instead of reading for ever.
    #[test]
    fn an_endless_line_stops_the_file() {
        let reader = Box::new(io::BufReader::new(io::repeat(0)));
        let mut lines = JsonLines::new(reader, meta(None), 100);
        let item = lines.next_item().unwrap();
        let (_, e) = item.input.err().unwrap();
        assert_eq!(
            format!("{e:#}"),
            "cannot import a.jsonl: line 1: no line end within 1600 bytes (is it JSON Lines?); the rest of the file is not read"
        );
        assert!(
            item.bytes >= 1600 && item.bytes < 1600 + 2 * 8192,
            "{}",
            item.bytes
        );
        assert!(lines.next_item().is_none());
    }

    #[test]
    fn a_byte_order_mark_starts_no_record() {
        let items = read(
            "\u{feff}{\"content\": \"أ.\"}\n\u{feff}{\"content\": \"ب.\"}\n",
            1000,
            None,
        );
        assert!(items[0].0.is_ok(), "{:?}", items[0].0);
        // Only at the start of the file.
        assert!(items[1].0.is_err());
    }

    #[test]
    fn a_file_of_blank_lines_has_no_articles() {
        let items = read("\n \n", 1000, None);
        assert_eq!(items.len(), 1);
        assert_eq!(
            items[0].0.as_ref().unwrap_err().1,
            "cannot import a.jsonl: no articles in it"
        );
        let items = read("", 1000, None);
        assert_eq!(
            items[0].0.as_ref().unwrap_err().1,
            "cannot import a.jsonl: the input is empty"
        );
    }
}
