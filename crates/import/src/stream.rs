//! The streaming import: an article's claims handed to the caller one by one, in bounded memory
//! (issue #14 item 1: a 50 MB article imports without holding its claims).
//!
//! Two passes over the paragraphs, as before: pass 1 finds the persons named in full (for the
//! surname rule), pass 2 makes the claims. What pass 1 learns of a paragraph (its sentences,
//! tokens, entities and diagnostics) is kept for pass 2 only while the paragraphs kept so far hold
//! at most [`CACHE_BYTES`] of text, so a news article is segmented, tokenised and read for
//! entities once, exactly as before; beyond that budget pass 2 segments, tokenises and extracts
//! again (a giant article costs up to twice the work, never more memory). The claimant pass runs
//! per sentence ([`crate::claimant::Claimants`]); each claim goes to the caller as soon as its
//! sentence is done.

use claimtrack_model::{Article, Entity, EntityKind, ExtractedClaim};

use crate::claimant::Claimants;
use crate::{
    entities, lang, score, segment, structure, text, Diagnostic, ImportError, ImportOptions,
};

/// Text (bytes of paragraphs) whose pass-1 results are kept for pass 2. 256 KiB keeps any news
/// article whole (the SaudiNewsNet sample's largest is ~60 KB) and bounds the cache to a few MB
/// (about 20 bytes of tokens and entities per byte of text).
pub(crate) const CACHE_BYTES: usize = 256 * 1024;

/// Why a streaming import stopped: the input could not be imported, or a callback failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportStreamError<E> {
    /// The input has nothing to import; no callback was called.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// `on_article` or `on_claim` returned this error; the import stopped there (the claims after
    /// it were not made).
    #[error("{0}")]
    Callback(E),
}

/// What pass 1 learnt of one sentence, kept for pass 2 while within [`CACHE_BYTES`].
struct Read {
    sentence: segment::Sentence,
    tokens: Vec<text::Token>,
    entities: Vec<Entity>,
    diagnostics: Vec<Diagnostic>,
}

/// Imports one article as a stream: `on_article` gets the article's metadata first (a store
/// writes the article row before its claims), then `on_claim` each claim candidate in text order;
/// returns the diagnostics. The article, claims and diagnostics are exactly those of
/// [`crate::import`] (which is this function collecting them).
///
/// `text` is kept byte for byte in [`Article::text`]; every span indexes it. Memory: the text, its
/// copy in the article (dropped once `on_article` returns), the paragraph and heading spans, the
/// persons named in full, the diagnostics, at most [`CACHE_BYTES`] of paragraphs' pass-1 results,
/// and one paragraph's segmentation (6 bytes per character of that paragraph and 40 per
/// sentence: a 50 MB single-line article peaks near 185 MB RSS, see the `giant_article` example);
/// never more than one sentence's claims and tokens at a time.
///
/// # Errors
/// [`ImportStreamError::Import`] with [`ImportError::Empty`] or [`ImportError::NoSentences`] (as
/// [`crate::import`]) before any callback is called; [`ImportStreamError::Callback`] with the first
/// error a callback returns (no callback is called after it).
pub fn import_with<E>(
    text: &str,
    opts: &ImportOptions,
    on_article: impl FnOnce(&Article) -> Result<(), E>,
    on_claim: impl FnMut(ExtractedClaim) -> Result<(), E>,
) -> Result<Vec<Diagnostic>, ImportStreamError<E>> {
    import_within(text, opts, CACHE_BYTES, on_article, on_claim)
}

/// [`import_with`] with a pass-1 cache of `cache_bytes` (tests force the re-reading path with 0).
pub(crate) fn import_within<E>(
    text: &str,
    opts: &ImportOptions,
    cache_bytes: usize,
    on_article: impl FnOnce(&Article) -> Result<(), E>,
    mut on_claim: impl FnMut(ExtractedClaim) -> Result<(), E>,
) -> Result<Vec<Diagnostic>, ImportStreamError<E>> {
    if text
        .trim_matches(|c: char| c.is_whitespace() || text::is_format(c))
        .is_empty()
    {
        return Err(ImportError::Empty.into());
    }
    let st = structure::analyse(text);
    let language = lang::detect(text);
    let mut ctx = entities::ArticleContext {
        published: opts.published,
        language: language.clone(),
        ..Default::default()
    };

    // Pass 1: persons named in full anywhere, so that surname-only mentions are found in pass 2.
    // The pass-1 reads of the first paragraphs, while they fit in `cache_bytes`.
    let mut cache: Vec<Vec<Read>> = Vec::new();
    let mut cached_bytes = 0;
    let mut caching = true;
    let mut persons: Vec<Entity> = Vec::new();
    let mut any_sentence = false;
    for p in &st.paragraphs {
        caching = caching && cached_bytes + (p.end - p.start) <= cache_bytes;
        let keep = caching;
        let mut reads = Vec::new();
        for sentence in segment::split(text, *p) {
            any_sentence = true;
            let tokens = text::tokenize(text, sentence.span.start, sentence.span.end);
            let mut diagnostics = Vec::new();
            let entities = entities::extract(text, &tokens, &ctx, &mut diagnostics);
            persons.extend(
                entities
                    .iter()
                    .filter(|e| e.kind == EntityKind::Person)
                    .cloned(),
            );
            if keep {
                reads.push(Read {
                    sentence,
                    tokens,
                    entities,
                    diagnostics,
                });
            }
        }
        if keep {
            cached_bytes += p.end - p.start;
            cache.push(reads);
        }
    }
    if !any_sentence {
        return Err(ImportError::NoSentences("metadata lines").into());
    }
    if !text.chars().any(crate::has_content) {
        return Err(ImportError::NoSentences("marks and punctuation, no letter or digit").into());
    }
    let mut diagnostics = heading_diagnostics(&st);
    let surnames = entities::collect_surnames(&persons);
    drop(persons);
    // Pass 1's context, for sentences read again that mention no surname (their pass-1 reading).
    let plain = entities::ArticleContext {
        published: opts.published,
        language: language.clone(),
        ..Default::default()
    };
    ctx.surnames = surnames;

    let article = Article {
        sha256: crate::sha256_hex(text),
        text: text.to_string(),
        title: opts.title.clone(),
        url: opts.url.clone(),
        language,
        published: opts.published,
        dateline: st.dateline,
        author: opts.author.clone().or(st.author),
        agency: st.agency,
        headings: st.headings,
    };
    on_article(&article).map_err(ImportStreamError::Callback)?;
    drop(article);

    // Pass 2: only a sentence that mentions one of those surnames can read differently now; the
    // others keep their pass-1 entities (extraction is the costliest step of an import).
    let mut claimants = Claimants::default();
    let mut group = Group::default();
    let mut cache = cache.into_iter();
    for p in &st.paragraphs {
        // A paragraph beyond the cache is segmented again and each sentence tokenised as its
        // turn comes, so only one sentence's tokens are held.
        let (reads, cached): (Box<dyn Iterator<Item = Read>>, bool) = match cache.next() {
            Some(reads) => (Box::new(reads.into_iter()), true),
            None => (
                Box::new(segment::split(text, *p).into_iter().map(|sentence| Read {
                    tokens: text::tokenize(text, sentence.span.start, sentence.span.end),
                    sentence,
                    entities: Vec::new(),
                    diagnostics: Vec::new(),
                })),
                false,
            ),
        };
        for read in reads {
            let Read {
                sentence: s,
                tokens: t,
                entities: first,
                diagnostics: first_diags,
            } = read;
            let entities = if entities::mentions_surname(&t, &ctx) {
                entities::extract(text, &t, &ctx, &mut diagnostics)
            } else if cached {
                diagnostics.extend(first_diags);
                first
            } else {
                entities::extract(text, &t, &plain, &mut diagnostics)
            };
            let a = score::assess(&text[s.span.start..s.span.end], &t, &entities, s.terminator);
            let claim = ExtractedClaim {
                text: text[s.span.start..s.span.end].to_string(),
                span: s.span,
                context_span: s.context,
                score: a.score,
                check_worthy: a.check_worthy,
                kind: a.kind,
                reasons: a.reasons,
                entities,
                claimant: None,
            };
            if group
                .claims
                .first()
                .is_some_and(|c| c.context_span != s.context)
            {
                group.flush(text, &mut claimants, &mut on_claim)?;
            }
            if group.claims.is_empty() {
                group.tokens = Some(t);
            }
            group.claims.push(claim);
        }
    }
    group.flush(text, &mut claimants, &mut on_claim)?;
    Ok(diagnostics)
}

/// The claims of one sentence, waiting for the claimant pass, and the tokens of the first one.
#[derive(Default)]
struct Group {
    claims: Vec<ExtractedClaim>,
    tokens: Option<Vec<text::Token>>,
}

impl Group {
    /// Gives the group's claims their claimants, hands them to `on_claim` in order and empties
    /// the group.
    fn flush<E>(
        &mut self,
        text: &str,
        claimants: &mut Claimants,
        on_claim: &mut impl FnMut(ExtractedClaim) -> Result<(), E>,
    ) -> Result<(), ImportStreamError<E>> {
        claimants.sentence(text, &mut self.claims, self.tokens.as_deref());
        self.tokens = None;
        for claim in self.claims.drain(..) {
            on_claim(claim).map_err(ImportStreamError::Callback)?;
        }
        Ok(())
    }
}

/// Headings are metadata, never claims; say so when one reads like a check-worthy statement of
/// fact, so that nothing checkable is dropped silently.
fn heading_diagnostics(st: &structure::Structure) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (h, span) in st.headings.iter().zip(&st.heading_spans) {
        let a = crate::assess_text(h);
        // A statement of fact: a quantity or date with an event or reported speech.
        let r = |x: claimtrack_model::Reason| a.reasons.contains(&x);
        use claimtrack_model::Reason::{Date, EventVerb, Number, Quantity, ReportedSpeech};
        let factual = (r(Number) || r(Quantity) || r(Date)) && (r(EventVerb) || r(ReportedSpeech));
        if a.check_worthy && factual {
            diagnostics.push(Diagnostic {
                span: Some(*span),
                message: format!(
                    "'{h}' was read as a sub-heading (a short line without final punctuation) but reads like a check-worthy claim (score {:.2}); end it with a full stop (or separate it from the heading with a blank line) to import it as a claim",
                    a.score
                ),
            });
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Everything a streaming import hands on, collected: (article, claims, diagnostics).
    type Streamed = (Option<Article>, Vec<ExtractedClaim>, Vec<Diagnostic>);

    fn stream(text: &str, opts: &ImportOptions, cache_bytes: usize) -> Streamed {
        let mut article = None;
        let mut claims = Vec::new();
        let diagnostics = import_within(
            text,
            opts,
            cache_bytes,
            |a| {
                article = Some(a.clone());
                Ok::<(), ()>(())
            },
            |c| {
                claims.push(c);
                Ok(())
            },
        )
        .expect("imports");
        (article, claims, diagnostics)
    }

    /// The article texts of the repository: the seeds and the gold and held-out fixtures.
    fn repository_articles() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut out = Vec::new();
        for dir in ["seeds", "tests/fixtures/gold", "tests/fixtures/heldout"] {
            let dir = root.join(dir);
            let mut paths: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .map(|e| e.expect("a directory entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).expect("UTF-8 article");
                out.push((p.display().to_string(), text));
            }
        }
        out
    }

    /// Generated shapes: one long paragraph, many short lines, a person named in full at the end
    /// and by surname before (pass 2 reads differently), quotations across sentences and
    /// paragraphs, clauses cut from one sentence.
    fn generated_articles() -> Vec<(String, String)> {
        let sentence =
            "قال الوزير إن النمو بلغ 3.5 في المائة سنة 2019 حسب المندوبية السامية للتخطيط. ";
        vec![
            ("one paragraph".into(), sentence.repeat(200)),
            (
                "short lines".into(),
                (0..500).map(|k| format!("بلغ {k}.\n")).collect(),
            ),
            (
                "surname before the full name".into(),
                format!(
                    "{}وأكد حموشي أن 300 شرطي شاركوا في العملية.\n\n{}وقال عبد اللطيف حموشي إن الأمن استتب.\n",
                    sentence.repeat(40),
                    "وأضافت وزارة الداخلية أن 12 شخصا اعتقلوا. ".repeat(30)
                ),
            ),
            (
                "quotations and clauses".into(),
                "قال وزير الخارجية ناصر بوريطة: «سنواصل العمل. لن نتراجع عن 3 قرارات.» وأضاف أن المغرب صدر 20 طنا، في حين استورد 10 أطنان.\n\n“بلغ العجز 5 في المائة. وارتفع الدين.”\nوقالت الوزارة إن 7 مدارس أغلقت.\n"
                    .repeat(60),
            ),
        ]
    }

    /// The streaming path reading every paragraph twice (no pass-1 cache) hands on exactly what
    /// `import` returns (pass-1 results kept): the same article, claims (claimants included) and
    /// diagnostics in the same order, on the repository's articles and generated shapes.
    #[test]
    fn streaming_without_cache_equals_import() {
        let published = chrono::NaiveDate::from_ymd_opt(2021, 6, 15);
        let mut compared = 0;
        for (name, text) in repository_articles()
            .into_iter()
            .chain(generated_articles())
        {
            for published in [None, published] {
                let opts = ImportOptions {
                    published,
                    title: Some("t".into()),
                    ..Default::default()
                };
                let whole = crate::import(&text, &opts).expect("imports");
                assert!(!whole.claims.is_empty(), "{name}: no claims");
                let (article, claims, diagnostics) = stream(&text, &opts, 0);
                assert_eq!(article.as_ref(), Some(&whole.article), "{name}: article");
                assert_eq!(claims, whole.claims, "{name}: claims");
                assert_eq!(diagnostics, whole.diagnostics, "{name}: diagnostics");
                // A cache that holds some paragraphs and not the rest.
                let half = stream(&text, &opts, text.len() / 2);
                assert_eq!(half.1, whole.claims, "{name}: claims, half cached");
                assert_eq!(
                    half.2, whole.diagnostics,
                    "{name}: diagnostics, half cached"
                );
                compared += 1;
            }
        }
        assert!(compared >= 20, "only {compared} articles compared");
    }

    /// The surname rule changes the generated article's reading in pass 2, so the comparison
    /// above covers the re-extraction path (a guard against a shape that no longer exercises it).
    #[test]
    fn surname_shape_uses_the_second_reading() {
        let (_, text) = generated_articles().swap_remove(2);
        let imported = crate::import(&text, &ImportOptions::default()).expect("imports");
        let claim = imported
            .claims
            .iter()
            .find(|c| c.text.contains("وأكد حموشي"))
            .expect("the surname claim");
        assert!(
            claim
                .entities
                .iter()
                .any(|e| e.kind == EntityKind::Person && e.text == "حموشي"),
            "surname not found: {:?}",
            claim.entities
        );
    }

    /// A callback's error stops the import at once: no claim is made after it, and the error
    /// comes back as `Callback`; an error from `on_article` means no claim at all.
    #[test]
    fn a_callback_error_stops_the_import() {
        let text = "بلغ 1.\nبلغ 2.\nبلغ 3.\nبلغ 4.\n";
        let mut seen = 0;
        let r = import_with(
            text,
            &ImportOptions::default(),
            |_| Ok(()),
            |_| {
                seen += 1;
                if seen == 2 {
                    Err("disk full")
                } else {
                    Ok(())
                }
            },
        );
        assert!(matches!(r, Err(ImportStreamError::Callback("disk full"))));
        assert_eq!(seen, 2);
        let mut claims = 0;
        let r = import_with(
            text,
            &ImportOptions::default(),
            |_| Err("refused"),
            |_| {
                claims += 1;
                Ok(())
            },
        );
        assert!(matches!(r, Err(ImportStreamError::Callback("refused"))));
        assert_eq!(claims, 0);
    }

    /// Input with nothing to import fails before any callback, with `import`'s errors.
    #[test]
    fn bad_input_fails_before_any_callback() {
        for (text, want) in [
            ("  \n\t", ImportError::Empty),
            (
                "ـــ ًٌ ..",
                ImportError::NoSentences("marks and punctuation, no letter or digit"),
            ),
        ] {
            let mut called = false;
            let r = import_with(
                text,
                &ImportOptions::default(),
                |_| {
                    called = true;
                    Ok::<(), ()>(())
                },
                |_| Ok(()),
            );
            match r {
                Err(ImportStreamError::Import(e)) => assert_eq!(e, want, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
            assert!(!called, "{text:?}: on_article called");
            assert_eq!(
                crate::import(text, &ImportOptions::default()).err(),
                Some(want)
            );
        }
    }
}
