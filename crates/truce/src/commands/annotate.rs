//! `truce annotate`: the annotated document as JSON.

use crate::Outcome;
use crate::cli::AnnotateArgs;
use crate::output;
use std::io::Write;

pub fn run(args: &AnnotateArgs) -> anyhow::Result<Outcome> {
    let options = args.input.options();
    let pipeline =
        crate::pipeline::Pipeline::with_gazetteer(&args.input.dictionaries, args.input.gazetteer.as_deref())?;
    let mut docs = Vec::new();
    let mut failed = 0usize;
    truce_text::read_paths(&args.paths, &options, &mut |result| match result {
        Ok(mut doc) => {
            pipeline.run(&mut doc);
            docs.push(doc);
        }
        Err(err) => {
            failed += 1;
            output::report_failure(&err);
        }
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if docs.len() == 1 && !args.compact {
        output::json_pretty(&mut out, &docs[0])?;
    } else {
        for doc in &docs {
            output::json_line(&mut out, doc)?;
        }
    }
    out.flush()?;
    Ok(if failed == 0 { Outcome::Success } else { Outcome::SomeFailed })
}
