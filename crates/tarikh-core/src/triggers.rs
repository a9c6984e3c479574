//! The built-in trigger lexicon: French and English words that announce
//! an event of one of the 13 TAXONOMY event types.
//!
//! The lexicon is `data/triggers.csv`, in the gazetteer CSV format
//! (`docs/gazetteer-format.md`) with `kind` = `trigger`: one row per lemma,
//! its inflected and multiword forms as `aliases`, case-sensitive forms
//! (`IED`, `EEI`) as `acronyms`, and `tags` saying the language (`fr`, `en`),
//! the part of speech (`noun`, `verb`) and `weak` for words that often
//! appear without an event (`frappe`, `mort`, `reçu`, `met fin à`): event
//! extraction should require more evidence (an actor or a place) for them.
//! Matching is accent- and case-insensitive, so one spelling per folded form
//! is listed.
//!
//! # Examples
//!
//! ```
//! use tarikh_core::triggers::{builtin_triggers_csv, EVENT_TYPES};
//!
//! let csv = builtin_triggers_csv();
//! assert!(csv.starts_with("id,name,kind,aliases,acronyms,event_type,tags\n"));
//! assert!(csv.contains("trg:abduction:enlever,"));
//! assert_eq!(EVENT_TYPES.len(), 13);
//! ```

/// The 13 event types of TAXONOMY.md, in its order.
pub const EVENT_TYPES: [&str; 13] = [
    "attack",
    "clash",
    "remote_violence",
    "abduction",
    "killing",
    "release",
    "arrest",
    "seizure",
    "agreement",
    "joint_operation",
    "meeting",
    "diplomatic_rupture",
    "protest",
];

/// The built-in trigger lexicon, as gazetteer CSV text.
pub fn builtin_triggers_csv() -> &'static str {
    include_str!("../data/triggers.csv")
}

/// Whether `s` is one of the 13 TAXONOMY event types.
pub fn is_event_type(s: &str) -> bool {
    EVENT_TYPES.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::fold;
    use std::collections::{HashMap, HashSet};

    fn rows() -> Vec<csv::StringRecord> {
        let mut r = csv::Reader::from_reader(builtin_triggers_csv().as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(
            header,
            [
                "id",
                "name",
                "kind",
                "aliases",
                "acronyms",
                "event_type",
                "tags"
            ]
        );
        r.records().map(Result::unwrap).collect()
    }

    fn key(s: &str) -> String {
        fold(&s.replace(['’', '‘'], "'"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn lexicon_is_well_formed() {
        let rows = rows();
        assert!(rows.len() >= 100, "{} rows", rows.len());
        let mut ids = HashSet::new();
        let mut forms: HashMap<String, String> = HashMap::new();
        let mut langs: HashMap<&str, HashSet<String>> = HashMap::new();
        for r in &rows {
            let (id, name, kind, aliases, acronyms, et, tags) =
                (&r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6]);
            assert!(ids.insert(id.to_string()), "duplicate id {id}");
            assert_eq!(kind, "trigger", "{id}");
            assert!(is_event_type(et), "{id}: {et}");
            assert!(id.starts_with(&format!("trg:{et}:")), "{id}");
            let tags: Vec<&str> = tags.split('|').collect();
            assert!(
                tags.iter()
                    .all(|t| ["fr", "en", "noun", "verb", "weak"].contains(t)),
                "{id}: {tags:?}"
            );
            for l in ["fr", "en"] {
                if tags.contains(&l) {
                    langs.entry(l).or_default().insert(et.to_string());
                }
            }
            let all = std::iter::once(name)
                .chain(aliases.split('|').filter(|a| !a.is_empty()))
                .chain(acronyms.split('|').filter(|a| !a.is_empty()));
            for a in all {
                assert!(
                    a.chars().any(char::is_alphanumeric) && a.trim() == a,
                    "{id}: {a:?}"
                );
                if let Some(other) = forms.insert(key(a), id.to_string()) {
                    assert!(acronyms.contains(a), "{a:?} in {id} and {other}");
                }
            }
        }
        for l in ["fr", "en"] {
            assert_eq!(langs[l].len(), 13, "{l}: {:?}", langs[l]);
        }
    }

    #[test]
    fn issue_examples_are_covered() {
        let all: HashMap<String, String> = rows()
            .iter()
            .flat_map(|r| {
                let et = r[5].to_string();
                std::iter::once(r[1].to_string())
                    .chain(r[3].split('|').map(str::to_string))
                    .map(move |a| (key(&a), et.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let cases = [
            ("enlevé", "abduction"),
            ("enlevées", "abduction"),
            ("enlèvements", "abduction"),
            ("kidnappés", "abduction"),
            ("otages", "abduction"),
            ("libérés", "release"),
            ("attaques", "attack"),
            ("embuscade", "attack"),
            ("patrouilles conjointes", "joint_operation"),
            ("expulse", "diplomatic_rupture"),
            ("suspend sa coopération", "diplomatic_rupture"),
            ("met fin à", "diplomatic_rupture"),
            ("frappe de drone", "remote_violence"),
            ("engin explosif improvisé", "remote_violence"),
            ("démantelé", "arrest"),
            ("saisis", "seizure"),
            ("accords", "agreement"),
            ("délégation", "meeting"),
            ("reçus", "meeting"),
            ("assassinat", "killing"),
            ("affrontements", "clash"),
            ("manifestation", "protest"),
            ("kidnapped", "abduction"),
            ("drone strike", "remote_violence"),
            ("joint patrols", "joint_operation"),
            ("expelled", "diplomatic_rupture"),
            ("protesters", "protest"),
        ];
        for (w, et) in cases {
            assert_eq!(all.get(&key(w)).map(String::as_str), Some(et), "{w}");
        }
        // Over-generic words are not triggers.
        for w in ["force", "opération", "operation", "forces", "sécurité"] {
            assert!(!all.contains_key(&key(w)), "{w}");
        }
    }
}
