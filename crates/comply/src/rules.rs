//! The compliance rules of `data/comply/rules.tsv`: which coded events are
//! evidence for each kind of provision, and which way.

use crate::agreement::KINDS;

const DEFAULT_RULES: &str = include_str!("../../../data/comply/rules.tsv");

/// What an event means for a provision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The obligor did what the provision asks.
    Complies,
    /// The obligor did what the provision forbids.
    Breaches,
    /// One party accuses another of a breach.
    Accuses,
}

/// One rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The provision kind.
    pub kind: String,
    /// Which way the evidence points.
    pub effect: Effect,
    /// CAMEO code prefixes.
    pub codes: Vec<String>,
    /// Word stems, one of which must be in the sentence (empty: none
    /// needed); `{object}` is the provision's object group.
    pub words: Vec<String>,
    /// Whether the event must be at the provision's object place.
    pub at_object: bool,
}

impl Rule {
    /// Whether a CAMEO code is one this rule takes.
    pub fn takes_code(&self, cameo: &str) -> bool {
        self.codes.iter().any(|c| cameo.starts_with(c.as_str()))
    }
}

/// All rules.
#[derive(Clone, Debug)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Rules {
    /// The embedded rules.
    pub fn load() -> Rules {
        let mut rules = Rules { rules: Vec::new() };
        rules.add("data/comply/rules.tsv", DEFAULT_RULES).expect("the embedded compliance rules are valid");
        rules
    }

    /// Adds rules in the format of `data/comply/rules.tsv`; an error names
    /// the file, the line and the reason.
    pub fn add(&mut self, file: &str, text: &str) -> Result<(), String> {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| format!("{file}:{}: {why}", i + 1);
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 5 {
                return Err(bad(&format!("expected 5 tab-separated columns, found {}", f.len())));
            }
            if !KINDS.contains(&f[0]) {
                return Err(bad(&format!("`{}` is not a provision kind ({})", f[0], KINDS.join(", "))));
            }
            let effect = match f[1] {
                "complies" => Effect::Complies,
                "breaches" => Effect::Breaches,
                "accuses" => Effect::Accuses,
                other => return Err(bad(&format!("`{other}` is not an effect (complies, breaches, accuses)"))),
            };
            let codes: Vec<String> = f[2].split('|').filter(|c| *c != "-").map(str::to_owned).collect();
            if codes.is_empty()
                || codes.iter().any(|c| c.is_empty() || c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(bad(&format!("`{}` is not a list of CAMEO code prefixes", f[2])));
            }
            let words: Vec<String> =
                f[3].split('|').filter(|w| *w != "-" && !w.is_empty()).map(|w| w.to_lowercase()).collect();
            let at_object = match f[4] {
                "object" => true,
                "-" => false,
                other => return Err(bad(&format!("`{other}` is not a place requirement (object or -)"))),
            };
            self.rules.push(Rule { kind: f[0].to_owned(), effect, codes, words, at_object });
        }
        Ok(())
    }

    /// The rules of one provision kind.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.iter().filter(move |r| r.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_rule_and_bad_lines_are_named() {
        let rules = Rules::load();
        for kind in KINDS {
            assert!(rules.of_kind(kind).next().is_some(), "no rule for {kind}");
        }
        let mut r = Rules::load();
        let e = r.add("mine.tsv", "# x\nceasefire\tbreaks\t19\t-\t-\n").unwrap_err();
        assert!(e.starts_with("mine.tsv:2:") && e.contains("breaks"), "{e}");
        assert!(r.add("mine.tsv", "truce\tbreaches\t19\t-\t-\n").unwrap_err().contains("not a provision kind"));
        assert!(r.add("mine.tsv", "ceasefire\tbreaches\tx9\t-\t-\n").unwrap_err().contains("code prefixes"));
    }
}
