//! Byte spans into a text.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `[start, end)` into a text.
///
/// Invariant: `start <= end`. Every constructor enforces it, so code that
/// receives a `Span` never has to check. Unless a field says otherwise, a
/// span indexes the *repaired* text of a [`Document`](crate::Document); the
/// document's [`OffsetMap`](crate::OffsetMap) takes it back to the original.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Builds a span; a reversed range is clamped to the empty span at `start`
    /// rather than panicking, because spans are computed from untrusted input.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }

    /// The empty span at `at`.
    pub fn empty(at: usize) -> Span {
        Span { start: at, end: at }
    }

    /// First byte.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The same span as a `Range`, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span moved right by `by` bytes.
    pub fn shift(self, by: usize) -> Span {
        Span { start: self.start + by, end: self.end + by }
    }

    /// The text this span covers, or `""` when it does not fall on character
    /// boundaries of `text` (never panics).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl TryFrom<[usize; 2]> for Span {
    type Error = String;
    fn try_from(v: [usize; 2]) -> Result<Span, String> {
        if v[0] > v[1] {
            return Err(format!("span start {} is after its end {}", v[0], v[1]));
        }
        Ok(Span { start: v[0], end: v[1] })
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> [usize; 2] {
        [s.start, s.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_range_is_clamped_not_panicking() {
        let s = Span::new(5, 2);
        assert_eq!((s.start(), s.end()), (5, 5));
        assert!(s.is_empty());
    }

    #[test]
    fn slicing_off_a_char_boundary_gives_empty_text() {
        let text = "△ caption";
        assert_eq!(Span::new(1, 3).slice(text), "");
        assert_eq!(Span::new(0, 3).slice(text), "△");
    }

    #[test]
    fn serializes_as_a_pair() {
        let json = serde_json::to_string(&Span::new(3, 7)).unwrap();
        assert_eq!(json, "[3,7]");
        let back: Span = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Span::new(3, 7));
        assert!(serde_json::from_str::<Span>("[7,3]").is_err());
    }
}
