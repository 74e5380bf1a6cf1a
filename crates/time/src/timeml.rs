//! TimeML documents (TimeBank, AQUAINT) and the TempEval-3 scores.
//!
//! The scorer follows the task's definitions: a system expression *matches*
//! a gold one strictly when their extents are equal, and in the relaxed
//! sense when they overlap (one-to-one, in text order). Precision and recall
//! are taken over all system and gold expressions; the attribute scores
//! count a relaxed match as right only when the attribute (type, value) is
//! also equal, so `value_f1` is the F1 of matches with the right value.

use std::fmt;

/// A time expression in a TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte offsets into [`TimemlDoc::text`].
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// A TimeML document: its creation time, its plain text and its gold
/// expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// The document creation time's value (`1998-02-06`).
    pub dct: Option<String>,
    /// The text of `<TEXT>`, markup removed, entities decoded.
    pub text: String,
    /// The gold expressions.
    pub timexes: Vec<GoldTimex>,
}

/// Why a TimeML file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed TimeML: {0}")]
pub struct TimemlError(pub String);

fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!("{name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    for (name, c) in [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&apos;", '\'')] {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    None
}

/// Reads a TimeML document.
pub fn parse(xml: &str) -> Result<TimemlDoc, TimemlError> {
    let dct = xml.find("<DCT>").and_then(|at| {
        let end = xml[at..].find("</DCT>")? + at;
        attribute(&xml[at..end], "value")
    });
    let open = xml.find("<TEXT>").ok_or_else(|| TimemlError("no <TEXT> element".into()))? + "<TEXT>".len();
    let close = xml[open..].find("</TEXT>").ok_or_else(|| TimemlError("<TEXT> is not closed".into()))? + open;
    let body = &xml[open..close];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut current: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').ok_or_else(|| TimemlError(format!("unclosed tag at byte {}", open + i)))?;
            let tag = &rest[1..end];
            if tag.starts_with("TIMEX3") {
                if current.is_some() {
                    return Err(TimemlError(format!("nested TIMEX3 at byte {}", open + i)));
                }
                let kind = attribute(tag, "type").unwrap_or_default();
                let value = attribute(tag, "value").unwrap_or_default();
                current = Some((text.len(), kind, value));
            } else if tag.starts_with("/TIMEX3") {
                let (start, kind, value) = current
                    .take()
                    .ok_or_else(|| TimemlError(format!("</TIMEX3> without <TIMEX3> at byte {}", open + i)))?;
                timexes.push(GoldTimex { start, end: text.len(), kind, value });
            }
            i += end + 1;
        } else if let Some((c, len)) = decode_entity(rest) {
            text.push(c);
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            text.push(c);
            i += c.len_utf8();
        }
    }
    if current.is_some() {
        return Err(TimemlError("a TIMEX3 is not closed".into()));
    }
    Ok(TimemlDoc { dct, text, timexes })
}

/// A system expression to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemTimex {
    /// Byte offsets into the same text as the gold.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// Counts accumulated over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// System expressions.
    pub system: usize,
    /// Exact extent matches.
    pub strict: usize,
    /// Overlapping matches.
    pub relaxed: usize,
    /// Relaxed matches with the right type.
    pub typed: usize,
    /// Relaxed matches with the right value.
    pub valued: usize,
}

impl Counts {
    /// Adds one document's expressions.
    pub fn add(&mut self, gold: &[GoldTimex], system: &[SystemTimex]) {
        self.gold += gold.len();
        self.system += system.len();
        let mut used = vec![false; system.len()];
        for g in gold {
            let found = system.iter().enumerate().find(|(i, s)| !used[*i] && s.start < g.end && g.start < s.end);
            if let Some((i, s)) = found {
                used[i] = true;
                self.relaxed += 1;
                self.strict += usize::from(s.start == g.start && s.end == g.end);
                self.typed += usize::from(s.kind == g.kind);
                self.valued += usize::from(s.value == g.value);
            }
        }
    }

    fn f1(&self, right: usize) -> f64 {
        let p = if self.system == 0 { 0.0 } else { right as f64 / self.system as f64 };
        let r = if self.gold == 0 { 0.0 } else { right as f64 / self.gold as f64 };
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// F1 of exact extents.
    pub fn strict_f1(&self) -> f64 {
        self.f1(self.strict)
    }

    /// F1 of overlapping extents.
    pub fn relaxed_f1(&self) -> f64 {
        self.f1(self.relaxed)
    }

    /// F1 of matches with the right type.
    pub fn type_f1(&self) -> f64 {
        self.f1(self.typed)
    }

    /// F1 of matches with the right value.
    pub fn value_f1(&self) -> f64 {
        self.f1(self.valued)
    }

    /// Share of relaxed matches with the right value.
    pub fn value_accuracy(&self) -> f64 {
        if self.relaxed == 0 { 0.0 } else { self.valued as f64 / self.relaxed as f64 }
    }

    /// Share of relaxed matches with the right type.
    pub fn type_accuracy(&self) -> f64 {
        if self.relaxed == 0 { 0.0 } else { self.typed as f64 / self.relaxed as f64 }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = |right: usize| if self.system == 0 { 0.0 } else { right as f64 / self.system as f64 };
        let r = |right: usize| if self.gold == 0 { 0.0 } else { right as f64 / self.gold as f64 };
        writeln!(f, "{:<10} {:>9} {:>9} {:>9}", "", "precision", "recall", "F1")?;
        for (name, right) in
            [("strict", self.strict), ("relaxed", self.relaxed), ("type", self.typed), ("value", self.valued)]
        {
            writeln!(f, "{name:<10} {:>9.3} {:>9.3} {:>9.3}", p(right), r(right), self.f1(right))?;
        }
        write!(
            f,
            "gold {}, system {}; type accuracy {:.3}, value accuracy {:.3}",
            self.gold,
            self.system,
            self.type_accuracy(),
            self.value_accuracy()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" functionInDocument="CREATION_TIME">02/06/1998</TIMEX3></DCT>
<TEXT>Talks <EVENT eid="e1">resumed</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-05">Thursday</TIMEX3> &amp; will last <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.</TEXT></TimeML>"#;

    #[test]
    fn documents_read_with_their_gold() {
        let doc = parse(DOC).unwrap();
        assert_eq!(doc.dct.as_deref(), Some("1998-02-06"));
        assert_eq!(doc.text, "Talks resumed Thursday & will last three days.");
        assert_eq!(&doc.text[doc.timexes[1].start..doc.timexes[1].end], "three days");
        assert_eq!(doc.timexes[0].value, "1998-02-05");
    }

    #[test]
    fn malformed_documents_are_errors() {
        assert!(parse("<TimeML>no text</TimeML>").is_err());
        assert!(parse("<TEXT><TIMEX3 type=\"DATE\">x</TEXT>").is_err());
        assert!(parse("<TEXT>a </TIMEX3></TEXT>").is_err());
        assert!(parse("<TEXT>a <TIMEX3 </TEXT>").is_err());
    }

    #[test]
    fn scores_follow_the_definitions() {
        let gold = vec![
            GoldTimex { start: 0, end: 8, kind: "DATE".into(), value: "1998-02-05".into() },
            GoldTimex { start: 20, end: 30, kind: "DURATION".into(), value: "P3D".into() },
        ];
        let system = vec![
            SystemTimex { start: 0, end: 8, kind: "DATE".into(), value: "1998-02-05".into() },
            SystemTimex { start: 24, end: 30, kind: "DURATION".into(), value: "P4D".into() },
            SystemTimex { start: 40, end: 44, kind: "DATE".into(), value: "1998".into() },
        ];
        let mut c = Counts::default();
        c.add(&gold, &system);
        assert_eq!((c.strict, c.relaxed, c.typed, c.valued), (1, 2, 2, 1));
        assert!((c.relaxed_f1() - 0.8).abs() < 1e-9);
        assert!((c.value_f1() - 0.4).abs() < 1e-9);
    }
}
