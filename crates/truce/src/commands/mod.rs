//! One module per subcommand.

mod agreement;
mod annotate;
mod bench;
mod code;
pub mod compliance;
mod demo;
mod docs;
mod eval;
pub mod export;
mod ingest;
mod queue;
mod status;

use crate::Outcome;
use crate::cli::{AgreementCommand, BenchCommand, Command, DbArgs, EvalCommand, InputArgs};
use std::path::PathBuf;

/// Runs a subcommand.
pub fn run(command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Demo(args) => demo::run(&args),
        Command::Annotate(args) => annotate::run(&args),
        Command::Code(args) => code::run(&args),
        Command::Ingest(args) => ingest::run(&args),
        Command::Docs(args) => docs::run(&args),
        Command::Agreement(AgreementCommand::Add(args)) => agreement::add(&args),
        Command::Agreement(AgreementCommand::List(args)) => agreement::list(&args),
        Command::Agreement(AgreementCommand::Show(args)) => agreement::show(&args),
        Command::Agreement(AgreementCommand::Draft(args)) => agreement::draft(&args),
        Command::Status(args) => status::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Serve(args) => serve(&args),
        Command::Enqueue(args) => queue::enqueue(&args),
        Command::Worker(args) => queue::worker(&args),
        Command::Queue(args) => queue::show(&args),
        Command::Bench(BenchCommand::Intake(args)) => bench::intake(&args),
        Command::Bench(BenchCommand::Generate(args)) => bench::generate(&args),
        Command::Bench(BenchCommand::Entities(args)) => bench::entities(&args),
        Command::Bench(BenchCommand::Time(args)) => bench::time(&args),
        Command::Bench(BenchCommand::Pipeline(args)) => bench::pipeline(&args),
        Command::Bench(BenchCommand::Places(args)) => bench::places(&args),
        Command::Eval(EvalCommand::Entities(args)) => eval::entities(&args),
        Command::Eval(EvalCommand::Timeml(args)) => eval::timeml(&args),
        Command::Eval(EvalCommand::Events(args)) => eval::events(&args),
        Command::Eval(EvalCommand::Geo(args)) => eval::geo(&args),
        Command::Eval(EvalCommand::Compliance(args)) => eval::compliance(&args),
    }
}

/// `truce serve`.
fn serve(args: &crate::cli::ServeArgs) -> anyhow::Result<Outcome> {
    let pipeline =
        crate::pipeline::Pipeline::with_gazetteer(&args.input.dictionaries, args.input.gazetteer.as_deref())?;
    let engine = compliance::Engine::load(&args.comply)?;
    let options = crate::server::ServeOptions {
        addr: args.addr.clone(),
        db: args.db.path()?,
        tokens: args.tokens.clone(),
        max_body: args.max_body,
        readers: args.readers,
    };
    crate::server::serve(options, pipeline, engine, args.input.options())?;
    Ok(Outcome::Success)
}

impl InputArgs {
    /// Intake options from the flags.
    pub fn options(&self) -> truce_text::Options {
        truce_text::Options { date: self.date.clone(), max_bytes: self.max_size }
    }
}

impl DbArgs {
    /// The record's path: `--db`, else `TRUCE_DB`, else the user's data
    /// directory.
    pub fn path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        if let Some(p) = std::env::var_os("TRUCE_DB").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(p));
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .ok_or_else(|| anyhow::anyhow!("no --db given and neither TRUCE_DB nor HOME is set"))?;
        Ok(data.join("truce").join("truce.db"))
    }

    /// Opens the record, creating its directory if needed. A
    /// `postgres://` URL opens that database instead; the path returned is
    /// then the URL without its password, for messages.
    pub fn open(&self) -> anyhow::Result<(truce_store::Store, PathBuf)> {
        use anyhow::Context;
        let path = self.path()?;
        let location = path.to_string_lossy().into_owned();
        if truce_store::is_postgres_url(&location) {
            let shown = truce_store::redacted_url(&location);
            let store = truce_store::Store::open_location(&location)
                .with_context(|| format!("cannot open the record {shown}"))?;
            return Ok((store, PathBuf::from(shown)));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let store =
            truce_store::Store::open(&path).with_context(|| format!("cannot open the record {}", path.display()))?;
        Ok((store, path))
    }
}
