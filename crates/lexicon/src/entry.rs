//! Dictionary entries and the names they are known by.

use std::fmt;

/// What an entry stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A state or territory (code: CAMEO country code).
    Country,
    /// An international or non-governmental organisation (`IGO…`, `NGO…`).
    Organisation,
    /// A generic agent: a noun for a sector (`troops` → `MIL`).
    Agent,
    /// A title that precedes or replaces a name (`foreign minister`).
    Title,
    /// A person, in one role for a stretch of dates.
    Person,
    /// A region or feature that is not a state (`Nagorno-Karabakh`).
    Place,
    /// A non-state armed group or de facto authority (`YEMREB` for the
    /// Houthis): an actor with a country and a sector in its code.
    Group,
}

impl EntryKind {
    /// The lower-case name used in messages and output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Country => "country",
            EntryKind::Organisation => "organisation",
            EntryKind::Agent => "agent",
            EntryKind::Title => "title",
            EntryKind::Person => "person",
            EntryKind::Place => "place",
            EntryKind::Group => "group",
        }
    }
}

/// How a name of an entry is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// The canonical name or an alias.
    Name,
    /// An adjective or demonym (`Azerbaijani`).
    Adjective,
    /// A capital city standing for its government (`Moscow said`).
    Capital,
    /// A person's surname alone (`Lavrov`): weaker evidence.
    Surname,
}

/// A calendar date, `YYYY-MM-DD`, comparable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. `end` chooses the last day
    /// of a partial date instead of the first.
    pub fn parse(s: &str, end: bool) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: Option<u32> = parts.next().map(|m| m.parse().ok()).unwrap_or(None);
        let day: Option<u32> = parts.next().map(|d| d.parse().ok()).unwrap_or(None);
        if parts.next().is_some() {
            return None;
        }
        let month = month.unwrap_or(if end { 12 } else { 1 });
        if !(1..=12).contains(&month) || !(1000..=9999).contains(&year) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let last = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
        let day = day.unwrap_or(if end { last } else { 1 });
        (1..=last).contains(&day).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The dates an entry holds for; open ends hold forever.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Validity {
    /// First day, if bounded.
    pub from: Option<Date>,
    /// Last day, if bounded.
    pub to: Option<Date>,
}

impl Validity {
    /// True when the entry holds on `date`; an unknown date matches all.
    pub fn holds_on(&self, date: Option<Date>) -> bool {
        let Some(d) = date else { return true };
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

/// Where an entry was read from, for review and error messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file (`data/lexicon/countries.tsv`, or a user's path).
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One dictionary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What it is.
    pub kind: EntryKind,
    /// CAMEO code: `ARM`, `IGOOSC`, a sector (`GOV`) for agents and titles,
    /// a full actor code (`RUSGOV`) for people.
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// Role of a title or person (`foreign-minister`).
    pub role: Option<String>,
    /// When it holds (people's roles).
    pub valid: Validity,
    /// Where it was read.
    pub origin: Origin,
}

impl Entry {
    /// The country part of the code (`RUS` of `RUSGOV`, `IGO` of `IGOUNO`),
    /// for people, armed groups and countries.
    pub fn country(&self) -> Option<&str> {
        match self.kind {
            EntryKind::Country => Some(&self.code),
            EntryKind::Person | EntryKind::Group => self.code.get(..3),
            _ => None,
        }
    }
}
