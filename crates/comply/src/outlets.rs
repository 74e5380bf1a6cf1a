//! Outlets and how far to trust them.
//!
//! Each outlet carries a source-reliability grade on the NATO Admiralty
//! scale (A completely reliable … E unreliable, F cannot be judged, the
//! default), may republish another outlet's copy (`syndicates`: its copies
//! are not a second source), and may speak for a party (`party`: its
//! account of that party's own conduct is not independent evidence, and
//! its account of the other side's conduct is that party's claim).
//!
//! ```toml
//! [outlet."Harbour Wire"]
//! grade = "B"
//!
//! [outlet."Daily Aggregator"]
//! syndicates = "Harbour Wire"
//!
//! [outlet."Ansar Allah Media Office"]
//! grade = "D"
//! party = "YEMREB"
//! ```

use serde::Deserialize;
use std::collections::HashMap;

/// The outlets a user has graded.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlets {
    /// By outlet name as the reports give it.
    #[serde(default, rename = "outlet")]
    outlets: HashMap<String, Outlet>,
}

/// One outlet's entry.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Admiralty source-reliability grade, `A` to `F`.
    #[serde(default)]
    pub grade: Option<String>,
    /// The outlet whose copy this one republishes.
    #[serde(default)]
    pub syndicates: Option<String>,
    /// The party this outlet speaks for.
    #[serde(default)]
    pub party: Option<String>,
    /// A note for people.
    #[serde(default)]
    pub note: Option<String>,
}

impl Outlets {
    /// Reads an outlets file; errors name the line.
    pub fn parse(file: &str, text: &str) -> Result<Outlets, String> {
        let outlets: Outlets = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            format!("{file}:{line}: {}", e.message().trim())
        })?;
        for (name, o) in &outlets.outlets {
            if let Some(g) = &o.grade
                && !matches!(g.as_str(), "A" | "B" | "C" | "D" | "E" | "F")
            {
                return Err(format!("{file}: outlet `{name}`: grade `{g}` is not on the Admiralty scale A–F"));
            }
        }
        // Looked up without regard to case (`Harbour Wire`, `harbour wire`).
        let outlets = outlets.outlets.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect();
        Ok(Outlets { outlets })
    }

    /// The grade of an outlet (`F`, cannot be judged, when not graded; a
    /// syndicating outlet without its own grade takes its origin's).
    pub fn grade(&self, outlet: Option<&str>) -> char {
        let Some(name) = outlet else { return 'F' };
        let entry = self.lookup(name);
        if let Some(g) = entry.and_then(|o| o.grade.as_deref()).and_then(|g| g.chars().next()) {
            return g;
        }
        match entry.and_then(|o| o.syndicates.as_deref()) {
            Some(origin) if origin != name => {
                self.lookup(origin).and_then(|o| o.grade.as_deref()).and_then(|g| g.chars().next()).unwrap_or('F')
            }
            _ => 'F',
        }
    }

    /// The outlet whose copy this is: follows `syndicates` to its end, so
    /// two outlets that run the same wire count once.
    pub fn origin<'a>(&'a self, outlet: &'a str) -> &'a str {
        let mut current = outlet;
        for _ in 0..8 {
            match self.lookup(current).and_then(|o| o.syndicates.as_deref()) {
                Some(next) if next != current => current = next,
                _ => break,
            }
        }
        current
    }

    /// The party an outlet speaks for.
    pub fn party(&self, outlet: Option<&str>) -> Option<&str> {
        self.lookup(outlet?)?.party.as_deref()
    }

    /// Whether `outlet` republishes another's copy.
    pub fn syndicated_from(&self, outlet: &str) -> Option<&str> {
        self.lookup(outlet)?.syndicates.as_deref()
    }

    fn lookup(&self, name: &str) -> Option<&Outlet> {
        if self.outlets.is_empty() {
            return None;
        }
        self.outlets.get(name).or_else(|| self.outlets.get(&name.to_lowercase()))
    }

    /// How much one independent source of this grade adds to a verdict's
    /// confidence (F, cannot be judged, sits between C and D).
    pub fn weight(grade: char) -> f64 {
        match grade {
            'A' => 0.9,
            'B' => 0.75,
            'C' => 0.6,
            'D' => 0.4,
            'E' => 0.15,
            _ => 0.5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_syndication_and_parties() {
        let o = Outlets::parse(
            "outlets.toml",
            "[outlet.\"Harbour Wire\"]\ngrade = \"B\"\n[outlet.\"Daily Aggregator\"]\nsyndicates = \"Harbour Wire\"\n[outlet.\"Army Media\"]\ngrade = \"D\"\nparty = \"YEMGOV\"\n",
        )
        .unwrap();
        assert_eq!(o.grade(Some("Harbour Wire")), 'B');
        assert_eq!(o.grade(Some("harbour wire")), 'B');
        assert_eq!(o.grade(Some("Daily Aggregator")), 'B');
        assert_eq!(o.grade(Some("Unknown Post")), 'F');
        assert_eq!(o.grade(None), 'F');
        assert_eq!(o.origin("Daily Aggregator"), "Harbour Wire");
        assert_eq!(o.party(Some("Army Media")), Some("YEMGOV"));
    }

    #[test]
    fn bad_grades_and_fields_are_refused() {
        assert!(Outlets::parse("o.toml", "[outlet.X]\ngrade = \"G\"\n").unwrap_err().contains("Admiralty"));
        assert!(Outlets::parse("o.toml", "[outlet.X]\ngrad = \"A\"\n").unwrap_err().starts_with("o.toml:2"));
    }
}
