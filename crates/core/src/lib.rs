//! The shared vocabulary of truce: the annotated [`Document`], byte
//! [`Span`]s, and the [`OffsetMap`] that takes every span of repaired text
//! back to the original.
//!
//! Every stage of the pipeline (intake, entities, time, events, places)
//! depends on this crate, and this crate depends on none of them, so it
//! changes rarely. A stage is a plain function that takes a `Document` and
//! fills one more layer of it; data flows one way.
//!
//! ```
//! use truce_core::{OffsetMap, Rewriter, Span};
//!
//! // A repair stage rewrites text and records each change.
//! let original = "Armenia&#8217;s army";
//! let mut w = Rewriter::new(original);
//! w.replace(Span::new(7, 14), "\u{2019}");
//! let (text, map) = w.finish();
//! assert_eq!(text, "Armenia’s army");
//!
//! // Any span of the repaired text maps back to the original bytes.
//! let army = Span::new(12, 16);
//! assert_eq!(army.slice(&text), "army");
//! assert_eq!(map.to_original(army).slice(original), "army");
//! # let _ = OffsetMap::identity(0);
//! ```

mod document;
mod offsets;
mod span;

pub use document::{
    Block, BlockKind, Dateline, DocId, Document, Event, EventActor, EventLocation, Evidence, Format, Mention,
    MentionKind, Piece, Repair, Sentence, Source, Structure, Timex, Token, TokenKind, Toponym,
};
pub use offsets::{Edit, OffsetMap, Rewriter};
pub use span::Span;
