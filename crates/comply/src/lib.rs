//! Agreements and compliance: what each party promised, and whether the
//! reports show it done, broken, late or still open.
//!
//! - [`agreement`]: agreement files (TOML; the schema is in
//!   `docs/agreements.md`), read and checked with errors that name the field
//!   and the line.
//! - [`observation`]: a coded event with the report it came from — what the
//!   engine reads, stored once per document.
//! - [`outlets`]: outlets' Admiralty grades, syndication and party ties.
//! - [`rules`]: the evidence rules of `data/comply/rules.tsv`.
//! - [`engine`]: the board of verdicts as of any day, and its history.
//! - `text`: what a sentence says without a parse — stems, place names
//!   across spellings, counts of things, violations and denials.
//! - [`cluster`]: one happening, many reports — events grouped across
//!   reports, copies counted once.
//! - [`draft`]: a first draft of an agreement file from the agreement's own
//!   text, for a person to review.
//!
//! PA-X codes what agreements say and ACLED, UCDP and GDELT what happened;
//! this crate links the two, so nothing comparable exists to reuse.

pub mod agreement;
pub mod cluster;
pub mod draft;
pub mod engine;
pub mod observation;
pub mod outlets;
pub mod rules;
mod text;

pub use agreement::{Agreement, AgreementError, Checked};
pub use cluster::{Happening, cluster};
pub use engine::{Board, Change, Status, Verdict, board, history};
pub use observation::Observation;
pub use outlets::Outlets;
pub use rules::Rules;
