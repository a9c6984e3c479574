//! Run the pipeline with the built-in gazetteer over text files and write
//! `mentions.jsonl` and `events.jsonl` in the layout `shared/eval/score.py`
//! reads. A development aid; the Python package is the real front end.
//!
//! ```text
//! cargo run --release -p tarikh-core --example dump -- OUT_DIR FILE... [--date DOC_ID=YYYY-MM-DD ...]
//! ```
//! The doc_id of a file is its stem. Without `--date`, publication dates are
//! detected in the text.

use std::fs;
use std::io::Write;
use std::path::Path;

use serde_json::json;
use tarikh_core::extract::{DocInput, Extractor};
use tarikh_core::{Date, Kind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Path::new(&args[0]);
    fs::create_dir_all(out).expect("create the output folder");
    let mut files = Vec::new();
    let mut dates = std::collections::HashMap::new();
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        if a == "--date" {
            let v = it.next().expect("--date DOC_ID=YYYY-MM-DD");
            let (id, d) = v.split_once('=').expect("--date DOC_ID=YYYY-MM-DD");
            dates.insert(id.to_string(), Date::parse_iso(d).expect("an ISO date"));
        } else {
            files.push(a.clone());
        }
    }
    let ex = Extractor::builtin().expect("the built-in gazetteer builds");
    let gaz = ex.gazetteer();
    let mut mf = fs::File::create(out.join("mentions.jsonl")).unwrap();
    let mut ef = fs::File::create(out.join("events.jsonl")).unwrap();
    for f in &files {
        let text = fs::read_to_string(f).expect("a UTF-8 text file");
        let id = Path::new(f)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let doc = DocInput {
            text: Some(&text),
            pub_date: dates.get(&id).copied(),
        };
        let o = ex.process(&doc).expect("processed");
        for m in &o.mentions {
            let e = &gaz.entries()[m.entry as usize];
            if e.kind == Kind::Trigger {
                continue;
            }
            let row = json!({"doc_id": id, "start": m.char_start, "end": m.char_end, "kind": e.kind.as_str(),
                "name": e.name, "entity_id": e.id, "surface": &text[m.start..m.end], "confidence": m.confidence});
            writeln!(mf, "{row}").unwrap();
        }
        // persons the gazetteer lacks (after mentions: score.py reads sets)
        for p in &o.names {
            let words = &text[p.start..p.end];
            let name = words.split_whitespace().collect::<Vec<_>>().join(" ");
            let row = json!({"doc_id": id, "start": p.char_start, "end": p.char_end, "kind": "person",
                "name": name, "entity_id": null, "surface": words, "confidence": p.cue.confidence()});
            writeln!(mf, "{row}").unwrap();
        }
        let name = |i: Option<u32>| i.map(|i| gaz.entries()[i as usize].name.clone());
        for ev in &o.events {
            let country = ev
                .location
                .and_then(|i| gaz.entries()[i as usize].country.clone());
            let s = &o.sentences[ev.sentence as usize];
            let row = json!({"doc_id": id, "event_type": ev.event_type,
                "date": ev.date.map(|d| d.to_iso()), "date_precision": ev.date_precision.map(|p| p.as_str()),
                "location": name(ev.location), "country": country, "actor1": name(ev.actor1), "actor2": name(ev.actor2),
                "quantity": ev.quantity, "trigger": &text[ev.trigger.0..ev.trigger.1], "sentence": &text[s.start..s.end]});
            writeln!(ef, "{row}").unwrap();
        }
    }
}
