//! Layout: paragraphs, title, photo captions, page furniture.
//!
//! Repair leaves at most one blank line between paragraphs, so blocks are
//! cut at blank lines; inside a block, single line ends are paragraph
//! breaks unless the text is hard-wrapped (a line that does not end a
//! sentence, followed by a lower-case start or following a long line).
//! Each paragraph is then given a role from the cues in
//! `data/text/layout.txt`, and the dateline is read from the first body
//! paragraph.

use crate::data;
use crate::dateline;
use std::sync::LazyLock;
use truce_core::{Block, BlockKind, Span, Structure};

/// The layout cues of `data/text/layout.txt`, lower-cased.
pub(crate) struct Cues {
    pub caption_marks: Vec<char>,
    pub caption_starts: Vec<String>,
    pub caption_credits: Vec<String>,
    pub furniture: Vec<String>,
    pub furniture_starts: Vec<String>,
    pub agencies: Vec<String>,
    pub not_places: Vec<String>,
    pub bylines: Vec<String>,
}

pub(crate) static CUES: LazyLock<Cues> =
    LazyLock::new(|| load_cues().expect("embedded layout cues are checked by tests"));

fn load_cues() -> Result<Cues, data::DataError> {
    let mut cues = Cues {
        caption_marks: Vec::new(),
        caption_starts: Vec::new(),
        caption_credits: Vec::new(),
        furniture: Vec::new(),
        furniture_starts: Vec::new(),
        agencies: Vec::new(),
        not_places: Vec::new(),
        bylines: Vec::new(),
    };
    for (line, f) in data::LAYOUT.rows(2)? {
        let text = f[1].to_lowercase();
        match f[0] {
            "caption-mark" => cues.caption_marks.extend(f[1].chars().next()),
            "caption-start" => cues.caption_starts.push(text),
            "caption-credit" => cues.caption_credits.push(text),
            "furniture" => cues.furniture.push(text),
            "furniture-start" => cues.furniture_starts.push(text),
            "agency" => cues.agencies.push(text),
            "not-a-place" => cues.not_places.push(text),
            "byline" => cues.bylines.push(text),
            other => return Err(data::LAYOUT.error(line, format!("unknown cue kind {other:?}"))),
        }
    }
    Ok(cues)
}

/// Characters that end a sentence or a complete line of prose.
fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '»', ')', '…', '。', '！', '？'])
}

/// True when the lines of a block look hard-wrapped: at least three, and
/// most of them (the last aside) close to the longest, which is no longer
/// than a wrapped line usually is.
fn is_hard_wrapped(block: &str) -> bool {
    let lengths: Vec<usize> = block.split('\n').map(|l| l.chars().count()).collect();
    if lengths.len() < 3 {
        return false;
    }
    let body = &lengths[..lengths.len() - 1];
    let longest = body.iter().copied().max().unwrap_or(0);
    let close = body.iter().filter(|&&n| n * 4 >= longest * 3).count();
    (40..=120).contains(&longest) && close * 10 >= body.len() * 7
}

/// Cuts `text` into paragraph spans.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block_start = 0;
    for block in text.split("\n\n") {
        let mut para_start = block_start;
        let mut line_start = block_start;
        let wrapped_block = block.contains('\n') && is_hard_wrapped(block);
        let mut lines = block.split('\n').peekable();
        while let Some(line) = lines.next() {
            let line_end = line_start + line.len();
            if let Some(next) = lines.peek() {
                // A line break inside a sentence is a wrap; elsewhere it
                // ends a paragraph, unless the whole block is wrapped text.
                let wrapped = !ends_sentence(line) && (next.starts_with(|c: char| c.is_lowercase()) || wrapped_block);
                if !wrapped {
                    push_trimmed(text, Span::new(para_start, line_end), &mut out);
                    para_start = line_end + 1;
                }
            } else {
                push_trimmed(text, Span::new(para_start, line_end), &mut out);
            }
            line_start = line_end + 1;
        }
        block_start += block.len() + 2;
    }
    out
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(span.start() + lead, span.end() - trail));
    }
}

/// Lower-cases and squeezes spaces, for comparing titles.
fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn is_furniture(p: &str, cues: &Cues) -> bool {
    if p.len() > 480 {
        return false;
    }
    let lower = normalized(p);
    if lower.chars().count() > 120 {
        return false;
    }
    cues.furniture.contains(&lower) || cues.furniture_starts.iter().any(|f| lower.starts_with(f.as_str()))
}

fn is_caption(p: &str, cues: &Cues) -> bool {
    if p.starts_with(|c: char| cues.caption_marks.contains(&c)) {
        return true;
    }
    if p.len() > 1600 {
        return false;
    }
    let chars = p.chars().count();
    if chars > 400 {
        return false;
    }
    // Cues sit at the start or the end: only those parts are compared.
    let starts_with = |cue: &str| p.get(..cue.len()).is_some_and(|head| head.eq_ignore_ascii_case(cue));
    if cues.caption_starts.iter().any(|s| starts_with(s)) {
        return true;
    }
    if chars > 300 {
        return false;
    }
    let tail_start = p.char_indices().rev().nth(90).map_or(0, |(i, _)| i);
    let lower = p[tail_start..].to_lowercase();
    // `..., source: AFP` / `... Photo via Karabakh Records`: a credit cue
    // followed by a short name that closes the paragraph.
    cues.caption_credits.iter().any(|cue| {
        lower.rfind(cue.as_str()).is_some_and(|at| {
            let tail = lower[at + cue.len()..].trim();
            let words = tail.split_whitespace().count();
            words <= 5 && !tail.trim_end_matches(['.', ')']).contains(['.', '!', '?'])
        })
    })
}

/// `By Jane Doe`, `by YCPress`: a short credit line.
fn is_byline(p: &str, cues: &Cues) -> bool {
    if p.len() > 80 {
        return false;
    }
    let words = p.split_whitespace().count();
    (2..=6).contains(&words)
        && !ends_sentence(p)
        && p.split_whitespace().next().is_some_and(|w| cues.bylines.iter().any(|b| w.eq_ignore_ascii_case(b)))
}

/// A first line that reads as a headline: short, one line, no final stop.
fn looks_like_headline(p: &str) -> bool {
    let chars = p.chars().count();
    (8..=200).contains(&chars) && !p.contains('\n') && !p.trim_end().ends_with(['.', ':']) && p.contains(' ')
}

/// Reads the layout of repaired `text`. `given_title` is the title the
/// source gave (HTML `<title>`, JSON Lines `title`), if any.
pub fn structure(text: &str, given_title: Option<&str>) -> Structure {
    let cues = &*CUES;
    let spans = paragraphs(text);
    let given = given_title.map(normalized).filter(|t| !t.is_empty());
    let mut blocks: Vec<Block> = Vec::with_capacity(spans.len());
    let mut title: Option<String> = None;
    let mut seen_body = false;
    let mut date_only = None;
    // Where the source's own title stands in the text, if it does: short
    // paragraphs above it are page furniture (section names, teasers).
    let given_at = given.as_ref().and_then(|g| {
        spans.iter().take(8).position(|s| {
            let p = s.slice(text);
            p.len() <= 400 && {
                let norm = normalized(p);
                norm == *g || (norm.len() > 20 && g.starts_with(&norm))
            }
        })
    });
    for (i, &span) in spans.iter().enumerate() {
        let p = span.slice(text);
        // Normalizing costs an allocation: only paragraphs that could be the
        // title, or a copy of it, are normalized.
        let could_be_title = p.len() <= 400 && (title.is_some() || !seen_body);
        let norm = if could_be_title { normalized(p) } else { String::new() };
        let kind = if !norm.is_empty() && title.as_deref() == Some(norm.as_str()) {
            // Pages often repeat the headline; the copy is furniture.
            BlockKind::Boilerplate
        } else if is_caption(p, cues) {
            BlockKind::Caption
        } else if (p.len() <= 120 || (p.len() <= 480 && p.chars().count() <= 120)) && is_furniture(p, cues) {
            BlockKind::Boilerplate
        } else if let Some(d) = (!seen_body).then(|| dateline::date_line(p, span.start())).flatten() {
            // `November 10, 2020` on a line of its own above the story.
            date_only.get_or_insert(d);
            BlockKind::Boilerplate
        } else if title.is_none()
            && !seen_body
            && !norm.is_empty()
            && match given_at {
                Some(at) => i == at,
                None => i + 1 < spans.len() && looks_like_headline(p) && dateline::read(p, 0).is_none(),
            }
        {
            title = Some(norm.clone());
            BlockKind::Title
        } else if (given_at.is_some_and(|at| i < at) && p.chars().count() <= 300) || is_byline(p, cues) {
            // Short paragraphs above the source's own title, and credit
            // lines, are page furniture.
            BlockKind::Boilerplate
        } else if !seen_body && p.split_whitespace().count() <= 2 && !ends_sentence(p) && i + 1 < spans.len() {
            // Stray one- or two-word lines above the story (`Avatar`,
            // a section name) are page furniture.
            BlockKind::Boilerplate
        } else {
            seen_body = true;
            BlockKind::Paragraph
        };
        blocks.push(Block { kind, span });
    }
    // The dateline opens the first body paragraph, or the second when a
    // summary precedes the story; a date alone above the story will do
    // when there is none.
    let mut body = blocks.iter().filter(|b| b.kind == BlockKind::Paragraph);
    let first = body.next().and_then(|b| dateline::read(b.span.slice(text), b.span.start()));
    let dateline = first
        .or_else(|| {
            let b = body.next()?;
            dateline::read(b.span.slice(text), b.span.start()).filter(|d| d.date.is_some() || d.credit.is_some())
        })
        .or(date_only);
    Structure { blocks, dateline }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, title: Option<&str>) -> Vec<(BlockKind, String)> {
        structure(text, title).blocks.iter().map(|b| (b.kind, b.span.slice(text).to_owned())).collect()
    }

    #[test]
    fn caption_title_and_body_are_told_apart() {
        let text = "△Ministers meet in Geneva, source: Reuters\n\nTalks resume on border\n\nGeneva, March 4th Talks resumed today.\n\nThey ended late.";
        let k = kinds(text, None);
        assert_eq!(k[0].0, BlockKind::Caption);
        assert_eq!(k[1], (BlockKind::Title, "Talks resume on border".to_owned()));
        assert_eq!(k[2].0, BlockKind::Paragraph);
        assert_eq!(k[3].0, BlockKind::Paragraph);
    }

    #[test]
    fn page_furniture_and_repeated_headlines_are_boilerplate() {
        let text = "[ad_1]\n\nShare:\n\nRebels Agree To Truce\n\nRebels Agree To Truce\n\nPublished\n\nThe rebels agreed to a truce on Monday.";
        let k = kinds(text, Some("Rebels agree to truce"));
        let roles: Vec<BlockKind> = k.iter().map(|(r, _)| *r).collect();
        use BlockKind::*;
        assert_eq!(roles, [Boilerplate, Boilerplate, Title, Boilerplate, Boilerplate, Paragraph]);
    }

    #[test]
    fn hard_wrapped_lines_join_and_short_lines_split() {
        let text = "The monitors said the shelling continued through the night and into\nthe morning near the northern villages.\nA second paragraph.";
        let spans = paragraphs(text);
        assert_eq!(spans.len(), 2);
        assert!(spans[0].slice(text).ends_with("villages."));
    }

    #[test]
    fn a_headline_line_above_the_story_is_not_a_wrap() {
        let text = "Home News Talks collapse in the capital as fighting resumes near the airport\nUnrelated teaser about sport results\n\nThe talks collapsed on Monday.\n\nMore later.";
        let s = structure(text, None);
        let kinds: Vec<BlockKind> = s.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Boilerplate, "{:?}", s.blocks);
        assert_eq!(s.blocks.len(), 4);
    }

    #[test]
    fn a_date_above_the_story_is_a_dateline_without_place() {
        let text = "Source\n\nMay 10, 2021\n\nThe ministry said the truce held.";
        let d = structure(text, None).dateline.unwrap();
        assert_eq!(d.date.unwrap().text, "May 10, 2021");
        assert!(d.place.is_none());
    }

    #[test]
    fn trailing_photo_credit_makes_a_caption() {
        let cues = &*CUES;
        assert!(is_caption("Residents leave the town on Sunday. Photo via City Hall", cues));
        assert!(is_caption("Photo: AFP", cues));
        assert!(!is_caption("The source: a senior official who asked not to be named said the talks failed.", cues));
    }
}
