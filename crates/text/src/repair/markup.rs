//! HTML entities and stray tags left in text (`&#8217;`, `&amp;`,
//! `< / P > < p >`, `<br>`).
//!
//! Entities are decoded to a fixed point (`&amp;#8217;` is `’` escaped
//! twice). Tags are removed only when their name is one of the tags listed
//! in `data/text/markup.txt`, so `a < b` and `<Reuters>` stay as they are.
//! A tag that stood for a paragraph becomes a blank line.

use super::{Fixer, Pass};
use crate::data;
use foldhash::HashMap;
use std::sync::LazyLock;
use truce_core::{Edit, OffsetMap, Span};

static ENTITIES: LazyLock<HashMap<&'static str, char>> = LazyLock::new(|| {
    let rows = data::HTML_ENTITIES.rows(2).expect("embedded entity table is checked by tests");
    rows.into_iter().filter_map(|(_, f)| Some((f[0], parse_codepoint(f[1])?))).collect()
});

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Block,
    Break,
    Inline,
}

static TAGS: LazyLock<HashMap<&'static str, Role>> = LazyLock::new(|| {
    let rows = data::MARKUP.rows(2).expect("embedded tag table is checked by tests");
    rows.into_iter()
        .filter_map(|(_, f)| {
            let role = match f[1] {
                "block" => Role::Block,
                "break" => Role::Break,
                "inline" => Role::Inline,
                _ => return None,
            };
            Some((f[0], role))
        })
        .collect()
});

/// Reads `U+2019`.
pub(crate) fn parse_codepoint(s: &str) -> Option<char> {
    char::from_u32(u32::from_str_radix(s.strip_prefix("U+")?, 16).ok()?)
}

/// Decodes the entity starting at `at` (which holds `&`): its length and
/// character.
fn entity_at(text: &str, at: usize) -> Option<(usize, char)> {
    let rest = &text.as_bytes()[at + 1..];
    let body_len = rest.iter().take(12).position(|&b| b == b';');
    if let Some(num) = rest.strip_prefix(b"#") {
        let (digits, radix) = match num.first() {
            Some(b'x' | b'X') => (&num[1..], 16),
            _ => (num, 10),
        };
        let n = digits.iter().take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit())).count();
        if n == 0 || n > 7 {
            return None;
        }
        let value = u32::from_str_radix(std::str::from_utf8(&digits[..n]).ok()?, radix).ok()?;
        let c = char::from_u32(value).filter(|&c| c != '\0')?;
        // Windows-1252 numbers used as code points: `&#146;` meant `’`.
        let c = if (0x80..=0x9F).contains(&value) {
            let byte = [value as u8];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            text.chars().next().unwrap_or(c)
        } else {
            c
        };
        let prefix = 1 + (num.len() - digits.len()) + n;
        let semicolon = usize::from(rest.get(prefix) == Some(&b';'));
        // Without `;` the number must not run into a word.
        if semicolon == 0 && rest.get(prefix).is_some_and(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        return Some((1 + prefix + semicolon, c));
    }
    let body_len = body_len?;
    let name = std::str::from_utf8(&rest[..body_len]).ok()?;
    ENTITIES.get(name).map(|&c| (body_len + 2, c))
}

fn decode_entities(text: &str) -> Option<Pass> {
    if !text.contains('&') {
        return None;
    }
    let mut fixer = Fixer::new(text);
    let mut buf = [0u8; 4];
    let mut probe = String::new();
    for (at, _) in text.match_indices('&') {
        if at < fixer.position() {
            continue;
        }
        let Some((mut len, mut c)) = entity_at(text, at) else { continue };
        // `&amp;lt;` is `<` escaped twice: a decoded `&` may open another
        // entity with the text after it. Following the chain here makes
        // one edit of it and keeps the pass idempotent.
        while c == '&' {
            probe.clear();
            probe.push('&');
            let rest = &text[at + len..];
            probe.push_str(&rest[..rest.floor_char_boundary(16)]);
            match entity_at(&probe, 0) {
                Some((more, next)) => {
                    len += more - 1;
                    c = next;
                }
                None => break,
            }
        }
        fixer.replace(Span::new(at, at + len), c.encode_utf8(&mut buf), "entity");
    }
    fixer.finish()
}

/// Parses a tag starting at `at` (which holds `<`): its length and role.
fn tag_at(text: &str, at: usize) -> Option<(usize, Role)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'<') {
        return None;
    }
    let mut i = at + 1;
    if bytes[i..].starts_with(b"!--") {
        let close = text[i..].find("-->")?;
        return Some((i + close + 3 - at, Role::Inline));
    }
    let skip_spaces = |mut i: usize| {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        i
    };
    let open = i;
    i = skip_spaces(i);
    if bytes.get(i) == Some(&b'/') {
        i = skip_spaces(i + 1);
    }
    // `< / P >` is spaced out; then nothing but spaces may follow the name.
    let spaced = text[open..i].contains(' ');
    let name_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    let name = text[name_start..i].to_ascii_lowercase();
    let role = *TAGS.get(name.as_str())?;
    // Attributes, then `>`: no other `<`, no line end, not too long.
    let close = text[i..].find(['>', '<', '\n'])?;
    if close > 400 || bytes[i + close] != b'>' {
        return None;
    }
    let attrs = text[i..i + close].trim();
    let plain = attrs.is_empty() || attrs == "/";
    // Attributes look like `name="value"`: `a < b and c > d` has none.
    let attributes = !spaced && text[i..].starts_with(' ') && attrs.contains('=');
    if !(plain || attributes) {
        return None;
    }
    Some((i + close + 1 - at, role))
}

/// Removes stray tags in one left-to-right pass over the output, so that a
/// tag uncovered by removing another (`<<b>p>`) goes too: whenever a `>`
/// closes a tag at the end of the output, the tag is cut from the output.
/// The result holds no removable tag, which makes the pass idempotent.
fn remove_tags(text: &str) -> Option<Pass> {
    if !text.contains('<') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut edits: Vec<Edit> = Vec::new();
    // Every `<` in the output, with where it came from in `text`.
    let mut opens: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        out.push(c);
        if c == '<' {
            opens.push((out.len() - 1, i));
            continue;
        }
        if c != '>' {
            continue;
        }
        let Some(&(q, from)) = opens.last() else { continue };
        let Some((_, role)) = tag_at(&out, q).filter(|&(len, _)| q + len == out.len()) else { continue };
        // A paragraph break once, however many block tags in a row.
        let tail = out[..q].trim_end_matches(' ');
        let with = match role {
            Role::Inline => "",
            Role::Break | Role::Block if tail.ends_with("\n\n") => "",
            Role::Break => "\n",
            Role::Block => "\n\n",
        };
        out.truncate(q);
        out.push_str(with);
        while opens.last().is_some_and(|&(pos, _)| pos >= q) {
            opens.pop();
        }
        // Edits inside the removed stretch are swallowed by this one.
        while edits.last().is_some_and(|e| e.new.start() >= q) {
            edits.pop();
        }
        edits.push(Edit { old: Span::new(from, i + 1), new: Span::new(q, out.len()) });
    }
    if edits.is_empty() {
        return None;
    }
    let map = OffsetMap::new(text.len(), out.len(), edits).ok()?;
    let kinds = vec!["markup"; map.edits().len()];
    Some(Pass { text: out, map, kinds })
}

/// Decodes entities (to a fixed point), then removes stray tags.
pub(crate) fn repair(text: &str) -> Option<Pass> {
    let mut entities = decode_entities(text);
    for _ in 0..3 {
        let Some(pass) = entities.take() else { break };
        match decode_entities(&pass.text) {
            Some(next) => entities = Some(pass.then(next)),
            None => {
                entities = Some(pass);
                break;
            }
        }
    }
    let tags = remove_tags(entities.as_ref().map_or(text, |p| p.text.as_str()));
    match (entities, tags) {
        (Some(e), Some(t)) => Some(e.then(t)),
        (e, t) => e.or(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        repair(text).map_or_else(|| text.to_owned(), |p| p.text)
    }

    #[test]
    fn things_that_only_look_like_markup_stay() {
        for text in ["a < b and c > d", "<Reuters> wrote", "R&D spending", "&notanentity; &#xZZ;", "x &#0; y"] {
            assert_eq!(fixed(text), text);
        }
    }

    #[test]
    fn numeric_windows_1252_references_mean_their_characters() {
        assert_eq!(fixed("it&#146;s"), "it’s");
    }

    #[test]
    fn escaped_tags_come_out_as_breaks() {
        assert_eq!(fixed("one&lt;/p&gt;&lt;p&gt;two"), "one\n\ntwo");
    }
}
