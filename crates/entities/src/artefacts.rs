//! Names garbled by machine translation from Chinese, resolved to the
//! party they stand for (see `data/lexicon/zh-short-forms.tsv` for the
//! mechanism and its facts).

use std::collections::HashMap;

const TABLE: &str = include_str!("../../../data/lexicon/zh-short-forms.tsv");

/// The facts of `zh-short-forms.tsv`.
pub struct ZhForms {
    /// State code → its one-character short forms.
    short: HashMap<String, Vec<char>>,
    /// State or region code → the first character of its Chinese name.
    first_char: HashMap<String, char>,
    /// Latin syllable (lower case) → characters it may stand for.
    readings: HashMap<String, Vec<char>>,
    /// Phrases that show copy translated from Chinese.
    pub markers: Vec<String>,
}

impl ZhForms {
    /// Reads the embedded table.
    pub fn load() -> ZhForms {
        let mut forms = ZhForms {
            short: HashMap::new(),
            first_char: HashMap::new(),
            readings: HashMap::new(),
            markers: Vec::new(),
        };
        for line in TABLE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() != 5 {
                continue;
            }
            let first = f[2].chars().next();
            match (f[0], first) {
                ("short", Some(c)) => forms.short.entry(f[1].to_owned()).or_default().push(c),
                ("name", Some(c)) => {
                    forms.first_char.insert(f[1].to_owned(), c);
                }
                ("reading", Some(c)) => forms.readings.entry(f[3].to_lowercase()).or_default().push(c),
                ("marker", _) => forms.markers.push(f[3].to_owned()),
                _ => {}
            }
        }
        forms
    }

    /// The party among `parties` whose short form a garbled mention of
    /// `code` passes through (`ASA` → 亚 → `ARM`), if exactly one does.
    pub fn party_for(&self, code: &str, parties: &[String]) -> Option<(String, char)> {
        let c = *self.first_char.get(code)?;
        let mut hits = parties.iter().filter(|p| *p != code && self.short.get(*p).is_some_and(|s| s.contains(&c)));
        let hit = hits.next()?;
        hits.next().is_none().then(|| (hit.clone(), c))
    }

    /// The parties whose short forms a transliterated word spells out
    /// (`Ya` → `ARM`, `Aya` → `AZE` and `ARM`), when every syllable maps to
    /// exactly one of `parties`.
    pub fn parties_spelled(&self, word: &str, parties: &[String]) -> Option<Vec<String>> {
        let lower = word.to_lowercase();
        let mut out = Vec::new();
        let mut rest = lower.as_str();
        while !rest.is_empty() {
            // Longest syllable first.
            let (len, party) = self
                .readings
                .iter()
                .filter(|(syl, _)| rest.starts_with(syl.as_str()))
                .filter_map(|(syl, chars)| {
                    let mut ps = parties
                        .iter()
                        .filter(|p| self.short.get(*p).is_some_and(|s| s.iter().any(|c| chars.contains(c))));
                    let p = ps.next()?;
                    ps.next().is_none().then(|| (syl.len(), p.clone()))
                })
                .max_by_key(|(len, _)| *len)?;
            out.push(party);
            rest = &rest[len..];
        }
        (!out.is_empty()).then_some(out)
    }

    /// True when `text` shows signs of translation from Chinese.
    pub fn translated_from_chinese(&self, text: &str) -> bool {
        self.markers.iter().any(|m| text.contains(m.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbled_names_pass_through_short_forms() {
        let forms = ZhForms::load();
        let parties = vec!["AZE".to_owned(), "ARM".to_owned(), "RUS".to_owned()];
        assert_eq!(forms.party_for("ASA", &parties).unwrap().0, "ARM");
        assert_eq!(forms.party_for("AFG", &parties).unwrap().0, "AZE");
        assert_eq!(forms.party_for("DZA", &parties).unwrap().0, "AZE");
        assert_eq!(forms.party_for("ARB", &parties).unwrap().0, "AZE");
        assert!(forms.party_for("AFG", &["ARM".to_owned()]).is_none());
        assert_eq!(forms.parties_spelled("Aya", &parties).unwrap(), ["AZE", "ARM"]);
        assert_eq!(forms.parties_spelled("Ya", &parties).unwrap(), ["ARM"]);
        assert!(forms.parties_spelled("Yemen", &parties).is_none());
    }
}
