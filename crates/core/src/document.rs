//! The annotated document and its layers.

use crate::{OffsetMap, Span};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A document's identity: the first 16 hex digits of the SHA-256 of its
/// decoded original text.
///
/// The hash is taken over the *decoded* text, not the bytes, so the same
/// report saved as UTF-8 and as UTF-16 is one document, and ingesting it
/// twice stores it once. Metadata does not enter the hash: the same story
/// from two URLs is still one text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    /// The id of a decoded original text.
    pub fn of_text(original: &str) -> DocId {
        let digest = Sha256::digest(original.as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        DocId(hex)
    }

    /// Wraps an id read back from storage or given by the user.
    pub fn from_string(id: String) -> DocId {
        DocId(id)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a document's bytes were before intake made text of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// An HTML page; the original text is the article extracted from it.
    Html,
    /// One line of a JSON Lines file; the original text is its `text` field.
    Jsonl,
}

/// Where a document came from and what its source says about it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// How the user named the input: a path, `path:LINE` for JSON Lines,
    /// or `-` for standard input.
    pub input: String,
    /// The form the bytes had.
    pub format: Format,
    /// The character encoding the bytes were decoded from (`UTF-8`,
    /// `windows-1251`, …).
    pub encoding: String,
    /// The id the source gave the document, if any (JSON Lines `id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Address of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publisher (`Reuters`, `TASS`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Publication date or time as the source wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The date later stages anchor relative time on (`YYYY-MM-DD`): the
    /// user's `--date`, else the source's publication date. `None` when
    /// neither is known; the dateline may still give a partial date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// ISO 639-1 language code, given or detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Title given by the source (HTML `<title>`, JSON Lines `title`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Kind of copy: `wire`, `official`, `mt-zh` (machine-translated from
    /// Chinese), … as the source labels it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
}

/// One change that repair made, for people reading the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// What kind of damage was repaired (`mojibake`, `entity`, `control`,
    /// `space`, `hyphenation`, `markup`, `nfc`, `newline`).
    pub kind: String,
    /// Bytes of the original text that were changed.
    pub original: Span,
    /// The original text there.
    pub before: String,
    /// What it became (before later stages changed it further).
    pub after: String,
}

/// The role a block of text plays in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A photo caption or credit, not body text.
    Caption,
    /// Body text.
    Paragraph,
    /// Page furniture left in the copy: navigation, share buttons, ad tags.
    Boilerplate,
}

/// A block of the document's layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Its role.
    pub kind: BlockKind,
    /// Its bytes in the repaired text.
    pub span: Span,
}

/// A piece of text with its span, used inside a [`Dateline`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// The bytes in the repaired text.
    pub span: Span,
    /// The text there.
    pub text: String,
}

/// The wire dateline that opens a story: `MOSCOW, Dec 3 (Reuters) -`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline, separator included.
    pub span: Span,
    /// Where the story was filed (`Moscow`, `United Nations`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Piece>,
    /// The date as written (`December 3rd`, `10.11.20`); the time layer
    /// normalizes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Piece>,
    /// The agency or reporter credit (`Reuters`, `TASS`, `Reporter Li Ming`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<Piece>,
}

/// The layout of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    /// Blocks in text order; every byte of body text is in one block.
    pub blocks: Vec<Block>,
    /// The dateline, if the story has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
}

impl Structure {
    /// The title block, if any.
    pub fn title(&self) -> Option<&Block> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Title)
    }

    /// Blocks of one kind.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (and inner hyphens, apostrophes or abbreviation dots).
    Word,
    /// Digits, with inner separators (`1,960`, `3.5`, `00:00`).
    Number,
    /// Punctuation.
    Punct,
    /// Anything else (symbols, emoji).
    Symbol,
}

/// A token of a sentence. Its text is `span.slice(&doc.text)`; it is not
/// copied, because a document has thousands of tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Its bytes in the repaired text.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

/// A sentence, with its tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Its bytes in the repaired text.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Index into [`Structure::blocks`] of the block it belongs to.
    pub block: usize,
    /// The role of that block, repeated here for convenience.
    pub block_kind: BlockKind,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
}

/// What a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A state, person or group that acts.
    Actor,
    /// An international or non-governmental organisation.
    Organisation,
    /// A place.
    Place,
    /// A generic agent (`troops`, `civilians`, `the foreign ministry`).
    Agent,
}

/// A mention of an actor, organisation, agent or place (filled by the
/// entities stage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Its bytes in the repaired text.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// What it refers to.
    pub kind: MentionKind,
    /// CAMEO actor code (`RUSGOV`, `IGOOSC`, `ARM`), when known; for a
    /// place, the code of the country it lies in.
    pub code: Option<String>,
    /// Canonical name of the entity (`Sergey Lavrov`, `Nagorno-Karabakh`),
    /// when linked.
    pub name: Option<String>,
    /// The country part of the code, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The sector part of the code (`GOV`, `MIL`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// A person's role (`foreign-minister`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For a mention of several actors at once (`the two sides`), their
    /// codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Mentions listed together (`Russia, the United States and France`)
    /// share a group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u32>,
    /// How sure the link is, 0 to 1.
    pub confidence: f32,
    /// Why it was linked so.
    pub reason: String,
}

/// A time expression (filled by the time stage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Its bytes in the repaired text.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// TIMEX3 value (`2020-12-03`, `PT72H`, `XXXX-12-03`).
    pub value: String,
    /// TIMEX3 modifier (`START`, `APPROX`, …), if any.
    pub modifier: Option<String>,
    /// The date it was anchored on, if it was relative.
    pub anchor: Option<String>,
    /// The UTC instant, when the expression names one.
    pub instant: Option<String>,
    /// For a date, the UTC interval `[start, end)` of that day in the zone
    /// of the places the document is about, when that zone is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<[String; 2]>,
    /// The zone a clock time was given in (`Europe/Moscow`, `+03:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Why the value is partial or how it was anchored, when worth saying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An actor of an event: who acted, or whom it was done to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// The words of the report.
    pub text: String,
    /// CAMEO actor code (`RUSGOV`), when known.
    pub code: Option<String>,
    /// Country part of the code.
    pub country: Option<String>,
    /// Sector part of the code.
    pub sector: Option<String>,
    /// Canonical name, when linked.
    pub name: Option<String>,
}

/// The sentence an event was read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence.
    pub text: String,
    /// Its bytes in the repaired text.
    pub span: Span,
}

/// Where an event happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    /// The words of the report.
    pub text: String,
    /// Canonical name.
    pub name: Option<String>,
    /// GeoNames id, when the gazetteer resolved it.
    pub geonameid: Option<u64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Country code.
    pub country: Option<String>,
    /// The first-level division it lies in (or is), by name, when known.
    #[serde(default)]
    pub admin1: Option<String>,
    /// `point`, `district`, `region` or `country`.
    pub precision: String,
}

/// A place name in the text, resolved to one place of the gazetteer
/// (filled by the places stage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Toponym {
    /// Its bytes in the repaired text.
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// `place` for a name of the place, `adjective` for a demonym or an
    /// adjective of it (`Turkish`), `metonym` for a place standing for its
    /// government (`Moscow said`), `in-name` for a place inside an
    /// organisation's name (`… Co-operation in Europe`), `zone` for a place
    /// naming a clock (`00:00 Beijing time`): only a `place` locates an
    /// event.
    pub role: String,
    /// The place's canonical name.
    pub name: String,
    /// GeoNames id, when GeoNames has the place.
    pub geonameid: Option<u64>,
    /// GeoNames feature code (`PCLI`, `ADM1`, `RGN`, `PPL`, `PPLC`, `CONT`).
    pub feature: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO 3166-1 alpha-3 code of its country, when it has one.
    pub country: Option<String>,
    /// Its first-level division, when it is a town.
    pub admin1: Option<String>,
    /// `point`, `region` or `country`.
    pub precision: String,
    /// How sure the resolution is, 0 to 1.
    pub confidence: f32,
    /// Why this place was chosen.
    pub reason: String,
}

/// A coded event (filled by the events stage), as the design's contract
/// lists its fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: document id and a number.
    pub id: String,
    /// The document's id.
    pub doc: String,
    /// Index of the sentence that supports it.
    pub sentence: usize,
    /// The supporting sentence.
    pub evidence: Evidence,
    /// The word that codes it (its verb or noun), as bytes of the
    /// repaired text: where its place phrase is looked for.
    #[serde(default)]
    pub trigger: Option<Span>,
    /// When it happened (TIMEX3 date value), when known.
    pub date: Option<String>,
    /// `day`, `month`, `year`, … of `date`.
    pub date_precision: Option<String>,
    /// UTC instant, when a clock time in a known zone was given.
    pub time: Option<String>,
    /// Who acted.
    pub source: Vec<EventActor>,
    /// Whom it was done to.
    pub target: Vec<EventActor>,
    /// CAMEO event code.
    pub cameo: String,
    /// Its two-digit root.
    pub cameo_root: String,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein scale value.
    pub goldstein: f32,
    /// PLOVER category, when the code has one.
    pub plover: Option<String>,
    /// `asserted`, `planned`, `requested`, `alleged`, `denied` or
    /// `hypothetical`.
    pub modality: String,
    /// Where it happened, when the sentence says.
    pub location: Option<EventLocation>,
    /// How sure the coding is, 0 to 1.
    pub confidence: f32,
}

/// A document with every layer the pipeline has filled so far.
///
/// Intake fills the text, structure, sentences and tokens; later stages
/// fill `mentions`, `timexes` and `events`. All spans index `text`, the
/// repaired text; `offsets` maps them back to `original`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of the original text.
    pub id: DocId,
    /// Where it came from.
    pub source: Source,
    /// The decoded text as it arrived, before any repair.
    pub original: String,
    /// The repaired text every span indexes.
    pub text: String,
    /// From `text` back to `original`.
    pub offsets: OffsetMap,
    /// What repair changed.
    pub repairs: Vec<Repair>,
    /// Title, dateline, captions, paragraphs.
    pub structure: Structure,
    /// Sentences with their tokens.
    pub sentences: Vec<Sentence>,
    /// Entity mentions.
    pub mentions: Vec<Mention>,
    /// Time expressions.
    pub timexes: Vec<Timex>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Place names found in the text and resolved on the gazetteer.
    #[serde(default)]
    pub toponyms: Vec<Toponym>,
}

impl Document {
    /// The original text behind a span of the repaired text.
    pub fn original_text(&self, span: Span) -> &str {
        self.offsets.to_original(span).slice(&self.original)
    }

    /// Sentences of body text (not title, caption or boilerplate).
    pub fn body_sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences.iter().filter(|s| s.block_kind == BlockKind::Paragraph)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_depends_on_text_only() {
        let a = DocId::of_text("Ceasefire holds in the north.");
        assert_eq!(a, DocId::of_text("Ceasefire holds in the north."));
        assert_ne!(a, DocId::of_text("Ceasefire broken in the north."));
        assert_eq!(a.as_str().len(), 16);
    }
}
