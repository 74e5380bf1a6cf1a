//! The stages after intake, wired once per run.

use anyhow::Context;
use std::path::{Path, PathBuf};
use truce_core::Document;
use truce_lexicon::{Lexicon, LexiconBuilder};

/// The stages and the resources they share.
pub struct Pipeline {
    entities: truce_entities::Resources<'static>,
    time: truce_time::Resources,
    events: truce_events::Resources,
    places: truce_geo::Resources,
}

impl Pipeline {
    /// The default dictionaries plus the user's (`--dict`): files named
    /// `…patterns.tsv` add event patterns, the others actors and places.
    pub fn new(user_files: &[PathBuf]) -> anyhow::Result<Pipeline> {
        Pipeline::with_gazetteer(user_files, None)
    }

    /// Like [`Pipeline::new`], with a gazetteer file instead of the
    /// built-in one. A gazetteer that cannot be loaded costs the places,
    /// not the run: the error is reported and events keep the places the
    /// text names, without coordinates.
    pub fn with_gazetteer(user_files: &[PathBuf], gazetteer: Option<&Path>) -> anyhow::Result<Pipeline> {
        let is_patterns = |p: &PathBuf| p.to_string_lossy().to_ascii_lowercase().ends_with("patterns.tsv");
        let (pattern_files, user_dictionaries): (Vec<&PathBuf>, Vec<&PathBuf>) =
            user_files.iter().partition(|p| is_patterns(p));
        let mut patterns = Vec::new();
        for path in pattern_files {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the event pattern file {}", path.display()))?;
            patterns.push((path.display().to_string(), text));
        }
        let events = truce_events::Resources::with_patterns(&patterns).context("loading a user pattern file")?;
        let lexicon: &'static Lexicon = if user_dictionaries.is_empty() {
            Lexicon::default_lexicon()
        } else {
            let mut builder = LexiconBuilder::with_defaults().context("loading the default dictionaries")?;
            for path in user_dictionaries {
                builder.add_file(path).context("loading a user dictionary")?;
            }
            // Built once per run and used until the process ends.
            Box::leak(Box::new(builder.build()))
        };
        let loaded = match gazetteer {
            // Loaded once per run and used until the process ends.
            Some(path) => {
                truce_geo::Gazetteer::from_file(path).map(|g| &*Box::leak(Box::new(g))).map_err(|e| e.to_string())
            }
            None => truce_geo::Gazetteer::embedded().map_err(|e| e.to_string()),
        };
        let places = match loaded {
            Ok(g) => truce_geo::Resources::with_gazetteer(g),
            Err(e) => {
                eprintln!("truce: {e}; going on without places (events keep the place names, without coordinates)");
                truce_geo::Resources::without_gazetteer()
            }
        };
        Ok(Pipeline {
            entities: truce_entities::Resources::new(lexicon),
            time: truce_time::Resources::new(),
            events,
            places,
        })
    }

    /// Runs every stage after intake on `doc`.
    pub fn run(&self, doc: &mut Document) {
        truce_entities::annotate(doc, &self.entities);
        truce_time::annotate(doc, &self.time);
        truce_events::annotate(doc, &self.events);
        truce_geo::annotate(doc, &self.places);
    }

    /// The places stage's resources (for `eval geo`).
    pub fn places(&self) -> &truce_geo::Resources {
        &self.places
    }
}
