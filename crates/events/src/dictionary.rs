//! The CAMEO code table and the verb and noun patterns, read from
//! `data/events/cameo.tsv`, `patterns.tsv` and `irregular-verbs.tsv`.

use foldhash::HashMap;

const CAMEO: &str = include_str!("../../../data/events/cameo.tsv");
const PATTERNS: &str = include_str!("../../../data/events/patterns.tsv");
const IRREGULAR: &str = include_str!("../../../data/events/irregular-verbs.tsv");

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// `0871`.
    pub code: String,
    /// `declare truce, ceasefire`.
    pub name: String,
    /// Goldstein scale value.
    pub goldstein: f32,
    /// QuadClass 1–4.
    pub quad: u8,
    /// PLOVER category, if any.
    pub plover: Option<String>,
}

/// A pattern: a head word (a verb in any inflection, or a noun) and the
/// words that must follow it in the clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The CAMEO code it signals.
    pub code: String,
    /// The words after the head; each a set of alternatives.
    pub rest: Vec<Vec<String>>,
    /// Words that must stand before the head in its clause, in its subject
    /// (`s:trucks|convoy` in the file: `aid trucks entered Gaza`); each a
    /// set of alternatives.
    pub subject: Vec<Vec<String>>,
    /// True for a noun head (nominal event).
    pub noun: bool,
    /// Line in the file, for review.
    pub line: usize,
}

/// The dictionaries, indexed by every inflected form of the heads.
#[derive(Debug, Default)]
pub struct Dictionary {
    pub(crate) codes: HashMap<String, Code>,
    pub(crate) by_form: HashMap<String, Vec<Pattern>>,
    irregular: HashMap<String, (String, String)>,
}

/// A pattern line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct PatternError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

/// The inflections of a regular verb: `call` → call, calls, called,
/// calling; `urge` → urges, urged, urging; `stop` → stopped.
pub fn inflect(base: &str, irregular: &HashMap<String, (String, String)>) -> Vec<String> {
    let mut forms = vec![base.to_owned()];
    let consonant = |c: char| !"aeiou".contains(c);
    let third = if base.ends_with('s') || base.ends_with('x') || base.ends_with("ch") || base.ends_with("sh") {
        format!("{base}es")
    } else if base.ends_with('y') && base.len() > 1 && consonant(base.chars().rev().nth(1).unwrap_or('a')) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    };
    forms.push(third);
    let chars: Vec<char> = base.chars().collect();
    let n = chars.len();
    // Short verbs ending consonant-vowel-consonant double it: stop → stopped.
    let doubles = (3..=4).contains(&n)
        && consonant(chars[n - 1])
        && !"wxy".contains(chars[n - 1])
        && !consonant(chars[n - 2])
        && consonant(chars[n - 3]);
    let stem = if doubles { format!("{base}{}", chars[n - 1]) } else { base.to_owned() };
    // Longer ones double only when the last syllable is stressed (expel →
    // expelled, but visit → visited), which spelling does not show: both
    // forms are listed, and the one English never writes matches nothing.
    let cvc = n > 4
        && consonant(chars[n - 1])
        && !"wxyh".contains(chars[n - 1])
        && !consonant(chars[n - 2])
        && consonant(chars[n - 3])
        && irregular.get(base).is_none();
    if cvc {
        let last = chars[n - 1];
        forms.push(format!("{base}{last}ed"));
        forms.push(format!("{base}{last}ing"));
    }
    if let Some((past, participle)) = irregular.get(base) {
        forms.push(past.clone());
        forms.push(participle.clone());
    } else if base.ends_with('e') {
        forms.push(format!("{base}d"));
    } else if base.ends_with('y') && n > 1 && consonant(chars[n - 2]) {
        forms.push(format!("{}ied", &base[..base.len() - 1]));
    } else {
        forms.push(format!("{stem}ed"));
    }
    if let Some(stem) = base.strip_suffix("ie") {
        forms.push(format!("{stem}ying"));
    } else if base.ends_with('e') && !base.ends_with("ee") {
        forms.push(format!("{}ing", &base[..base.len() - 1]));
    } else {
        forms.push(format!("{stem}ing"));
    }
    forms.sort();
    forms.dedup();
    forms
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") || noun.ends_with('x') {
        format!("{noun}es")
    } else if noun.ends_with('y') && !noun.ends_with("ey") && !noun.ends_with("ay") {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

impl Dictionary {
    /// Reads the embedded files.
    pub fn load() -> Dictionary {
        let mut d = Dictionary::code_table();
        // The embedded file is checked by a test; a bad line there would
        // be skipped rather than stop every run.
        for (line, f) in rows(PATTERNS) {
            let _ = d.add_pattern(line, &f);
        }
        d
    }

    /// The code table and irregular verbs without any pattern: the base a
    /// user's pattern file is checked against.
    pub fn code_table() -> Dictionary {
        let mut d = Dictionary::default();
        for (_, f) in rows(CAMEO).filter(|(_, f)| f.len() >= 5) {
            let (Ok(goldstein), Ok(quad)) = (f[2].parse(), f[3].parse()) else { continue };
            let plover = Some(f[4].to_owned()).filter(|p| p != "-");
            d.codes.insert(
                f[0].to_owned(),
                Code { code: f[0].to_owned(), name: f[1].to_owned(), goldstein, quad, plover },
            );
        }
        d.irregular = rows(IRREGULAR)
            .filter(|(_, f)| f.len() == 3)
            .map(|(_, f)| (f[0].to_owned(), (f[1].to_owned(), f[2].to_owned())))
            .collect();
        d
    }

    /// Adds the patterns of a user's file in the format of
    /// `data/events/patterns.tsv`; the whole file is refused at its first
    /// bad line. Returns how many patterns were added.
    pub fn add_patterns(&mut self, file: &str, text: &str) -> Result<usize, PatternError> {
        let parsed: Vec<(usize, Vec<&str>)> = rows(text).collect();
        for (line, f) in &parsed {
            self.check_pattern(f).map_err(|message| PatternError { file: file.to_owned(), line: *line, message })?;
        }
        for (line, f) in &parsed {
            let _ = self.add_pattern(*line, f);
        }
        Ok(parsed.len())
    }

    /// Why a pattern line cannot be used, if it cannot.
    fn check_pattern(&self, f: &[&str]) -> Result<(), String> {
        if f.len() < 2 {
            return Err("expected code<TAB>pattern[<TAB>source]".into());
        }
        if !(2..=4).contains(&f[0].len()) || !f[0].bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("event code {:?} is not a CAMEO code of 2 to 4 digits", f[0]));
        }
        if !self.codes.contains_key(f[0]) {
            return Err(format!("event code {:?} is not in the CAMEO table", f[0]));
        }
        let head = f[1].split_whitespace().next().unwrap_or("");
        match head.split_once(':') {
            Some(("v" | "n", base)) if !base.is_empty() => Ok(()),
            _ => Err(format!("pattern {:?} must start with v:VERB or n:NOUN", f[1])),
        }
    }

    fn add_pattern(&mut self, line: usize, f: &[&str]) -> Result<(), String> {
        self.check_pattern(f)?;
        let mut words = f[1].split_whitespace().filter(|w| *w != "_");
        let head = words.next().unwrap_or_default();
        let (subject, rest): (Vec<&str>, Vec<&str>) = words.partition(|w| w.starts_with("s:"));
        let alternatives = |w: &str| w.split('|').map(str::to_lowercase).filter(|a| !a.is_empty()).collect::<Vec<_>>();
        let rest: Vec<Vec<String>> = rest.into_iter().map(alternatives).collect();
        let subject: Vec<Vec<String>> = subject.into_iter().map(|w| alternatives(&w[2..])).collect();
        if subject.iter().any(Vec::is_empty) {
            return Err(format!("pattern {:?}: `s:` needs a word", f[1]));
        }
        let (noun, base) = match head.split_once(':') {
            Some(("n", b)) => (true, b),
            Some((_, b)) => (false, b),
            None => return Err("no head".into()),
        };
        let forms: Vec<String> = base
            .to_lowercase()
            .split('|')
            .flat_map(|b| if noun { vec![b.to_owned(), plural(b)] } else { inflect(b, &self.irregular) })
            .collect();
        let pattern = Pattern { code: f[0].to_owned(), rest, subject, noun, line };
        for form in forms {
            self.by_form.entry(form).or_default().push(pattern.clone());
        }
        Ok(())
    }

    /// The code table entry of `code`, or of its nearest parent.
    pub fn code(&self, code: &str) -> Option<&Code> {
        let mut c = code;
        loop {
            if let Some(found) = self.codes.get(c) {
                return Some(found);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_inflected() {
        let irregular: HashMap<String, (String, String)> =
            [("withdraw".to_owned(), ("withdrew".to_owned(), "withdrawn".to_owned()))].into_iter().collect();
        assert_eq!(inflect("call", &irregular), ["call", "called", "calling", "calls"]);
        assert_eq!(inflect("urge", &irregular), ["urge", "urged", "urges", "urging"]);
        assert_eq!(inflect("stop", &irregular), ["stop", "stopped", "stopping", "stops"]);
        assert_eq!(inflect("deny", &irregular), ["denied", "denies", "deny", "denying"]);
        assert!(inflect("withdraw", &irregular).contains(&"withdrew".to_owned()));
        for form in ["expelled", "expelling", "expels"] {
            assert!(inflect("expel", &irregular).contains(&form.to_owned()), "{form}");
        }
        assert!(inflect("visit", &irregular).contains(&"visited".to_owned()));
    }

    #[test]
    fn every_embedded_pattern_is_valid_and_user_files_are_checked() {
        let mut d = Dictionary::load();
        for (line, f) in rows(PATTERNS) {
            assert_eq!(d.check_pattern(&f), Ok(()), "data/events/patterns.tsv:{line}");
        }
        let added = d.add_patterns("mine-patterns.tsv", "# mine\n0874\tv:vacate trenches|positions\tmy notes\n");
        assert_eq!(added, Ok(1));
        assert!(d.by_form.get("vacated").is_some_and(|p| p.iter().any(|p| p.code == "0874")));
        let bad = d.add_patterns("x-patterns.tsv", "0874\tv:vacate\n0999\tv:vacate\n").unwrap_err();
        assert_eq!((bad.line, bad.message.contains("not in the CAMEO table")), (2, true), "{bad}");
        assert!(d.add_patterns("x", "0874\tvacate\n").unwrap_err().message.contains("v:VERB"));
    }

    #[test]
    fn the_embedded_files_load() {
        let d = Dictionary::load();
        assert!(d.codes.len() > 200, "{} codes", d.codes.len());
        assert!(d.by_form.len() > 300);
        assert_eq!(d.code("0871").unwrap().quad, 2);
        assert_eq!(d.code("19").unwrap().quad, 4);
    }
}
