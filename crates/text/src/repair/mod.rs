//! Repair: turn damaged text into clean text, recording every change.
//!
//! Each pass is a function from text to [`Pass`] (the new text, its offset
//! map and a log of what it changed). [`repair`] runs the passes in a fixed
//! order and composes their maps, so the document keeps one map from its
//! repaired text to its original.
//!
//! The order matters:
//! 1. [`markup`]: HTML entities and stray tags (`&#8217;`, `< / P > < p >`),
//!    first because an entity can hide mojibake (`&Atilde;&copy;`);
//! 2. [`mojibake`]: UTF-8 read as Windows-1252, Latin-1 or Mac Roman, run
//!    to a fixed point so double encoding comes undone;
//! 3. [`spacing`]: control and zero-width characters, odd spaces, line
//!    ends, runs of blanks, after mojibake because mojibake can hide them
//!    (`Â ` is a no-break space);
//! 4. [`hyphenation`]: words broken across line ends, after spacing made
//!    line ends uniform;
//! 5. [`nfc`]: Unicode canonical composition, last.
//!
//! Repair is conservative (correct text in any script is left as it is)
//! and idempotent (repairing repaired text changes nothing); both are
//! tested on text in several scripts, and fuzzed (`fuzz/`). Because a
//! later pass can expose damage for an earlier one, the passes run in
//! rounds until a round changes nothing (at most eight).

mod hyphenation;
mod markup;
mod mojibake;
mod nfc;
mod spacing;

use truce_core::{OffsetMap, Repair, Rewriter, Span};

/// Repaired text with its map back to the input and the log of changes.
#[derive(Debug, Clone)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// From `text` back to the input.
    pub map: OffsetMap,
    /// What was changed, in input coordinates.
    pub repairs: Vec<Repair>,
}

/// Rounds of all passes at most; real damage needs one or two.
const MAX_ROUNDS: usize = 8;

/// Repairs `original`.
pub fn repair(original: &str) -> Repaired {
    // `None` until a pass changes something: clean text is never copied.
    let mut text: Option<String> = None;
    let mut map = OffsetMap::identity(original.len());
    let mut repairs = Vec::new();
    let passes: [fn(&str) -> Option<Pass>; 5] =
        [markup::repair, mojibake::repair, spacing::repair, hyphenation::repair, nfc::repair];
    // One pass can expose damage for an earlier one (a zero-width space
    // inside a stray tag), so rounds repeat until one changes nothing.
    for round in 0..MAX_ROUNDS {
        let mut changed = false;
        for pass in passes {
            let Some(step) = pass(text.as_deref().unwrap_or(original)) else { continue };
            changed = true;
            for (edit, kind) in step.map.edits().iter().zip(&step.kinds) {
                let at = map.to_original(edit.old);
                repairs.push(Repair {
                    kind: (*kind).to_owned(),
                    original: at,
                    before: at.slice(original).to_owned(),
                    after: edit.new.slice(&step.text).to_owned(),
                });
            }
            map = map.compose(&step.map);
            text = Some(step.text);
        }
        if !changed || round + 1 == MAX_ROUNDS {
            break;
        }
    }
    repairs.sort_by_key(|r| (r.original.start(), r.original.end()));
    Repaired { text: text.unwrap_or_else(|| original.to_owned()), map, repairs }
}

/// The result of one pass.
pub(crate) struct Pass {
    pub text: String,
    pub map: OffsetMap,
    /// The kind of each edit of `map`, in the same order.
    pub kinds: Vec<&'static str>,
}

impl Pass {
    /// This pass followed by `next`, as one pass. Where edits of the two
    /// merge, the merged edit keeps the kind of the earliest edit in it.
    pub fn then(self, next: Pass) -> Pass {
        let map = self.map.compose(&next.map);
        let firsts = self.map.edits().iter().map(|e| e.old).zip(self.kinds.iter());
        let seconds = next.map.edits().iter().map(|e| self.map.to_original(e.old)).zip(next.kinds.iter());
        let mut labelled: Vec<(Span, &'static str)> = firsts.chain(seconds).map(|(s, k)| (s, *k)).collect();
        labelled.sort_by_key(|(s, _)| (s.start(), s.end()));
        // Both lists are in text order, so one forward walk labels all.
        let mut j = 0;
        let kinds = map
            .edits()
            .iter()
            .map(|e| {
                while j < labelled.len() && labelled[j].0.start() < e.old.start() {
                    j += 1;
                }
                labelled.get(j).filter(|(s, _)| e.old.contains(*s)).map_or("repair", |(_, k)| *k)
            })
            .collect();
        Pass { text: next.text, map, kinds }
    }
}

/// A [`Rewriter`] that also remembers the kind of each change.
pub(crate) struct Fixer<'a> {
    rewriter: Rewriter<'a>,
    kinds: Vec<&'static str>,
}

impl<'a> Fixer<'a> {
    pub fn new(text: &'a str) -> Fixer<'a> {
        Fixer { rewriter: Rewriter::new(text), kinds: Vec::new() }
    }

    /// Replaces `span` with `with`, as a change of `kind`.
    pub fn replace(&mut self, span: Span, with: &str, kind: &'static str) {
        let before = self.rewriter.position();
        self.rewriter.replace(span, with);
        if self.rewriter.position() != before {
            self.kinds.push(kind);
        }
    }

    /// How far the input has been consumed.
    pub fn position(&self) -> usize {
        self.rewriter.position()
    }

    /// The pass, or `None` when nothing was replaced.
    pub fn finish(self) -> Option<Pass> {
        if self.rewriter.is_unchanged() {
            return None;
        }
        let (text, map) = self.rewriter.finish();
        Some(Pass { text, map, kinds: self.kinds })
    }
}

/// Reads a `U+XXXX` code point, for the test that checks the entity table.
#[cfg(test)]
pub(crate) fn parse_codepoint_for_tests(s: &str) -> Option<char> {
    markup::parse_codepoint(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Correct text in many scripts; repair must leave every one unchanged.
    pub(crate) const CLEAN: &[&str] = &[
        "The ceasefire took effect at 00:00 on 10 November; both sides reported shelling near the line.",
        "Министерство обороны заявило, что перемирие соблюдается «в целом».",
        "أعلنت وزارة الخارجية أن وقف إطلاق النار دخل حيز التنفيذ منتصف الليل.",
        "外交部发言人表示，双方应当遵守停火协议。",
        "Հայաստանի ԱԳՆ-ն հայտարարեց հրադադարի մասին։",
        "Le ministre des Affaires étrangères a salué l’accord signé à Moscou — « une étape ».",
        "São Paulo, Zürich, Łódź, Köln, Ærø, Ñuñoa: naïve façade, crème brûlée.",
        "Ölçü: Gəncə və Bərdə şəhərləri atəşə tutulub.",
        "Καλημέρα, η εκεχειρία ισχύει.",
        "“Quoted,” she said — ‘single’… ©2020 Reuters® 25°C ±3 €5 £2 ¥3 ½ ¼ ¾ № 5",
        "«École» à Genève: l’été, “Éric”, ‘Åsa’, –à –é —É “Ñ” ’é ’à ÉÉ",
        "ADIÓS” PERCHÉ’ Straße—Größe Ça’ SEÑOR” Ó” É” ß—",
        "Emoji stay: 🇦🇲 🇦🇿 ✌️ 👍🏽",
        "日本語の文章も変わらない。ｶﾀｶﾅ",
    ];

    #[test]
    fn clean_text_in_any_script_is_unchanged() {
        for text in CLEAN {
            let r = repair(text);
            assert_eq!(r.text, *text);
            assert!(r.repairs.is_empty(), "{:?}", r.repairs);
        }
    }

    const DAMAGED: &[(&str, &str)] = &[
        ("â–³Russian peacekeepers, source: AFP", "△Russian peacekeepers, source: AFP"),
        ("Armeniaâ€™s army said itâ€™s â€œreadyâ€\u{9d}.", "Armenia’s army said it’s “ready”."),
        ("Russia‚Äôs foreign ministry ‚Äî as before", "Russia’s foreign ministry — as before"),
        ("Le ministÃ¨re a dÃ©clarÃ©", "Le ministère a déclaré"),
        ("Ã¢â‚¬Å“doubleÃ¢â‚¬Â\u{9d} encoded", "“double” encoded"),
        ("Ð¡Ñ‚ÐµÐ¿Ð°Ð½Ð°ÐºÐµÑ€Ñ‚ shelled", "Степанакерт shelled"),
        ("ä¸\u{AD}å›½ å¤–äº¤éƒ¨", "中国 外交部"),
        ("smile ðŸ˜€ here", "smile 😀 here"),
        ("AT&amp;T and &#8220;truce&#8221; &eacute;t&eacute; &#x2019;", "AT&T and “truce” été ’"),
        ("&amp;#8217;double", "’double"),
        ("First paragraph. < / P > < p > Second one.", "First paragraph.\n\nSecond one."),
        ("line one<br>line two</p><p>three", "line one\nline two\n\nthree"),
        ("zero\u{200b}width\u{feff} soft\u{ad}hyphen", "zerowidth softhyphen"),
        ("odd\u{a0}spaces\u{2009}and\u{3000}\ttabs   here", "odd spaces and\u{3000} tabs here"),
        ("windows\r\nline\rends  \n\n\n\nnext", "windows\nline\nends\n\nnext"),
        ("the negoti-\nations resumed", "the negotiations resumed"),
        ("Nagorno-\nKarabakh region", "Nagorno-Karabakh region"),
        ("Cafe\u{301} Ame\u{301}lie", "Café Amélie"),
        ("bell\u{7}char and \u{1b}[0m escape", "bellchar and [0m escape"),
    ];

    #[test]
    fn damage_of_every_common_kind_is_repaired() {
        for (bad, good) in DAMAGED {
            assert_eq!(repair(bad).text, *good, "input {bad:?}");
        }
    }

    #[test]
    fn repair_is_idempotent() {
        for text in CLEAN.iter().chain(DAMAGED.iter().flat_map(|(a, b)| [a, b])) {
            let once = repair(text).text;
            assert_eq!(repair(&once).text, once, "input {text:?}");
        }
    }

    /// Inputs the fuzzer found (see `fuzz/`): a tag split by NULs, a tag
    /// run next to a multi-byte character.
    #[test]
    fn fuzzer_findings_stay_fixed() {
        let cases = [
            "\u{2c3}an n\0\0\0\0\0pers[si$< / P\0\0\0\0\0 > < p >\u{fffd}\u{fffd}",
            "ouble&amp4#< \u{0}24;\u{15}\0\0\0< p >\u{e2}\u{20ac}x\0\0\0\0>\u{fffd}\u{e2} < p >x\r\n\r\n",
            "Ã¢\0\0\0\0Ã¢â‚¬Å“dou&amp;# P > < p >x\r\n\r\n",
            "\0\0-\0\u{c}D\0!\0\n\0D\0!\0\ngub\0\0\0< \0\0< <\u{17} \0 q>\0\0\0\0 \u{17}\u{12} \0 q>\0\0\0\0 p >x\r\n*\u{1a}\u{1a}q¢â\0\n",
            "<<<b>p>p>nested</p>",
            "&amp;amp;amp;lt;p&amp;amp;gt;x",
        ];
        for text in cases {
            let once = repair(text).text;
            assert_eq!(repair(&once).text, once, "input {text:?}");
        }
    }

    #[test]
    fn every_change_maps_back_to_the_original() {
        for (bad, _) in DAMAGED {
            let r = repair(bad);
            let (mut o, mut n) = (0, 0);
            for e in r.map.edits() {
                assert_eq!(&bad[o..e.old.start()], &r.text[n..e.new.start()]);
                o = e.old.end();
                n = e.new.end();
            }
            assert_eq!(&bad[o..], &r.text[n..]);
            assert!(!r.repairs.is_empty());
            for rep in &r.repairs {
                assert_eq!(rep.original.slice(bad), rep.before);
            }
        }
        let r = repair("xâ–³Russian");
        let word = r.text.find("Russian").unwrap();
        let span = Span::new(word, word + 7);
        assert_eq!(r.map.to_original(span).slice("xâ–³Russian"), "Russian");
        assert_eq!(r.repairs[0].kind, "mojibake");
        assert_eq!(r.repairs[0].before, "â–³");
    }
}
