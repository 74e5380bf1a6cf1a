//! The alignment between a repaired text and the original it came from.
//!
//! Repair rewrites text (mojibake fixed, entities decoded, controls dropped,
//! whitespace normalized), yet every coded event must quote its evidence from
//! the original word for word. An [`OffsetMap`] keeps the way back.
//!
//! Rather than one entry per byte (as `tokenizers`' `NormalizedString` does),
//! the map stores only the *edits*: each edit says that the original bytes
//! `old` became the repaired bytes `new`. Between edits the two texts are
//! identical, so offsets there differ by a constant. A document with three
//! repairs costs three entries, whatever its length.
//!
//! Stages produce edits with a [`Rewriter`]; [`OffsetMap::compose`] chains
//! the map of one stage after the map of the stages before it, so the
//! document keeps a single map from its final text to its original.

use crate::Span;
use serde::{Deserialize, Serialize};

/// One change: original bytes `old` became repaired bytes `new`.
///
/// Either side may be empty: an empty `new` is a deletion, an empty `old` an
/// insertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "[usize; 4]", into = "[usize; 4]")]
pub struct Edit {
    /// Bytes of the original text.
    pub old: Span,
    /// Bytes of the repaired text.
    pub new: Span,
}

impl From<[usize; 4]> for Edit {
    fn from(v: [usize; 4]) -> Edit {
        Edit { old: Span::new(v[0], v[1]), new: Span::new(v[2], v[3]) }
    }
}

impl From<Edit> for [usize; 4] {
    fn from(e: Edit) -> [usize; 4] {
        [e.old.start(), e.old.end(), e.new.start(), e.new.end()]
    }
}

/// Maps byte offsets of a repaired text back to its original, and forward.
///
/// Invariants (checked by [`OffsetMap::new`]): edits are sorted and do not
/// overlap on either side, and the unchanged stretches between them have the
/// same length on both sides.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawMap", into = "RawMap")]
pub struct OffsetMap {
    original_len: usize,
    text_len: usize,
    edits: Vec<Edit>,
}

#[derive(Serialize, Deserialize)]
struct RawMap {
    original_len: usize,
    text_len: usize,
    /// `[old_start, old_end, new_start, new_end]` for each edit.
    edits: Vec<Edit>,
}

impl TryFrom<RawMap> for OffsetMap {
    type Error = String;
    fn try_from(raw: RawMap) -> Result<OffsetMap, String> {
        OffsetMap::new(raw.original_len, raw.text_len, raw.edits)
    }
}

impl From<OffsetMap> for RawMap {
    fn from(m: OffsetMap) -> RawMap {
        RawMap { original_len: m.original_len, text_len: m.text_len, edits: m.edits }
    }
}

/// Which side of the edits an offset is read from.
#[derive(Clone, Copy)]
enum Side {
    /// Offsets of the repaired text, mapped to the original.
    New,
    /// Offsets of the original text, mapped to the repaired one.
    Old,
}

impl Side {
    fn from(self, e: &Edit) -> Span {
        match self {
            Side::New => e.new,
            Side::Old => e.old,
        }
    }
    fn to(self, e: &Edit) -> Span {
        match self {
            Side::New => e.old,
            Side::Old => e.new,
        }
    }
}

impl OffsetMap {
    /// The map of a text that was not changed.
    pub fn identity(len: usize) -> OffsetMap {
        OffsetMap { original_len: len, text_len: len, edits: Vec::new() }
    }

    /// Builds a map from its edits, checking the invariants.
    pub fn new(original_len: usize, text_len: usize, edits: Vec<Edit>) -> Result<OffsetMap, String> {
        let (mut old_at, mut new_at) = (0usize, 0usize);
        for (i, e) in edits.iter().enumerate() {
            if e.old.start() < old_at || e.new.start() < new_at {
                return Err(format!("edit {i} overlaps or precedes the edit before it"));
            }
            if e.old.start() - old_at != e.new.start() - new_at {
                return Err(format!("unchanged stretch before edit {i} differs in length"));
            }
            old_at = e.old.end();
            new_at = e.new.end();
        }
        if original_len < old_at || text_len < new_at || original_len - old_at != text_len - new_at {
            return Err("unchanged stretch after the last edit differs in length".into());
        }
        Ok(OffsetMap { original_len, text_len, edits })
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Length of the repaired text in bytes.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// The edits, in order.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// True when the repaired text is the original.
    pub fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    fn len_of(&self, side: Side) -> (usize, usize) {
        match side {
            Side::New => (self.text_len, self.original_len),
            Side::Old => (self.original_len, self.text_len),
        }
    }

    /// The edit that strictly contains `p` on `side`, if any.
    fn inside(&self, side: Side, p: usize) -> Option<&Edit> {
        let k = self.edits.partition_point(|e| side.from(e).end() <= p);
        self.edits.get(k).filter(|e| side.from(e).start() < p)
    }

    /// Maps `p` through the unchanged stretch it lies in, counting from the
    /// edit before it (so a deletion at `p` is already behind).
    fn after_edits_at(&self, side: Side, p: usize) -> usize {
        let k = self.edits.partition_point(|e| side.from(e).end() <= p);
        match k.checked_sub(1).map(|i| &self.edits[i]) {
            None => p,
            Some(e) => side.to(e).end() + (p - side.from(e).end()),
        }
    }

    /// Maps `p` through the unchanged stretch it lies in, counting back from
    /// the edit after it (so a deletion at `p` is still ahead).
    fn before_edits_at(&self, side: Side, p: usize) -> usize {
        let k = self.edits.partition_point(|e| side.from(e).start() < p);
        match self.edits.get(k) {
            None => {
                let (from_len, to_len) = self.len_of(side);
                to_len.saturating_sub(from_len.saturating_sub(p))
            }
            Some(e) => side.to(e).start().saturating_sub(side.from(e).start() - p),
        }
    }

    /// Maps a span tightly: bytes deleted or inserted right at its edges are
    /// left out, and a boundary inside an edit widens to the whole edit.
    fn map_tight(&self, side: Side, span: Span) -> Span {
        let start = match self.inside(side, span.start()) {
            Some(e) => side.to(e).start(),
            None => self.after_edits_at(side, span.start()),
        };
        let end = match self.inside(side, span.end()) {
            Some(e) => side.to(e).end(),
            None => self.before_edits_at(side, span.end()),
        };
        Span::new(start, end.max(start))
    }

    /// Maps a span loosely: edits that overlap it, and empty edits on its
    /// edges, are taken in whole. Used by [`OffsetMap::compose`], whose
    /// groups already contain every edit that touches them that way.
    fn map_loose(&self, side: Side, span: Span) -> Span {
        let mut start = self.before_edits_at(side, span.start());
        let mut end = self.after_edits_at(side, span.end());
        let first = self.edits.partition_point(|e| side.from(e).end() < span.start());
        for e in &self.edits[first..] {
            let f = side.from(e);
            if f.start() > span.end() {
                break;
            }
            let overlaps = f.start() < span.end() && f.end() > span.start();
            if overlaps || f.is_empty() {
                start = start.min(side.to(e).start());
                end = end.max(side.to(e).end());
            }
        }
        Span::new(start, end.max(start))
    }

    /// The bytes of the original that a span of the repaired text came from.
    ///
    /// A boundary that falls inside a repaired stretch widens to the whole
    /// stretch, so the result always covers the source of every byte.
    pub fn to_original(&self, span: Span) -> Span {
        self.map_tight(Side::New, span)
    }

    /// The bytes of the repaired text that a span of the original became.
    pub fn to_repaired(&self, span: Span) -> Span {
        self.map_tight(Side::Old, span)
    }

    /// Chains two maps: `self` takes a middle text back to the original,
    /// `next` takes the final text back to that middle text. The result takes
    /// the final text straight back to the original.
    pub fn compose(&self, next: &OffsetMap) -> OffsetMap {
        // Every edit of either map is a range of the middle text: `self`'s
        // edits by their new side, `next`'s by their old side. Ranges that
        // overlap, or touch through an empty range, become one edit.
        let mut ranges: Vec<Span> = self.edits.iter().map(|e| e.new).chain(next.edits.iter().map(|e| e.old)).collect();
        ranges.sort_unstable();
        let mut groups: Vec<Span> = Vec::new();
        let mut ends_empty = false;
        for r in ranges {
            if let Some(cur) = groups.last_mut() {
                let glue = r.start() < cur.end() || (r.start() == cur.end() && (r.is_empty() || ends_empty));
                if glue {
                    if r.end() >= cur.end() {
                        ends_empty = r.is_empty();
                    }
                    *cur = Span::new(cur.start(), cur.end().max(r.end()));
                    continue;
                }
            }
            groups.push(r);
            ends_empty = r.is_empty();
        }
        let edits = groups
            .into_iter()
            .map(|g| Edit { old: self.map_loose(Side::New, g), new: next.map_loose(Side::Old, g) })
            .collect();
        OffsetMap { original_len: self.original_len, text_len: next.text_len, edits }
    }
}

/// Builds a new text from an old one, recording every change as an [`Edit`].
///
/// A stage walks its input left to right, calling [`Rewriter::replace`] for
/// each change; everything between replacements is copied unchanged.
pub struct Rewriter<'a> {
    old: &'a str,
    out: String,
    copied_to: usize,
    edits: Vec<Edit>,
}

impl<'a> Rewriter<'a> {
    /// Starts rewriting `old`.
    pub fn new(old: &'a str) -> Rewriter<'a> {
        Rewriter { old, out: String::with_capacity(old.len()), copied_to: 0, edits: Vec::new() }
    }

    /// The text being rewritten.
    pub fn old(&self) -> &'a str {
        self.old
    }

    /// How far the old text has been consumed.
    pub fn position(&self) -> usize {
        self.copied_to
    }

    /// Replaces `old[span]` with `with`. Replacements must come in order and
    /// must not overlap; one that does is ignored (the text stays unchanged
    /// there), because a wrong repair is worse than none.
    pub fn replace(&mut self, span: Span, with: &str) {
        if span.start() < self.copied_to || span.end() > self.old.len() {
            return;
        }
        let (Some(gap), Some(was)) = (self.old.get(self.copied_to..span.start()), self.old.get(span.range())) else {
            return;
        };
        if was == with {
            return;
        }
        self.out.push_str(gap);
        let new_start = self.out.len();
        self.out.push_str(with);
        self.edits.push(Edit { old: span, new: Span::new(new_start, self.out.len()) });
        self.copied_to = span.end();
    }

    /// True when nothing was replaced.
    pub fn is_unchanged(&self) -> bool {
        self.edits.is_empty()
    }

    /// Copies the rest and returns the new text with its map.
    pub fn finish(mut self) -> (String, OffsetMap) {
        self.out.push_str(&self.old[self.copied_to..]);
        let map = OffsetMap { original_len: self.old.len(), text_len: self.out.len(), edits: self.edits };
        (self.out, map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that `map` really explains how `new` was made from `old`: the
    /// unchanged stretches between edits are equal text.
    fn assert_explains(map: &OffsetMap, old: &str, new: &str) {
        assert_eq!(map.original_len(), old.len());
        assert_eq!(map.text_len(), new.len());
        let (mut o, mut n) = (0, 0);
        for e in map.edits() {
            assert_eq!(&old[o..e.old.start()], &new[n..e.new.start()], "gap before {e:?}");
            o = e.old.end();
            n = e.new.end();
        }
        assert_eq!(&old[o..], &new[n..]);
        OffsetMap::new(map.original_len(), map.text_len(), map.edits().to_vec()).expect("invariants");
    }

    fn rewrite(old: &str, changes: &[(usize, usize, &str)]) -> (String, OffsetMap) {
        let mut w = Rewriter::new(old);
        for &(s, e, with) in changes {
            w.replace(Span::new(s, e), with);
        }
        w.finish()
    }

    #[test]
    fn spans_map_back_through_a_replacement() {
        let old = "xâ–³Russian peacekeepers";
        let (new, map) = rewrite(old, &[(1, 8, "△")]);
        assert_eq!(new, "x△Russian peacekeepers");
        let word = Span::new(4, 11);
        assert_eq!(word.slice(&new), "Russian");
        assert_eq!(map.to_original(word).slice(old), "Russian");
        assert_eq!(map.to_original(Span::new(1, 4)).slice(old), "â–³");
        assert_eq!(map.to_repaired(Span::new(1, 8)).slice(&new), "△");
    }

    #[test]
    fn deleted_bytes_at_a_span_edge_stay_outside() {
        let old = "a\u{200b}word\u{200b} b";
        let (new, map) = rewrite(old, &[(1, 4, ""), (8, 11, "")]);
        assert_eq!(new, "aword b");
        assert_eq!(map.to_original(Span::new(1, 5)).slice(old), "word");
    }

    #[test]
    fn composing_three_stages_keeps_the_way_back() {
        let s0 = "A  &amp; B\u{200b}\r\nC";
        let (s1, m1) = rewrite(s0, &[(3, 8, "&")]);
        assert_eq!(s1, "A  & B\u{200b}\r\nC");
        let (s2, m2) = rewrite(&s1, &[(1, 3, " "), (6, 9, ""), (9, 10, "")]);
        assert_eq!(s2, "A & B\nC");
        let (s3, m3) = rewrite(&s2, &[(2, 3, "and")]);
        assert_eq!(s3, "A and B\nC");
        let all = m1.compose(&m2).compose(&m3);
        assert_explains(&all, s0, &s3);
        assert_eq!(all.to_original(Span::new(2, 5)).slice(s0), "&amp;");
        assert_eq!(all.to_original(Span::new(8, 9)).slice(s0), "C");
    }

    /// A tiny deterministic generator, so the property test needs no crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn random_stage_chains_compose_exactly() {
        let pieces = ["", "x", "yz", "é", "△", "  "];
        let mut rng = Lcg(7);
        for _ in 0..2000 {
            let len = rng.next(12);
            let s0: String = (0..len).map(|_| ["a", "b", "ü", " "][rng.next(4)]).collect();
            let mut text = s0.clone();
            let mut map = OffsetMap::identity(s0.len());
            for _ in 0..3 {
                let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                let mut cuts: Vec<usize> = (0..rng.next(4) * 2).map(|_| bounds[rng.next(bounds.len())]).collect();
                cuts.sort_unstable();
                let changes: Vec<(usize, usize, &str)> =
                    cuts.chunks(2).map(|c| (c[0], c[1], pieces[rng.next(pieces.len())])).collect();
                let (next, step) = rewrite(&text, &changes);
                assert_explains(&step, &text, &next);
                map = map.compose(&step);
                assert_explains(&map, &s0, &next);
                text = next;
            }
        }
    }

    #[test]
    fn bad_serialized_maps_are_rejected() {
        let json = r#"{"original_len":3,"text_len":5,"edits":[]}"#;
        assert!(serde_json::from_str::<OffsetMap>(json).is_err());
        let json = r#"{"original_len":3,"text_len":3,"edits":[[0,1,0,1]]}"#;
        assert!(serde_json::from_str::<OffsetMap>(json).is_ok());
    }
}
