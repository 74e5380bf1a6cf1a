//! The reviewable text files under `data/text/` that intake reads, and the
//! one parser they share.
//!
//! Every file has the same shape: `#` starts a comment line, blank lines are
//! ignored, and each other line is one entry with fields separated by tabs.
//! The files are embedded in the binary, so truce needs nothing installed;
//! a test loads each real file, so a bad edit fails the build's tests with
//! the file and line named.

/// One data file, embedded.
pub(crate) struct DataFile {
    pub name: &'static str,
    pub text: &'static str,
}

pub(crate) const HTML_ENTITIES: DataFile =
    DataFile { name: "data/text/html-entities.txt", text: include_str!("../../../data/text/html-entities.txt") };
pub(crate) const ABBREVIATIONS: DataFile =
    DataFile { name: "data/text/abbreviations.txt", text: include_str!("../../../data/text/abbreviations.txt") };
pub(crate) const SENTENCE_STARTERS: DataFile = DataFile {
    name: "data/text/sentence-starters.txt",
    text: include_str!("../../../data/text/sentence-starters.txt"),
};
pub(crate) const MONTHS: DataFile =
    DataFile { name: "data/text/months.txt", text: include_str!("../../../data/text/months.txt") };
pub(crate) const MARKUP: DataFile =
    DataFile { name: "data/text/markup.txt", text: include_str!("../../../data/text/markup.txt") };
pub(crate) const LANGUAGES: DataFile =
    DataFile { name: "data/text/languages.txt", text: include_str!("../../../data/text/languages.txt") };
pub(crate) const LANGUAGE_CUES: DataFile =
    DataFile { name: "data/text/language-cues.txt", text: include_str!("../../../data/text/language-cues.txt") };
pub(crate) const LAYOUT: DataFile =
    DataFile { name: "data/text/layout.txt", text: include_str!("../../../data/text/layout.txt") };

/// All embedded files, for the test that checks them.
#[cfg(test)]
pub(crate) const ALL: [DataFile; 8] =
    [HTML_ENTITIES, MARKUP, ABBREVIATIONS, SENTENCE_STARTERS, MONTHS, LANGUAGES, LANGUAGE_CUES, LAYOUT];

/// A line of a data file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    /// The file.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl DataFile {
    /// The entries: (line number, fields).
    pub fn entries(&self) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
        self.text.lines().enumerate().filter_map(|(i, line)| {
            let line = line.trim_end();
            if line.trim_start().is_empty() || line.trim_start().starts_with('#') {
                None
            } else {
                Some((i + 1, line.split('\t').map(str::trim).collect()))
            }
        })
    }

    /// Entries that must have exactly `n` fields.
    pub fn rows(&self, n: usize) -> Result<Vec<(usize, Vec<&'static str>)>, DataError> {
        self.entries()
            .map(|(line, fields)| {
                if fields.len() == n && fields.iter().all(|f| !f.is_empty()) {
                    Ok((line, fields))
                } else {
                    Err(self.error(line, format!("expected {n} tab-separated fields, found {}", fields.len())))
                }
            })
            .collect()
    }

    pub fn error(&self, line: usize, message: String) -> DataError {
        DataError { file: self.name.to_owned(), line, message }
    }
}
