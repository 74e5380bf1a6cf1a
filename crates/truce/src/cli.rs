//! The command line: every subcommand and flag, defined once here.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// truce reads conflict reporting (wire copy, statements, monitors' notes,
/// often machine-translated and mis-encoded) and keeps the record of what
/// happened, what was agreed and who complied.
#[derive(Debug, Parser)]
#[command(name = "truce", version, about, long_about = None, propagate_version = true)]
#[command(after_help = "Start with `truce demo` to see a built-in report taken in.\n\
Exit status: 0 when all went well, 1 when some input failed, 2 on a usage error.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run truce on its built-in example report and show what it reads.
    Demo(DemoArgs),
    /// Print the annotated document(s) of FILE as JSON.
    ///
    /// One document prints as one pretty JSON object; several (a JSON Lines
    /// file, a directory) print as JSON Lines, one object a line.
    Annotate(AnnotateArgs),
    /// Take documents into the record (an SQLite file, or PostgreSQL with --db postgres://…).
    ///
    /// Documents are keyed by a hash of their text: ingesting the same text
    /// twice stores it once.
    Ingest(IngestArgs),
    /// Stream the coded events of FILE(s): one JSON object a line, or
    /// tab-separated with --format tsv.
    Code(CodeArgs),
    /// List the documents in the record.
    Docs(DocsArgs),
    /// Agreements: add (validate and store), list, show, or draft one from
    /// its text.
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// The board of an agreement (or of all): for every provision and
    /// party, where it stands and the evidence, as of a day.
    Status(StatusArgs),
    /// The record's events in the field's forms: JSON lines, GDELT 2.0
    /// event columns, ACLED-style CSV, GeoJSON, HXL-tagged CSV.
    Export(ExportArgs),
    /// Serve the record: the HTTP API (under /api/, described at
    /// /openapi.json) and the dashboard (timeline, map, boards, review).
    ///
    /// Reading is open to whoever can reach the address; writing (ingest,
    /// review) needs a token from --tokens, or the one printed at start.
    Serve(ServeArgs),
    /// Put documents in the record's ingest queue, for `truce worker`
    /// processes to code.
    Enqueue(EnqueueArgs),
    /// Code the documents of the ingest queue into the record. Run as many
    /// as there are cores, on one machine or several sharing the record:
    /// each document is coded by one of them, and one killed mid-document
    /// leaves it to the others once its lease runs out.
    Worker(WorkerArgs),
    /// How the ingest queue stands: waiting, claimed, failed (with why).
    Queue(QueueArgs),
    /// Measure truce's speed.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Score truce against gold annotations.
    #[command(subcommand)]
    Eval(EvalCommand),
}

/// `truce agreement …`.
#[derive(Debug, Subcommand)]
pub enum AgreementCommand {
    /// Check agreement files (TOML, see docs/agreements.md) and store them;
    /// an agreement with the same id is replaced. Errors name the field and
    /// the line.
    Add(AgreementAddArgs),
    /// List the stored agreements.
    List(AgreementListArgs),
    /// Show a stored agreement: parties, times, provisions.
    Show(AgreementShowArgs),
    /// Draft an agreement file from an agreement's own text (numbered
    /// points, "shall", deadlines, the effective time) for a person to
    /// review; prints TOML.
    Draft(AgreementDraftArgs),
}

/// Settings of the compliance engine.
#[derive(Debug, Args)]
pub struct ComplyArgs {
    /// Outlets' reliability grades, syndication and party ties (TOML, see
    /// docs/agreements.md) [default: $TRUCE_OUTLETS if set].
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
    /// Extra evidence rules, in the format of data/comply/rules.tsv
    /// (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

/// `truce agreement add`.
#[derive(Debug, Args)]
pub struct AgreementAddArgs {
    /// Agreement files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Extra actor dictionaries whose codes parties may use (repeatable).
    #[arg(long = "dict", value_name = "FILE")]
    pub dictionaries: Vec<PathBuf>,
    #[command(flatten)]
    pub comply: ComplyArgs,
}

/// `truce agreement list`.
#[derive(Debug, Args)]
pub struct AgreementListArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// One JSON object a line instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `truce agreement show`.
#[derive(Debug, Args)]
pub struct AgreementShowArgs {
    /// The agreement's id.
    pub id: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Print the agreement as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `truce agreement draft`.
#[derive(Debug, Args)]
pub struct AgreementDraftArgs {
    /// The agreement's text (plain text; `-` for standard input).
    #[arg(value_name = "FILE|-")]
    pub path: PathBuf,
    /// The day it was signed (YYYY-MM-DD), when the text does not say;
    /// relative dates are anchored on it.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
}

/// Forms of `truce export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// truce's event JSON, one object a line.
    Jsonl,
    /// GDELT 2.0 event table columns, tab-separated, with a header row: one
    /// row per happening (reports of one act grouped; NumMentions,
    /// NumSources, NumArticles counted over them); geography country
    /// codes are ISO alpha-3, where GDELT uses FIPS.
    Gdelt,
    /// ACLED-style CSV (event and sub-event types, actors and their
    /// inter codes, geo and time precision); only violence,
    /// demonstrations and strategic developments.
    Acled,
    /// A GeoJSON FeatureCollection of the events that have coordinates.
    Geojson,
    /// CSV with a row of HXL hashtags under the header.
    Hxl,
    /// One JSON object a line per happening: the events of many reports
    /// of one act grouped, with mentions, sources and independent sources.
    Happenings,
}

/// `truce export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output form.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Only events on or after this day.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<String>,
    /// Only events on or before this day.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<String>,
    /// Only events of this modality (repeatable: asserted, planned, …).
    #[arg(long)]
    pub modality: Vec<String>,
    /// Only events whose CAMEO code starts so (repeatable: 19, 0871).
    #[arg(long)]
    pub cameo: Vec<String>,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Outlets' syndication (for counting independent sources), as for
    /// `truce status` [default: $TRUCE_OUTLETS if set].
    #[arg(long, value_name = "FILE")]
    pub outlets: Option<PathBuf>,
}

/// `truce serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7341")]
    pub addr: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Write tokens: `NAME TOKEN` a line (tokens of 16 characters or
    /// more); the name is what the audit log records. Without it, one
    /// token is made for the session and printed.
    #[arg(long, value_name = "FILE")]
    pub tokens: Option<PathBuf>,
    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::server::DEFAULT_MAX_BODY)]
    pub max_body: usize,
    /// Reading connections to the record.
    #[arg(long, default_value_t = 4)]
    pub readers: usize,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub comply: ComplyArgs,
}

/// `truce enqueue`.
#[derive(Debug, Args)]
pub struct EnqueueArgs {
    /// Files or directories to read (recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

/// `truce worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub comply: ComplyArgs,
    /// Keep waiting for new documents instead of stopping when the queue
    /// is empty.
    #[arg(long)]
    pub follow: bool,
    /// Seconds a claim holds before another worker may take the document
    /// over (a worker that died on it).
    #[arg(long, default_value_t = 300)]
    pub lease: i64,
    /// Documents claimed, coded and stored together.
    #[arg(long, default_value_t = 16)]
    pub batch: usize,
    /// Where alerts go, as for `truce ingest`.
    #[arg(long, value_name = "FILE|-")]
    pub alerts: Option<PathBuf>,
    /// The day verdicts are recomputed for when the queue is drained
    /// (default: today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<String>,
}

/// `truce queue`.
#[derive(Debug, Args)]
pub struct QueueArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Seconds a claim holds, as given to the workers.
    #[arg(long, default_value_t = 300)]
    pub lease: i64,
}

/// Output forms of `truce status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// A table for people (coloured on a terminal).
    Table,
    /// One JSON object per agreement, a line each.
    Json,
}

/// `truce status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The agreement's id (default: every stored agreement).
    pub agreement: Option<String>,
    /// The day the board stands on, from the reports published by then
    /// (default: today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<String>,
    /// Output form.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
    /// List the evidence under each verdict.
    #[arg(long)]
    pub evidence: bool,
    /// Show how each verdict changed over time instead of one day's board.
    #[arg(long)]
    pub history: bool,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub comply: ComplyArgs,
}

/// `truce eval …`.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Entity links: every gold mention must be covered by a mention with
    /// the gold code and entity.
    ///
    /// GOLD is either an analyst's expectations file with an `entities`
    /// list (mentions by character offset into the original document,
    /// given with --doc), or JSON Lines of `{"doc", "text", "nth", "code",
    /// "entity"}` records naming documents of the --corpus JSON Lines file
    /// by their `id`.
    Entities(EvalEntitiesArgs),
    /// Time expressions against TimeML documents (TimeBank, AQUAINT), scored
    /// as TempEval-3 scores them: strict and relaxed extent F1, type and
    /// value F1. Each document is anchored on its creation time.
    Timeml(EvalTimemlArgs),
    /// Coded events against PLOVER gold-standard records (JSON with a
    /// `records` list: `text`, `source`/`target` actors with `code`,
    /// `event` category): category, source, target and triple agreement.
    Events(EvalEventsArgs),
    /// Toponym resolution against geoparsing gold (TR-News, GeoVirus, LGL
    /// XML): accuracy within 161 km, country accuracy, the area under the
    /// log-error curve and mean error, plus recognition precision/recall.
    Geo(EvalGeoArgs),
    /// Compliance boards against an analyst's expected verdicts: agreement
    /// files and a corpus are run through the whole pipeline, and each
    /// verdict is compared with the statuses the EXPECTED table accepts
    /// (`agreement<TAB>provision<TAB>party<TAB>status|status<TAB>why`).
    Compliance(EvalComplianceArgs),
}

/// `truce eval compliance`.
#[derive(Debug, Args)]
pub struct EvalComplianceArgs {
    /// The expected verdicts (TSV).
    pub expected: PathBuf,
    /// The reports (files or directories; JSON Lines with outlet and
    /// published date work best).
    #[arg(long = "corpus", value_name = "PATH", required = true)]
    pub corpus: Vec<PathBuf>,
    /// Agreement files (repeatable).
    #[arg(long = "agreement", value_name = "FILE", required = true)]
    pub agreements: Vec<PathBuf>,
    /// The day the boards stand on (default: today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub comply: ComplyArgs,
    /// Print one JSON object with the figures.
    #[arg(long)]
    pub json: bool,
    /// Print the evidence of each verdict that does not match.
    #[arg(long)]
    pub verbose: bool,
}

/// `truce eval events`.
#[derive(Debug, Args)]
pub struct EvalEventsArgs {
    /// The gold file.
    pub gold: PathBuf,
    /// Print one JSON object with the figures.
    #[arg(long)]
    pub json: bool,
    /// Print each disagreement.
    #[arg(long)]
    pub verbose: bool,
}

/// `truce eval timeml`.
#[derive(Debug, Args)]
pub struct EvalTimemlArgs {
    /// A directory of `.tml` files (searched recursively), or one file.
    pub dir: PathBuf,
    /// Print one JSON object with the figures.
    #[arg(long)]
    pub json: bool,
    /// Print each wrong value (gold, then truce's).
    #[arg(long)]
    pub verbose: bool,
}

/// `truce eval entities`.
#[derive(Debug, Args)]
pub struct EvalEntitiesArgs {
    /// The gold file.
    pub gold: PathBuf,
    /// The document the expectations file is about.
    #[arg(long)]
    pub doc: Option<PathBuf>,
    /// The JSON Lines corpus the gold records name documents of.
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Document date for --doc (else the expectations file's
    /// `document_date`).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
    /// Print one JSON object with the figures.
    #[arg(long)]
    pub json: bool,
    /// Print every miss.
    #[arg(long)]
    pub verbose: bool,
}

/// Options shared by commands that read documents.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The document date (YYYY-MM-DD) that relative dates are anchored on;
    /// overrides the date the source gives.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
    /// Largest document accepted, in bytes (JSON Lines files of any size
    /// stream; the limit applies to each line).
    #[arg(long, value_name = "BYTES", default_value_t = truce_text::DEFAULT_MAX_BYTES)]
    pub max_size: usize,
    /// An extra dictionary file (repeatable): truce's own formats
    /// (`…countries.tsv`, `…people.tsv`, … see data/lexicon/README.md),
    /// TABARI/PETRARCH `.actors` and `.agents` files, or event patterns
    /// (`…patterns.tsv`, in the format of data/events/patterns.tsv).
    #[arg(long = "dict", value_name = "FILE")]
    pub dictionaries: Vec<PathBuf>,
    /// A gazetteer file written by data/geo/build.sh, instead of the one
    /// built in. If it cannot be read the run goes on without places.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
}

/// `truce demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Show how truce reads one report of the demo (repairs, layout,
    /// mentions, times, places, events) instead of the board.
    #[arg(long)]
    pub report: bool,
    /// With --report: print the annotated report as JSON; else the board
    /// as JSON.
    #[arg(long)]
    pub json: bool,
    /// The day the demo board stands on (default: the day after the last
    /// report).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<String>,
    /// List the evidence under each verdict.
    #[arg(long)]
    pub evidence: bool,
}

/// `truce annotate`.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Files or directories to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE|-")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// One JSON object a line, even for a single document.
    #[arg(long)]
    pub compact: bool,
}

/// Where the record is.
#[derive(Debug, Args)]
pub struct DbArgs {
    /// The record: an SQLite file, or a PostgreSQL URL (postgres://USER@HOST/DB) [default: $TRUCE_DB, else
    /// $XDG_DATA_HOME/truce/truce.db, else ~/.local/share/truce/truce.db].
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
}

/// Output forms of `truce code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CodeFormat {
    /// One JSON object a line, the event contract of the design.
    Jsonl,
    /// Tab-separated, one event a line, with a header.
    Tsv,
}

/// `truce code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Files or directories to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE|-")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output form.
    #[arg(long, value_enum, default_value_t = CodeFormat::Jsonl)]
    pub format: CodeFormat,
    /// Worker threads coding documents side by side (default: one per
    /// core). Events come out in input order whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `truce ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to read (recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub comply: ComplyArgs,
    /// Where alerts go when a verdict turns breached, overdue or contested:
    /// a file JSON lines are appended to, or `-` for standard output.
    #[arg(long, value_name = "FILE|-")]
    pub alerts: Option<PathBuf>,
    /// Also POST each alert as JSON to this URL (http://HOST[:PORT]/PATH).
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// The day verdicts are recomputed for after ingesting (default:
    /// today; set it when replaying an old feed).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<String>,
}

/// `truce docs`.
#[derive(Debug, Args)]
pub struct DocsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Show at most this many documents.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// One JSON object a line instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `truce bench …`.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Time intake (decode, repair, structure, sentences, tokens) on one
    /// core, over a generated corpus or the documents under PATHS.
    Intake(BenchIntakeArgs),
    /// Write a generated corpus of report-like text as JSON Lines, to feed
    /// `truce ingest` when measuring it.
    Generate(GenerateArgs),
    /// Time loading the default dictionaries, and the entities stage
    /// (matching, phrases, resolution) on one core.
    Entities(BenchIntakeArgs),
    /// Time the time stage (recognition, normalization, zones) on one core.
    Time(BenchIntakeArgs),
    /// Time the whole pipeline (intake to located events), as `truce code`
    /// runs it, on one core.
    Pipeline(BenchIntakeArgs),
    /// Time loading the gazetteer, name lookups, and the places stage
    /// (toponym recognition and resolution, event locations) on one core.
    Places(BenchIntakeArgs),
}

/// `truce bench intake`.
#[derive(Debug, Args)]
pub struct BenchIntakeArgs {
    /// Documents to time; without them a corpus is generated.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Size of the generated corpus in megabytes.
    #[arg(long, default_value_t = 64)]
    pub mb: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (`bench pipeline` only): documents are shared out
    /// among them, to measure how the pipeline scales over cores.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
}

/// `truce bench generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Size of the corpus in megabytes.
    #[arg(long, default_value_t = 100)]
    pub mb: usize,
}

/// Accepts a real calendar date written `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<String, String> {
    let bad = || format!("{s:?} is not a date written YYYY-MM-DD");
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(bad()) };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (y, m, d): (u32, u32, u32) =
        (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return Err(format!("{s:?} is not a real date"));
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_must_be_real() {
        assert!(parse_date("2020-12-03").is_ok());
        assert!(parse_date("2020-02-29").is_ok());
        assert!(parse_date("2021-02-29").is_err());
        assert!(parse_date("2020-13-01").is_err());
        assert!(parse_date("3 December").is_err());
    }
}

/// `truce eval geo`.
#[derive(Debug, Args)]
pub struct EvalGeoArgs {
    /// The gold file (XML: `<article>` with `<text>` and `<toponym>` or
    /// `<location>` elements).
    pub gold: PathBuf,
    /// Print one JSON object with the figures.
    #[arg(long)]
    pub json: bool,
    /// Print each toponym resolved more than 161 km from the gold point.
    #[arg(long)]
    pub verbose: bool,
}
