//! Reading what the user gives: files, directories, JSON Lines, standard
//! input. Each document read is either a [`Document`] or an
//! [`IntakeError`] naming the input and the reason; one bad input never
//! stops the others.

use crate::{IntakeError, Options, Reason, annotate};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use truce_core::{Document, Format, Source};

/// One document's worth of raw input.
#[derive(Debug, Clone, Default)]
pub struct RawDocument {
    /// How to name it in messages and in the record.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its form, if known; otherwise sniffed from the bytes.
    pub format: Option<Format>,
    /// Metadata the input already had (JSON Lines fields).
    pub source: Source,
}

/// What a file's name says about its form.
fn format_from_name(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "txt" | "text" | "md" => Some(Format::Text),
        _ => None,
    }
}

/// What the first bytes say about the form.
pub(crate) fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body") {
        return Format::Html;
    }
    if trimmed.starts_with('{') {
        let first_line = trimmed.lines().next().unwrap_or("");
        let is_record = serde_json::from_str::<serde_json::Value>(first_line)
            .is_ok_and(|v| v.get("text").is_some_and(serde_json::Value::is_string));
        if is_record || (lower.contains("\"text\"") && first_line.len() == trimmed.len().min(first_line.len())) {
            return Format::Jsonl;
        }
    }
    Format::Text
}

/// Metadata fields read from a JSON Lines record.
fn source_from_record(record: &serde_json::Map<String, serde_json::Value>, name: String) -> Source {
    let field = |key: &str| record.get(key).and_then(|v| v.as_str()).map(str::to_owned).filter(|s| !s.is_empty());
    let external_id = record.get("id").and_then(|v| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    Source {
        input: name,
        format: Format::Jsonl,
        encoding: "UTF-8".into(),
        external_id,
        url: field("url"),
        outlet: field("outlet"),
        published: field("published"),
        date: field("date"),
        language: field("language"),
        title: field("title"),
        style: field("style"),
    }
}

/// Turns one JSON Lines line into a document.
pub(crate) fn jsonl_line(line: &[u8], name: String, options: &Options) -> Result<Document, IntakeError> {
    let err = |reason| IntakeError { input: name.clone(), reason };
    let text = std::str::from_utf8(line).map_err(|e| err(Reason::Json(format!("not UTF-8: {e}"))))?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| err(Reason::Json(e.to_string())))?;
    let serde_json::Value::Object(record) = value else {
        return Err(err(Reason::Json("a line must be a JSON object".into())));
    };
    let Some(body) = record.get("text").and_then(|v| v.as_str()) else {
        return Err(err(Reason::Json("the object has no \"text\" string".into())));
    };
    let source = source_from_record(&record, name.clone());
    annotate(body.to_owned(), source, options).map_err(err)
}

/// Reads every document under `paths` (files, directories, `-` for standard
/// input), calling `each` with each document or error in order.
pub fn read_paths(paths: &[PathBuf], options: &Options, each: &mut dyn FnMut(Result<Document, IntakeError>)) {
    for path in paths {
        if path.as_os_str() == "-" {
            read_stdin(options, each);
        } else {
            read_path(path, options, each);
        }
    }
}

fn read_stdin(options: &Options, each: &mut dyn FnMut(Result<Document, IntakeError>)) {
    let mut bytes = Vec::new();
    let limit = options.max_bytes as u64 + 1;
    if let Err(e) = std::io::stdin().lock().take(limit).read_to_end(&mut bytes) {
        each(Err(IntakeError { input: "-".into(), reason: Reason::Io(e.to_string()) }));
        return;
    }
    if sniff(&bytes) == Format::Jsonl {
        let reader = std::io::Cursor::new(bytes);
        read_jsonl(reader, "-", options, each);
        return;
    }
    each(crate::intake_bytes(RawDocument { name: "-".into(), bytes, ..Default::default() }, options));
}

fn read_path(path: &Path, options: &Options, each: &mut dyn FnMut(Result<Document, IntakeError>)) {
    let name = path.display().to_string();
    let err = |reason| IntakeError { input: name.clone(), reason };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return each(Err(err(Reason::Io(e.to_string())))),
    };
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return each(Err(err(Reason::Io(e.to_string())))),
        };
        // Sorted, so runs are repeatable; hidden files are skipped.
        entries.sort();
        for entry in entries {
            let hidden = entry.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if !hidden {
                read_path(&entry, options, each);
            }
        }
        return;
    }
    let by_name = format_from_name(path);
    if by_name == Some(Format::Jsonl) {
        match File::open(path) {
            Ok(f) => read_jsonl(BufReader::new(f), &name, options, each),
            Err(e) => each(Err(err(Reason::Io(e.to_string())))),
        }
        return;
    }
    if meta.len() > options.max_bytes as u64 {
        // A large file of JSON Lines is fine: it is read a line at a time.
        let mut head = [0u8; 2048];
        let n = File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
        if by_name.is_none()
            && sniff(&head[..n]) == Format::Jsonl
            && let Ok(f) = File::open(path)
        {
            read_jsonl(BufReader::new(f), &name, options, each);
            return;
        }
        return each(Err(err(Reason::TooLarge { size: meta.len(), limit: options.max_bytes as u64 })));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return each(Err(err(Reason::Io(e.to_string())))),
    };
    let format = by_name.unwrap_or_else(|| sniff(&bytes));
    if format == Format::Jsonl {
        read_jsonl(std::io::Cursor::new(bytes), &name, options, each);
        return;
    }
    each(crate::intake_bytes(RawDocument { name, bytes, format: Some(format), ..Default::default() }, options));
}

/// Reads JSON Lines a line at a time, so files of any size stream; each
/// document or error is named `NAME:LINE`.
pub fn read_jsonl(
    mut reader: impl BufRead,
    name: &str,
    options: &Options,
    each: &mut dyn FnMut(Result<Document, IntakeError>),
) {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let limit = options.max_bytes as u64 + 1;
        match (&mut reader).take(limit).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                each(Err(IntakeError { input: format!("{name}:{number}"), reason: Reason::Io(e.to_string()) }));
                break;
            }
        }
        let line_name = format!("{name}:{number}");
        if line.len() as u64 >= limit && !line.ends_with(b"\n") {
            // Skip the rest of the oversized line, then go on.
            let mut rest = Vec::new();
            let _ = reader.read_until(b'\n', &mut rest);
            each(Err(IntakeError {
                input: line_name,
                reason: Reason::TooLarge { size: (line.len() + rest.len()) as u64, limit: options.max_bytes as u64 },
            }));
            continue;
        }
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        let trimmed = trimmed.strip_prefix(b"\xef\xbb\xbf").unwrap_or(trimmed);
        each(jsonl_line(trimmed, line_name, options));
    }
}
