//! Intake: turns what a user has (wire copy, web pages, JSON Lines exports,
//! mis-encoded files) into a [`Document`] with clean text, layout,
//! sentences and tokens, without losing where any character came from.
//!
//! The stages, each a plain function, in the order they run:
//!
//! | stage | module | does |
//! |---|---|---|
//! | decode | [`decode`] | bytes → text: BOMs, UTF-8, UTF-16, detected legacy encodings |
//! | extract | [`html`] | HTML page → article title and paragraphs |
//! | repair | [`repair`] | mojibake, entities, stray tags, controls, spaces, hyphenation, NFC; every change in the offset map |
//! | structure | [`structure()`] | paragraphs, title, captions, page furniture, dateline |
//! | sentences | [`sentences`] | sentence spans, abbreviation-aware |
//! | tokens | [`tokens`] | word, number, punctuation tokens |
//!
//! The rules they use (abbreviations, layout cues, month names, entities)
//! are text files under `data/text/`, embedded at build time.
//!
//! ```
//! use truce_core::{BlockKind, Source};
//! use truce_text::{annotate, Options};
//!
//! let original = "â–³Monitors at a checkpoint, source: AFP\n\nGeneva, March 4th The talks resumed.";
//! let doc = annotate(original.to_owned(), Source::default(), &Options::default()).unwrap();
//! assert!(doc.text.starts_with("△Monitors"));
//! assert_eq!(doc.structure.blocks[0].kind, BlockKind::Caption);
//! assert_eq!(doc.structure.dateline.as_ref().unwrap().place.as_ref().unwrap().text, "Geneva");
//! assert_eq!(doc.body_sentences().count(), 1);
//! ```

pub mod decode;
pub mod html;
pub mod repair;
pub mod sentences;
pub mod tokens;

mod data;
mod dateline;
mod input;
mod structure;

pub use data::DataError;
pub use input::{RawDocument, read_jsonl, read_paths};
pub use structure::structure;

use foldhash::HashMap;
use std::sync::LazyLock;
use truce_core::{BlockKind, DocId, Document, Format, Sentence, Source};

/// Settings for intake.
#[derive(Debug, Clone)]
pub struct Options {
    /// The document date (`YYYY-MM-DD`) to use instead of the source's.
    pub date: Option<String>,
    /// Largest document accepted, in bytes.
    pub max_bytes: usize,
}

/// The default size limit: 16 MiB, far above any report (a long wire story
/// is 10 KB), low enough that a stray disk image is refused quickly.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

impl Default for Options {
    fn default() -> Options {
        Options { date: None, max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// A document that could not be taken in: which input, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input}: {reason}")]
pub struct IntakeError {
    /// The input, as the user named it (`path`, `path:LINE`, `-`).
    pub input: String,
    /// Why it failed.
    pub reason: Reason,
}

/// Why an input failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    /// It could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// It is not text.
    #[error("{0}")]
    Binary(#[from] decode::DecodeError),
    /// It holds no text.
    #[error("empty document: no text after repair")]
    Empty,
    /// It is over the size limit.
    #[error("too large: {size} bytes, the limit is {limit} (set it with --max-size)")]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A JSON Lines record is malformed.
    #[error("bad JSON Lines record: {0}")]
    Json(String),
}

/// Takes in one raw document: decode, extract (HTML), then [`annotate`].
pub fn intake_bytes(raw: RawDocument, options: &Options) -> Result<Document, IntakeError> {
    let RawDocument { name, bytes, format, mut source } = raw;
    let err = |reason| IntakeError { input: name.clone(), reason };
    if bytes.len() > options.max_bytes {
        return Err(err(Reason::TooLarge { size: bytes.len() as u64, limit: options.max_bytes as u64 }));
    }
    let format = format.unwrap_or_else(|| input::sniff(&bytes));
    let decoded = decode::decode_owned(bytes).map_err(|e| err(Reason::Binary(e)))?;
    source.input = name.clone();
    source.encoding = decoded.encoding.to_owned();
    if format == Format::Jsonl {
        // JSON Lines given as one blob (standard input): the first record.
        let mut out = None;
        for (i, line) in decoded.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let doc = input::jsonl_line(line.as_bytes(), format!("{}:{}", name, i + 1), options);
            out.get_or_insert(doc);
        }
        return out.unwrap_or_else(|| Err(err(Reason::Empty)));
    }
    let text = if format == Format::Html {
        let article = html::extract(&decoded.text);
        source.title = source.title.or(article.title);
        source.published = source.published.or(article.published);
        source.language = source.language.or(article.language.map(|l| l.chars().take(2).collect()));
        article.text
    } else {
        decoded.text
    };
    source.format = format;
    let mut doc = annotate(text, source, options).map_err(err)?;
    doc.source.encoding = decoded.encoding.to_owned();
    Ok(doc)
}

/// Builds the annotated document from decoded text: repair, structure,
/// sentences, tokens. Fills in the document date and language.
pub fn annotate(original: String, mut source: Source, options: &Options) -> Result<Document, Reason> {
    let repaired = repair::repair(&original);
    if repaired.text.trim().is_empty() {
        return Err(Reason::Empty);
    }
    if source.encoding.is_empty() {
        source.encoding = "UTF-8".into();
    }
    source.date =
        options.date.clone().or(source.date.take()).or_else(|| source.published.as_deref().and_then(iso_date));
    if source.language.is_none() {
        source.language = detect_language(&repaired.text);
    }
    let text = repaired.text;
    let structure = structure::structure(&text, source.title.as_deref());
    let mut sentences = Vec::new();
    for (index, block) in structure.blocks.iter().enumerate() {
        if block.kind == BlockKind::Boilerplate {
            continue;
        }
        for span in sentences::split(&text, block.span) {
            sentences.push(Sentence {
                span,
                text: span.slice(&text).to_owned(),
                block: index,
                block_kind: block.kind,
                tokens: tokens::tokenize(&text, span),
            });
        }
    }
    Ok(Document {
        id: DocId::of_text(&original),
        source,
        offsets: repaired.map,
        repairs: repaired.repairs,
        original,
        text,
        structure,
        sentences,
        mentions: Vec::new(),
        timexes: Vec::new(),
        events: Vec::new(),
        toponyms: Vec::new(),
    })
}

/// `2020-11-10`, `2020-11-10T21:00:00Z` → `2020-11-10`.
fn iso_date(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape {
        return None;
    }
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| d.to_owned())
}

static LANGUAGE_CODES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let rows = data::LANGUAGES.rows(2).expect("embedded language table is checked by tests");
    rows.into_iter().map(|(_, f)| (f[0], f[1])).collect()
});

static LANGUAGE_CUES: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let rows = data::LANGUAGE_CUES.rows(2).expect("embedded language cues are checked by tests");
    let mut cues: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
    for (_, f) in rows {
        cues.entry(f[1]).or_default().push(f[0]);
    }
    cues
});

/// The language of `text` as an ISO 639-1 code, when detection is sure.
///
/// Function words decide first (`data/text/language-cues.txt`): counting
/// them costs far less than statistical detection, which takes a fixed
/// ~70 µs a call, as much as the rest of intake for a short report.
fn detect_language(text: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut words = 0usize;
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(200) {
        words += 1;
        if word.chars().count() > 5 {
            continue;
        }
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        for lang in LANGUAGE_CUES.get(lower.as_str()).into_iter().flatten() {
            *counts.entry(lang).or_default() += 1;
        }
    }
    let best = counts.iter().max_by_key(|&(lang, n)| (*n, std::cmp::Reverse(*lang)));
    if let Some((lang, &n)) = best {
        let second = counts.iter().filter(|(l, _)| *l != lang).map(|(_, n)| *n).max().unwrap_or(0);
        if n * 10 >= words && n >= 2 * second.max(1) {
            return Some((*lang).to_owned());
        }
    }
    let sample = &text[..text.floor_char_boundary(text.len().min(400))];
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    Some(LANGUAGE_CODES.get(code).copied().unwrap_or(code).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_data_file_parses() {
        for file in data::ALL {
            let entries: Vec<_> = file.entries().collect();
            assert!(!entries.is_empty(), "{} is empty", file.name);
        }
        data::HTML_ENTITIES.rows(2).unwrap();
        data::MARKUP.rows(2).unwrap();
        data::ABBREVIATIONS.rows(2).unwrap();
        data::MONTHS.rows(2).unwrap();
        data::LANGUAGES.rows(2).unwrap();
        data::LAYOUT.rows(2).unwrap();
        data::LANGUAGE_CUES.rows(2).unwrap();
        assert!(LazyLock::force(&structure::CUES).caption_marks.contains(&'△'));
        assert_eq!(sentences::ABBREVIATIONS.len(), data::ABBREVIATIONS.entries().count());
        for (_, f) in data::HTML_ENTITIES.rows(2).unwrap() {
            assert!(repair::parse_codepoint_for_tests(f[1]).is_some(), "{f:?}");
        }
    }

    #[test]
    fn document_dates_come_from_options_then_source() {
        let source = Source { published: Some("2020-11-10T09:00:00Z".into()), ..Default::default() };
        let doc = annotate("Text here.".into(), source.clone(), &Options::default()).unwrap();
        assert_eq!(doc.source.date.as_deref(), Some("2020-11-10"));
        let opts = Options { date: Some("2020-12-03".into()), ..Default::default() };
        assert_eq!(annotate("Text here.".into(), source, &opts).unwrap().source.date.as_deref(), Some("2020-12-03"));
        assert_eq!(iso_date("10 November"), None);
        assert_eq!(iso_date("2020-13-01"), None);
        // A fuzzer finding: a multi-byte character inside the date.
        assert_eq!(iso_date("2022-0ЭЭ"), None);
    }

    #[test]
    fn language_is_detected() {
        let doc = annotate(
            "Министерство обороны заявило, что перемирие в целом соблюдается на всей линии соприкосновения.".into(),
            Source::default(),
            &Options::default(),
        )
        .unwrap();
        assert_eq!(doc.source.language.as_deref(), Some("ru"));
        for (text, lang) in [
            ("The ministry said that the truce was holding in the north of the country.", "en"),
            ("Le ministère a déclaré que la trêve était respectée dans le nord du pays.", "fr"),
            ("Հայաստանի ԱԳՆ-ն հայտարարեց հրադադարի մասին, որը խախտվել է գիշերը։", "hy"),
            ("外交部发言人表示，双方应当遵守停火协议，尽快恢复谈判。", "zh"),
        ] {
            assert_eq!(detect_language(text).as_deref(), Some(lang), "{text}");
        }
    }

    #[test]
    fn whitespace_only_text_is_an_error() {
        assert_eq!(annotate(" \n\u{200b}\n ".into(), Source::default(), &Options::default()), Err(Reason::Empty));
    }
}
