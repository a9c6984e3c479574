//! Event extraction: from trigger words in body sentences to events with
//! actors, place, date and quantity.

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::date::{Date, Precision};
use crate::dates::find_dates_with;
use crate::gazetteer::{Entry, Gazetteer, Kind};
use crate::matcher::Mention;
use crate::quantity::{find_quantities, QuantityMention};
use crate::segment::Sentence;
use crate::tokens::{tokenize_with, Kind as TokKind, Tok};
use crate::triggers::EVENT_TYPES;

/// Whether the text asserts the event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Modality {
    /// Reported as fact.
    #[default]
    Asserted,
    /// Denied (`a démenti`, `denied`).
    Negated,
    /// Reported with hedging (`aurait`, `selon des sources non confirmées`).
    Uncertain,
    /// Planned, threatened or hypothetical (`menace de`, `pourrait`).
    Planned,
}

impl Modality {
    /// The name used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Uncertain => "uncertain",
            Modality::Planned => "planned",
        }
    }
}

/// One event reported by a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// TAXONOMY event type.
    pub event_type: &'static str,
    /// Index of the evidence sentence in the document's sentences.
    pub sentence: u32,
    /// Byte span of the trigger in the original text (of the most
    /// informative mention when several were merged).
    pub trigger: (usize, usize),
    /// Gazetteer index of that trigger's entry (its id names the lemma, as
    /// `trg:abduction:enlever`).
    pub trigger_entry: u32,
    /// Gazetteer index of the acting party.
    pub actor1: Option<u32>,
    /// Gazetteer index of the party acted upon or the other party.
    pub actor2: Option<u32>,
    /// Gazetteer index of the most specific place (or country).
    pub location: Option<u32>,
    /// 1 place, 2 admin area, 3 country.
    pub geo_precision: Option<u8>,
    /// The event's date, at `date_precision`.
    pub date: Option<Date>,
    /// Precision of `date`.
    pub date_precision: Option<Precision>,
    /// Byte span of the date expression used, if any.
    pub date_span: Option<(usize, usize)>,
    /// Number of people concerned.
    pub quantity: Option<u64>,
    /// Whether `quantity` is approximate (`une vingtaine`).
    pub quantity_approx: bool,
    /// Asserted, negated, uncertain or planned.
    pub modality: Modality,
    /// How sure the extraction is, 0 to 1.
    pub confidence: f32,
    /// How many trigger mentions of the document were merged into this event.
    pub n_mentions: u32,
}

/// The four event types whose actors are parties of equal standing: actor1
/// is the first named party, actor2 the second.
pub const SYMMETRIC_TYPES: [&str; 4] = ["agreement", "joint_operation", "clash", "meeting"];

/// Event types whose noun trigger takes its victim, not its agent, as
/// genitive complement (`l'enlèvement d'un guide`, `the release of X`).
const PATIENT_GENITIVE: [&str; 5] = ["abduction", "killing", "release", "arrest", "seizure"];

/// ACLED's event type and sub-event type for a TAXONOMY event type.
///
/// `actor2_kind` is the kind of the party acted upon, when known: an attack
/// on an armed group or a state force is a battle (`Battles` / `Armed
/// clash`), on anyone else violence against civilians (`Violence against
/// civilians` / `Attack`). Types ACLED does not code (`meeting`,
/// `diplomatic_rupture`) and unknown types give `("", "")`. For
/// `remote_violence` and `protest`, whose sub-event type depends on the
/// trigger word, see [`acled_types_for_trigger`].
///
/// # Examples
/// ```
/// use tarikh_core::events::acled_types;
/// use tarikh_core::Kind;
/// assert_eq!(acled_types("attack", Some(Kind::StateForce)), ("Battles", "Armed clash"));
/// assert_eq!(acled_types("attack", None), ("Violence against civilians", "Attack"));
/// assert_eq!(acled_types("abduction", None), ("Violence against civilians", "Abduction/forced disappearance"));
/// assert_eq!(acled_types("meeting", None), ("", ""));
/// ```
pub fn acled_types(event_type: &str, actor2_kind: Option<Kind>) -> (&'static str, &'static str) {
    let armed_target = matches!(actor2_kind, Some(Kind::ArmedGroup | Kind::StateForce));
    match event_type {
        "attack" if armed_target => ("Battles", "Armed clash"),
        "attack" => ("Violence against civilians", "Attack"),
        "clash" => ("Battles", "Armed clash"),
        "remote_violence" => (
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        "abduction" => (
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        "killing" => ("Violence against civilians", "Attack"),
        "release" => ("Strategic developments", "Other"),
        "arrest" => ("Strategic developments", "Arrests"),
        "seizure" => ("Strategic developments", "Disrupted weapons use"),
        "agreement" => ("Strategic developments", "Agreement"),
        "joint_operation" => ("Strategic developments", "Other"),
        "protest" => ("Protests", "Peaceful protest"),
        _ => ("", ""),
    }
}

/// Like [`acled_types`], refined by the trigger entry's id
/// (`trg:remote_violence:frappe-de-drone`...): drone and air strikes,
/// shelling and suicide bombings get their own ACLED sub-event types, and
/// riots are ACLED's `Riots` / `Violent demonstration`.
///
/// # Examples
/// ```
/// use tarikh_core::events::acled_types_for_trigger;
/// assert_eq!(
///     acled_types_for_trigger("remote_violence", None, "trg:remote_violence:frappe-de-drone"),
///     ("Explosions/Remote violence", "Air/drone strike")
/// );
/// assert_eq!(acled_types_for_trigger("protest", None, "trg:protest:emeute"), ("Riots", "Violent demonstration"));
/// ```
pub fn acled_types_for_trigger(
    event_type: &str,
    actor2_kind: Option<Kind>,
    trigger_id: &str,
) -> (&'static str, &'static str) {
    let slug = trigger_id.rsplit(':').next().unwrap_or("");
    let has = |keys: &[&str]| keys.iter().any(|k| slug.contains(k));
    match event_type {
        "remote_violence" => {
            let sub = if has(&["drone", "aerien", "airstrike", "frappe", "larguer"]) {
                "Air/drone strike"
            } else if has(&["obus", "bombing", "bombardement"]) {
                "Shelling/artillery/missile attack"
            } else if has(&["kamikaze", "suicide"]) {
                "Suicide bomb"
            } else {
                "Remote explosive/landmine/IED"
            };
            ("Explosions/Remote violence", sub)
        }
        "protest" if has(&["emeute", "riot"]) => ("Riots", "Violent demonstration"),
        _ => acled_types(event_type, actor2_kind),
    }
}

// ---------------------------------------------------------------------------
// Word lists. Folded (lower case, no accents), as the tokenizer gives them.

/// Words that, right before a place name, say it is where something happened.
const PLACE_CUES: &[&str] = &[
    "au",
    "aux",
    "en",
    "dans",
    "vers",
    "sur",
    "pres",
    "in",
    "near",
    "at",
    "around",
    "outside",
    "inside",
    "towards",
    "toward",
    "from",
    "outskirts",
];
/// Nouns that make a following `de`/`of` a place cue (`région de`, `près de`).
const PLACE_NOUNS: &[&str] = &[
    "pres",
    "proximite",
    "environs",
    "alentours",
    "region",
    "localite",
    "village",
    "ville",
    "commune",
    "cercle",
    "province",
    "departement",
    "prefecture",
    "nord",
    "sud",
    "est",
    "ouest",
    "centre",
    "abords",
    "peripherie",
    "banlieue",
    "secteur",
    "frontaliere",
    "town",
    "city",
    "district",
    "vicinity",
    "area",
    "north",
    "south",
    "east",
    "west",
    "outskirts",
    "near",
    "localites",
    "villages",
];
/// Determiners skipped between a cue and a place (`dans la région de`).
const ARTICLES: &[&str] = &["le", "la", "les", "l", "the"];
/// Capitalised words that do not make a neighbouring place name part of a
/// person's name.
const FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l", "des", "de", "du", "d", "un", "une", "au", "aux", "a", "en", "et",
    "ou", "dans", "selon", "pour", "par", "sur", "the", "an", "in", "of", "and", "on", "at", "by",
    "for", "from", "to", "with", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "mais",
    "depuis", "apres", "avant", "lors", "vers", "pres", "entre", "contre", "since", "after",
    "before", "near",
];
/// French and English auxiliaries of the passive before a participle.
const PASSIVE_AUX: &[&str] = &[
    "ete", "etre", "est", "sont", "etait", "etaient", "fut", "furent", "soit", "soient", "was",
    "were", "been", "being", "is", "are", "get", "got",
];
/// Auxiliaries of the active compound past.
const ACTIVE_AUX: &[&str] = &[
    "a", "ont", "avait", "avaient", "aurait", "auraient", "avons", "has", "have", "had",
];
/// Words that introduce the target of an act.
const TARGET_CUES: &[&str] = &[
    "contre",
    "visant",
    "ciblant",
    "against",
    "targeting",
    "targeted",
    "vise",
];
/// Verbs and nouns of reporting: a date right after them is when the news
/// was told, not when the event happened (`publié dimanche`).
const REPORT_WORDS: &[&str] = &[
    "publie",
    "publiee",
    "annonce",
    "annoncee",
    "indique",
    "declare",
    "communique",
    "published",
    "announced",
    "said",
    "reported",
    "posted",
    "updated",
    "jour",
    "confirme",
    "affirme",
];
/// Nouns of reporting: `l'annonce de sa mort par X` names who announced,
/// not who killed.
const REPORT_NOUNS: &[&str] = &[
    "annonce",
    "confirmation",
    "revendication",
    "nouvelle",
    "announcement",
    "news",
    "report",
    "claim",
];
/// Prepositions that mark an actor as a complement, never a subject.
const NON_SUBJECT_PREPS: &[&str] = &[
    "avec",
    "with",
    "contre",
    "against",
    "entre",
    "between",
    "pour",
    "for",
    "a",
    "au",
    "aux",
    "par",
    "by",
    "to",
    "vers",
    "selon",
    "chez",
    "sans",
    "without",
    "according",
];
/// Words after a number that make it something other than a count of people.
const NON_PEOPLE_UNITS: &[&str] = &[
    "jour",
    "jours",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    "semaine",
    "semaines",
    "heure",
    "heures",
    "minute",
    "minutes",
    "h",
    "day",
    "days",
    "month",
    "months",
    "year",
    "years",
    "week",
    "weeks",
    "hour",
    "hours",
    "km",
    "kilometres",
    "kilometre",
    "kilometers",
    "kilometer",
    "metres",
    "m",
    "miles",
    "mile",
    "francs",
    "fcfa",
    "cfa",
    "dollars",
    "euros",
    "usd",
    "eur",
    "tonnes",
    "tons",
    "kg",
    "litres",
    "pour",
    "percent",
    "millions",
    "milliards",
    "million",
    "billion",
    "fois",
    "times",
    "ha",
    "hectares",
    "pays",
    "countries",
    "nations",
    "etats",
    "states",
    "fronts",
];
/// Cues of a hedged report.
const UNCERTAIN_CUES: &[&str] = &[
    "aurait",
    "auraient",
    "serait",
    "seraient",
    "presume",
    "presumes",
    "presumee",
    "presumees",
    "presumement",
    "reportedly",
    "allegedly",
    "alleged",
    "apparemment",
    "possiblement",
];
/// Cues of a planned, threatened or hypothetical act.
const PLANNED_CUES: &[&str] = &[
    "pourrait",
    "pourraient",
    "devrait",
    "devraient",
    "menace",
    "menacent",
    "menacait",
    "menacaient",
    "envisage",
    "envisagent",
    "prevoit",
    "prevoient",
    "projette",
    "projettent",
    "planifie",
    "planifier",
    "would",
    "could",
    "might",
    "threatened",
    "threatens",
    "threaten",
    "plans",
    "plan",
    "planned",
    "planning",
    "will",
    "va",
    "vont",
    "compte",
    "comptent",
    "intend",
    "intends",
];
/// Cues of a denial or negation.
const NEGATION_CUES: &[&str] = &[
    "dementi",
    "dement",
    "dementent",
    "dementi",
    "denied",
    "denies",
    "deny",
    "denying",
    "not",
    "never",
    "no",
    "sans",
    "without",
    "jamais",
    "aucun",
    "aucune",
    "nie",
    "nient",
    "refute",
    "refutent",
];
/// Anaphoric heads (`ce groupe`) resolved to the last armed group named.
const GROUP_ANAPHORS: &[&str] = &[
    "groupe",
    "organisation",
    "mouvement",
    "group",
    "organization",
    "movement",
];
const DEMONSTRATIVES: &[&str] = &[
    "ce", "cet", "cette", "ces", "this", "that", "these", "those",
];
/// Trigger surfaces naming the people involved rather than the act
/// (`les ex-otages ont été reçus à Bamako`): they make an event, but the
/// places, dates and agents around them belong to other acts.
const PARTICIPANT_NOUNS: &[&str] = &[
    "otage",
    "otages",
    "hostage",
    "hostages",
    "assaillant",
    "assaillants",
    "attaquant",
    "attaquants",
    "ravisseur",
    "ravisseurs",
    "kidnappeurs",
    "kidnappers",
    "captors",
    "abductors",
    "manifestant",
    "manifestants",
    "manifestantes",
    "protesters",
    "protestors",
    "demonstrators",
    "rioters",
    "emeutier",
    "emeutiers",
    "gunmen",
    "attackers",
    "assailants",
];
/// Intransitive trigger phrases whose subject is the victim
/// (`les otages ont recouvré la liberté`), read like passives.
const PATIENT_SUBJECT: &[&str] = &[
    "recouvre la liberte",
    "recouvrent la liberte",
    "retrouve la liberte",
    "trouve la mort",
    "tombe dans",
    "tombes dans",
    "porte disparu",
    "portes disparus",
    "remis en liberte",
    "remise en liberte",
    "remises en liberte",
    "remis en libertes",
];
/// Groups of event types that, told in one sentence, share a place and a
/// date (`s'est rendue à Bamako pour signer des accords`).
const CO_LOCATED: &[&[&str]] = &[
    &["meeting", "agreement"],
    &["attack", "clash", "remote_violence", "killing"],
];
/// Event types that are consequences of the operation told just before in
/// the same paragraph, from which they take place, date and actors.
const CONSEQUENCES: &[&str] = &["seizure", "killing", "arrest"];
const OPERATIONS: &[&str] = &["attack", "clash", "remote_violence", "joint_operation"];

// ---------------------------------------------------------------------------

/// How a field was found: higher is more trustworthy when merging.
type Rank = u8;
const RANK_INHERITED: Rank = 1;
const RANK_SYNTAX: Rank = 2;
const RANK_AGENT: Rank = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Actor,
    Place,
}

/// An entity mention of one sentence, with its token span and role.
#[derive(Clone, Copy, Debug)]
struct Ent {
    entry: u32,
    start: usize,
    end: usize,
    t0: usize,
    t1: usize,
    role: Role,
    /// For places: preceded by a place cue.
    cued: bool,
    /// For places: 1 place, 2 admin area, 3 country.
    prec: u8,
    /// For actors: not a country (a group, force, body or person).
    specific: bool,
}

/// A trigger mention of one sentence.
#[derive(Clone, Copy, Debug)]
struct Trig {
    entry: u32,
    start: usize,
    end: usize,
    t0: usize,
    t1: usize,
    ty: &'static str,
    weak: bool,
    verb: bool,
    passive: bool,
    /// Names the people involved (`otages`), see [`PARTICIPANT_NOUNS`].
    participant: bool,
}

/// One trigger's event before merging, with how each field was found.
#[derive(Clone, Debug)]
struct Cand {
    ev: Event,
    paragraph: u32,
    verb: bool,
    title: bool,
    rank1: Rank,
    rank2: Rank,
    loc_inherited: bool,
    participant: bool,
    /// Place and date were taken from another trigger of the sentence.
    shared: bool,
}

fn tok_at(toks: &[Tok], byte: usize) -> usize {
    toks.partition_point(|t| t.start < byte)
}

fn word_in(t: &Tok, list: &[&str]) -> bool {
    t.kind == TokKind::Word && list.contains(&t.folded())
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_boundary(t: &Tok, chars: &[char]) -> bool {
    matches!(t.kind, TokKind::Punct(c) if chars.contains(&c))
}

/// The geographic precision of an entry: 1 place, 2 admin area, 3 country;
/// `None` for entries that are not locations.
pub fn geo_precision(entry: &Entry) -> Option<u8> {
    match entry.kind {
        Kind::Country => Some(3),
        Kind::Place => {
            let admin = entry.has_tag("admin1")
                || entry.has_tag("admin2")
                || entry
                    .feature_code
                    .as_deref()
                    .is_some_and(|f| f.starts_with("A.ADM") || f.starts_with("A.PCL"));
            Some(if admin { 2 } else { 1 })
        }
        _ => None,
    }
}

/// Whether a place cue comes right before token `t0` (`à Kidal`, `près de
/// Gao`, `dans la région de Mopti`, `in Menaka`).
fn place_cued(text: &str, toks: &[Tok], t0: usize) -> bool {
    let mut k = t0;
    let prev = |k: usize| -> Option<usize> {
        let mut k = k.checked_sub(1)?;
        if toks[k].is_punct('\'') {
            k = k.checked_sub(1)?;
        }
        Some(k)
    };
    for _ in 0..2 {
        let Some(j) = prev(k) else { return false };
        let t = &toks[j];
        if t.kind != TokKind::Word {
            return false;
        }
        // `à` but not the verb `a` (`il a Kidal` is rare, `a attaqué` common)
        if t.folded == "a" {
            return text[t.start..t.end] != *"a";
        }
        if PLACE_CUES.contains(&t.folded()) {
            return true;
        }
        if matches!(t.folded(), "entre" | "between" | "avec" | "with") {
            let lo = j.saturating_sub(2);
            return toks[lo..j]
                .iter()
                .any(|w| word_in(w, &["frontiere", "frontieres", "border", "borders"]));
        }
        if matches!(t.folded(), "de" | "du" | "des" | "d" | "of") {
            let lo = j.saturating_sub(3);
            return toks[lo..j].iter().any(|w| word_in(w, PLACE_NOUNS));
        }
        if ARTICLES.contains(&t.folded()) {
            k = j;
            continue;
        }
        return false;
    }
    false
}

/// Whether a capitalised word that is not a function word sits right before
/// or after the span: `Zouman Sanogo`, `Oumarou Maïga` are people, not the
/// villages of the same name.
fn in_name(text: &str, toks: &[Tok], t0: usize, t1: usize) -> bool {
    let capital_word = |t: &Tok| {
        t.kind == TokKind::Word
            && t.folded.len() > 1
            && starts_upper(&text[t.start..t.end])
            && !FUNCTION_WORDS.contains(&t.folded())
    };
    let before = t0
        .checked_sub(1)
        .is_some_and(|k| toks[k].space_before || k == 0)
        && t0
            .checked_sub(1)
            .is_some_and(|k| capital_word(&toks[k]) && toks[t0].space_before);
    let after = toks
        .get(t1)
        .is_some_and(|t| t.space_before && capital_word(t));
    before || after
}

/// Classifies an entity mention of a sentence as actor or place, or drops
/// it (a common word or part of a person's name matched as a village, a
/// region, a lower-case place).
fn classify(text: &str, gaz: &Gazetteer, toks: &[Tok], m: &Mention) -> Option<Ent> {
    let e = &gaz.entries()[m.entry as usize];
    let t0 = tok_at(toks, m.start);
    let t1 = tok_at(toks, m.end).max(t0 + 1);
    let mut ent = Ent {
        entry: m.entry,
        start: m.start,
        end: m.end,
        t0,
        t1,
        role: Role::Actor,
        cued: false,
        prec: 0,
        specific: true,
    };
    match e.kind {
        Kind::Country => {
            let demonym = e.form(m.form as usize).is_some_and(|f| f.2);
            ent.specific = false;
            if !demonym && place_cued(text, toks, t0) {
                ent.role = Role::Place;
                ent.cued = true;
                ent.prec = 3;
            }
        }
        Kind::Place => {
            let surface = &text[m.start..m.end];
            if !starts_upper(surface) {
                return None;
            }
            let cued = place_cued(text, toks, t0);
            let nchars = surface.chars().count();
            let all_caps = surface
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            let plausible = !e.has_tag("common_word")
                && !all_caps
                && nchars >= 3
                && !in_name(text, toks, t0, t1);
            if !(plausible || cued && nchars >= 3) {
                return None;
            }
            ent.role = Role::Place;
            ent.cued = cued;
            ent.prec = geo_precision(e).unwrap_or(1);
        }
        Kind::ArmedGroup | Kind::StateForce | Kind::Organization | Kind::Person => {}
        Kind::Region | Kind::Trigger => return None,
    }
    Some(ent)
}

fn trigger_of(text: &str, gaz: &Gazetteer, toks: &[Tok], m: &Mention) -> Option<Trig> {
    let e = &gaz.entries()[m.entry as usize];
    let ty = e.event_type.as_deref()?;
    let ty = *EVENT_TYPES.iter().find(|t| **t == ty)?;
    let t0 = tok_at(toks, m.start);
    let t1 = tok_at(toks, m.end).max(t0 + 1);
    let surface = text[m.start..m.end].to_lowercase();
    if !accents_agree(e, &surface) {
        return None;
    }
    let folded = crate::tokens::fold(&surface).replace(['\u{2019}', '\u{2018}'], "'");
    let participant = PARTICIPANT_NOUNS.contains(&folded.rsplit(['-', ' ']).next().unwrap_or(""));
    let patient_subject = PATIENT_SUBJECT.iter().any(|p| folded.contains(p));
    let words: Vec<&Tok> = toks[t0..t1.min(toks.len())]
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .collect();
    let last = surface
        .split(|c: char| !c.is_alphabetic())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    let fr_participle = ["é", "ée", "és", "ées"].iter().any(|s| last.ends_with(s))
        || e.has_tag("verb")
            && ["u", "ue", "us", "ues", "i", "is", "ie", "ies"]
                .iter()
                .any(|s| last.ends_with(s));
    let en_participle =
        last.ends_with("ed") || last == "freed" || last == "held" || last == "taken";
    let verb = e.has_tag("verb")
        && (!e.has_tag("noun") || fr_participle || en_participle || words.len() > 1)
        || !e.has_tag("noun") && (fr_participle || en_participle);
    let passive = if patient_subject
        || words
            .iter()
            .any(|w| word_in(w, &["ete", "been", "was", "were"]))
    {
        true
    } else if words.len() > 1 && words.iter().any(|w| word_in(w, ACTIVE_AUX)) {
        false
    } else if fr_participle || en_participle {
        let before: Vec<&Tok> = toks[t0.saturating_sub(3)..t0]
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .collect();
        match before.last() {
            Some(w) if word_in(w, PASSIVE_AUX) => true,
            Some(w) if word_in(w, ACTIVE_AUX) => false,
            _ if before.len() >= 2 && word_in(before[before.len() - 2], PASSIVE_AUX) => true,
            // a bare French participle is passive (`les otages enlevés`); a
            // bare English one is a simple past unless `by` follows
            _ if fr_participle && !en_participle => true,
            _ => toks[t1.min(toks.len())..(t1 + 4).min(toks.len())]
                .iter()
                .any(|t| t.is_word("by")),
        }
    } else {
        false
    };
    Some(Trig {
        entry: m.entry,
        start: m.start,
        end: m.end,
        t0,
        t1,
        ty,
        weak: e.has_tag("weak"),
        verb,
        passive,
        participant,
    })
}

/// Whether the accents of a matched trigger agree with one of its forms:
/// the matcher folds accents, so `miné` (undermined) matches `mine`; a
/// surface may lack accents (`enleves`) but not add one the form has not.
fn accents_agree(e: &Entry, surface: &str) -> bool {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| {
                if c == '\u{2019}' || c == '\u{2018}' {
                    '\''
                } else {
                    c
                }
            })
            .collect()
    };
    let sur = norm(surface);
    if sur.iter().all(char::is_ascii) {
        return true;
    }
    (0..e.n_forms()).filter_map(|i| e.form(i)).any(|(f, _, _)| {
        let f = norm(&f.to_lowercase());
        f.len() == sur.len() && f.iter().zip(&sur).all(|(a, b)| a == b || b.is_ascii())
    })
}

/// The index of the trigger nearest to a span, preferring the trigger the
/// span follows on ties.
fn nearest(trigs: &[Trig], start: usize, end: usize, before_weight: usize) -> usize {
    let dist = |t: &Trig| {
        if start >= t.end {
            (start - t.end, 0)
        } else if t.start >= end {
            ((t.start - end) * before_weight, 1)
        } else {
            (0, 0)
        }
    };
    (0..trigs.len())
        .min_by_key(|&i| dist(&trigs[i]))
        .unwrap_or(0)
}

/// The agent of a passive or an event noun: the first actor after `par`,
/// `by` (and `grâce à`, `thanks to` for verbs) following the trigger, a
/// group or person rather than a country when both are there; `ce groupe`
/// is the last armed group named before.
fn agent(
    tr: &Trig,
    toks: &[Tok],
    actors: &[Ent],
    anaphor: Option<u32>,
    trigs: &[Trig],
) -> Option<u32> {
    let report = toks[tr.t0.saturating_sub(4)..tr.t0]
        .iter()
        .any(|t| word_in(t, REPORT_NOUNS));
    if tr.participant || report {
        return None;
    }
    let reach = if tr.verb { 12 } else { 8 };
    let mut p = None;
    for k in tr.t1..(tr.t1 + reach).min(toks.len()) {
        let t = &toks[k];
        if is_boundary(t, &[';', ':', '.', '?', '!']) || trigs.iter().any(|o| o.t0 == k) {
            break;
        }
        if t.is_word("par") || t.is_word("by") {
            p = Some(k);
            break;
        }
        if tr.verb
            && k + 1 < toks.len()
            && (t.is_word("grace") && toks[k + 1].is_word("a")
                || t.is_word("thanks") && toks[k + 1].is_word("to"))
        {
            p = Some(k + 1);
            break;
        }
    }
    let p = p?;
    let head: Vec<&Tok> = toks[p + 1..(p + 3).min(toks.len())].iter().collect();
    if head.len() == 2 && word_in(head[0], DEMONSTRATIVES) && word_in(head[1], GROUP_ANAPHORS) {
        if let Some(a) = anaphor {
            return Some(a);
        }
    }
    let end = p + 14;
    let stop = toks[p + 1..end.min(toks.len())]
        .iter()
        .position(|t| is_boundary(t, &[';', ':', '.']))
        .map_or(end, |i| p + 1 + i);
    let window: Vec<&Ent> = actors.iter().filter(|a| a.t0 > p && a.t0 < stop).collect();
    window
        .iter()
        .find(|a| a.specific)
        .or(window.first())
        .map(|a| a.entry)
}

/// Start of the trigger's clause: the sentence start or, scanning back,
/// the first boundary outside parentheses (`;`, `:`, quotes; also `,` for
/// nouns).
fn clause_start(tr: &Trig, toks: &[Tok]) -> usize {
    let mut depth = 0i32;
    let bounds: &[char] = if tr.verb {
        &[';', ':', '«', '»', '"', '“', '”']
    } else {
        &[';', ':', ',', '«', '»', '"', '“', '”']
    };
    for k in (0..tr.t0).rev() {
        let t = &toks[k];
        if t.is_punct(')') {
            depth += 1;
        } else if t.is_punct('(') {
            depth -= 1;
        } else if depth <= 0 && is_boundary(t, bounds) {
            return k + 1;
        }
    }
    0
}

/// Actors after the trigger reached through a `de`/`du`/`of` complement, a
/// target cue (`contre`, `visant`, `against`) or as direct object.
fn after_actor(
    tr: &Trig,
    toks: &[Tok],
    actors: &[Ent],
    exclude: Option<u32>,
    genitive: bool,
) -> Option<u32> {
    let limit = (tr.t1 + 10).min(toks.len());
    let stop = toks[tr.t1.min(limit)..limit]
        .iter()
        .position(|t| is_boundary(t, &[';', ':', '.']) || t.is_word("par") || t.is_word("by"))
        .map_or(limit, |i| tr.t1 + i);
    let cue = toks[tr.t1.min(stop)..stop]
        .iter()
        .position(|t| word_in(t, TARGET_CUES))
        .map(|i| tr.t1 + i);
    let near = |a: &&Ent| a.t0 >= tr.t1 && a.t0 < stop && Some(a.entry) != exclude;
    if let Some(c) = cue {
        if let Some(a) = actors.iter().filter(near).find(|a| a.t0 > c) {
            return Some(a.entry);
        }
    }
    let a = actors.iter().find(near)?;
    let between = &toks[tr.t1..a.t0];
    let has_de = between
        .iter()
        .any(|t| word_in(t, &["de", "du", "des", "d", "of"]));
    let comma = between.iter().any(|t| t.is_punct(','));
    if genitive && has_de || !genitive && !comma && a.t0 <= tr.t1 + 6 {
        Some(a.entry)
    } else {
        None
    }
}

/// Assigns actor1 and actor2 of one trigger from the sentence's actors,
/// with the rank of each.
fn assign_actors(
    tr: &Trig,
    toks: &[Tok],
    actors: &[Ent],
    anaphor: Option<u32>,
    trigs: &[Trig],
) -> (Option<u32>, Rank, Option<u32>, Rank) {
    let agent = agent(tr, toks, actors, anaphor, trigs);
    let cs = clause_start(tr, toks);
    let complement = |a: &Ent| {
        let mut k = a.t0;
        while k > 0 && (word_in(&toks[k - 1], ARTICLES) || toks[k - 1].is_punct('\'')) {
            k -= 1;
        }
        k > 0 && word_in(&toks[k - 1], NON_SUBJECT_PREPS)
    };
    let subject = actors
        .iter()
        .find(|a| a.t0 >= cs && a.t1 <= tr.t0 && !complement(a))
        .map(|a| a.entry);
    if SYMMETRIC_TYPES.contains(&tr.ty) {
        let mut parties: Vec<u32> = Vec::new();
        for e in agent.into_iter().chain(actors.iter().map(|a| a.entry)) {
            if !parties.contains(&e) {
                parties.push(e);
            }
        }
        let r = |o: Option<&u32>| if o.is_some() { RANK_SYNTAX } else { 0 };
        let a1 = parties.first().copied();
        let a2 = parties.get(1).copied();
        let r1 = if agent.is_some() {
            RANK_AGENT
        } else {
            r(a1.as_ref())
        };
        return (a1, r1, a2, r(a2.as_ref()));
    }
    let patient_gen = PATIENT_GENITIVE.contains(&tr.ty);
    let (a1, r1, a2) = if tr.passive {
        let a2 = subject.or_else(|| after_actor(tr, toks, actors, agent, false));
        (agent, RANK_AGENT, a2)
    } else if !tr.verb {
        let gen = after_actor(tr, toks, actors, agent, true);
        let (a1, r1) = match (agent, subject, patient_gen) {
            (Some(a), _, _) => (Some(a), RANK_AGENT),
            (None, Some(s), _) => (Some(s), RANK_SYNTAX),
            (None, None, false) => (gen, RANK_SYNTAX),
            (None, None, true) => (None, 0),
        };
        let a2 = if patient_gen || a1 != gen {
            gen
        } else {
            after_actor(tr, toks, actors, a1, false)
        };
        (a1, r1, a2.filter(|x| Some(*x) != a1))
    } else {
        let a1 = subject.or(agent);
        let a2 = after_actor(tr, toks, actors, a1, false);
        (a1, RANK_SYNTAX, a2)
    };
    let r1 = if a1.is_some() { r1 } else { 0 };
    let r2 = if a2.is_some() { RANK_SYNTAX } else { 0 };
    (a1, r1, a2, r2)
}

/// The modality of a trigger from cues in the few words before it (and a
/// denial anywhere in the sentence).
fn modality(tr: &Trig, toks: &[Tok]) -> Modality {
    let lo = tr.t0.saturating_sub(8);
    let mut before = &toks[lo..tr.t0];
    if let Some(b) = before
        .iter()
        .rposition(|t| is_boundary(t, &['.', ';', '!', '?']))
    {
        before = &before[b + 1..];
    }
    let hi = (tr.t1 + 3).min(toks.len());
    let after = &toks[tr.t1.min(hi)..hi];
    if toks.iter().any(|t| {
        word_in(
            t,
            &["dementi", "dement", "dementent", "denied", "denies", "deny"],
        )
    }) {
        return Modality::Negated;
    }
    let ne = before.iter().any(|t| word_in(t, &["ne", "n"]));
    let pas = before
        .iter()
        .chain(after)
        .any(|t| word_in(t, &["pas", "jamais", "point"]));
    if ne && pas || before.iter().any(|t| word_in(t, NEGATION_CUES)) {
        return Modality::Negated;
    }
    if before.iter().any(|t| word_in(t, PLANNED_CUES)) {
        return Modality::Planned;
    }
    if before.iter().any(|t| word_in(t, UNCERTAIN_CUES)) {
        return Modality::Uncertain;
    }
    Modality::Asserted
}

/// Whether a count found in the sentence is a number of people: not a year,
/// not inside a date, not an identifier (`Mavic 3`), not followed by a unit
/// of time, distance or money.
fn people_count(text: &str, toks: &[Tok], q: &QuantityMention, dates: &[(usize, usize)]) -> bool {
    if q.is_year_like(text) || dates.iter().any(|&(s, e)| q.start < e && s < q.end) {
        return false;
    }
    let k = tok_at(toks, q.end);
    let t0 = tok_at(toks, q.start);
    if t0 > 0 && word_in(&toks[t0 - 1], &["numero", "n", "no", "number", "num"]) {
        return false;
    }
    if t0 > 0 && toks[t0].kind == TokKind::Num {
        let p = &toks[t0 - 1];
        if p.kind == TokKind::Word
            && starts_upper(&text[p.start..p.end])
            && !FUNCTION_WORDS.contains(&p.folded())
        {
            return false;
        }
    }
    match toks.get(k) {
        Some(t) if t.kind == TokKind::Word => !NON_PEOPLE_UNITS.contains(&t.folded()),
        _ => false,
    }
}

/// Where a date adjunct starts, its preposition included (`en janvier`,
/// `le 3 août`): the adjunct attaches to the trigger before it.
fn date_cue_start(toks: &[Tok], start: usize) -> usize {
    let k = tok_at(toks, start);
    match k.checked_sub(1).map(|j| &toks[j]) {
        Some(t)
            if word_in(
                t,
                &[
                    "en", "le", "du", "au", "depuis", "des", "in", "on", "since", "during",
                ],
            ) =>
        {
            t.start
        }
        _ => start,
    }
}

fn is_title(s: &str) -> bool {
    !s.trim_end()
        .ends_with(['.', '!', '?', '…', '»', '"', '”', ')'])
}

/// Documents longer than this (in bytes) have their sentences read in
/// parallel by [`extract_events`] (the same events either way).
const PARALLEL_ABOVE: usize = 1 << 20;

/// Extract the events of one document from its linked mentions (entities and
/// triggers, sorted by start) and sentences, resolving relative dates against
/// `reference` (the publication date).
///
/// Only body sentences ([`Sentence::is_body`]) feed events: boilerplate never
/// does, and neither do reader comments, which are opinions rather than
/// reports. Each trigger gives a candidate event; candidates of one document
/// that describe the same happening are merged into one event. The rules are
/// described in `EVENTS_DESIGN.md`.
///
/// # Examples
/// ```
/// use tarikh_core::extract::{DocInput, Extractor};
/// use tarikh_core::Date;
/// let ex = Extractor::builtin().unwrap();
/// let text = "Des chauffeurs ont été enlevés le 18 janvier 2025 près de Kidal par des éléments du JNIM.";
/// let doc = DocInput { text: Some(text), pub_date: Date::new(2025, 8, 6) };
/// let out = ex.process(&doc).unwrap();
/// let ev = &out.events[0];
/// assert_eq!(ev.event_type, "abduction");
/// assert_eq!(ev.date, Date::new(2025, 1, 18));
/// let name = |i: Option<u32>| i.map(|i| ex.gazetteer().entries()[i as usize].name.clone());
/// assert_eq!(name(ev.location).as_deref(), Some("Kidal"));
/// assert_eq!(name(ev.actor1).as_deref(), Some("Jama'at Nusrat al-Islam wal-Muslimin"));
/// ```
pub fn extract_events(
    text: &str,
    gazetteer: &Gazetteer,
    sentences: &[Sentence],
    mentions: &[Mention],
    reference: Option<(Date, Precision)>,
) -> Vec<Event> {
    let parallel = text.len() > PARALLEL_ABOVE;
    extract_events_in(text, gazetteer, sentences, mentions, reference, parallel)
}

/// [`extract_events`], the sentences read on the rayon pool when `parallel`.
fn extract_events_in(
    text: &str,
    gazetteer: &Gazetteer,
    sentences: &[Sentence],
    mentions: &[Mention],
    reference: Option<(Date, Precision)>,
    parallel: bool,
) -> Vec<Event> {
    let entries = gazetteer.entries();
    // last_group[i]: the last armed group among the first i mentions
    let mut last_group: Vec<Option<u32>> = Vec::with_capacity(mentions.len() + 1);
    last_group.push(None);
    for m in mentions {
        let prev = *last_group.last().expect("starts with one");
        last_group.push(if entries[m.entry as usize].kind == Kind::ArmedGroup {
            Some(m.entry)
        } else {
            prev
        });
    }
    // the candidates of one sentence depend on it, the one before it and
    // the mentions before it only: a large document's sentences are read in
    // parallel (collected in order)
    let sentence_cands = |si: usize| -> Vec<Cand> {
        let s = &sentences[si];
        let lo = mentions.partition_point(|m| m.start < s.start);
        let hi = mentions.partition_point(|m| m.start < s.end);
        let ms = &mentions[lo..hi];
        if !s.is_body()
            || !ms
                .iter()
                .any(|m| entries[m.entry as usize].kind == Kind::Trigger)
        {
            return Vec::new();
        }
        let Some(stext) = text.get(s.start..s.end) else {
            return Vec::new();
        };
        let lower = stext.to_ascii_lowercase();
        let mut toks = tokenize_with(stext, &lower);
        for t in &mut toks {
            t.start += s.start;
            t.end += s.start;
        }
        if toks.is_empty() {
            return Vec::new();
        }
        let mut ents: Vec<Ent> = Vec::new();
        let mut trigs: Vec<Trig> = Vec::new();
        for m in ms {
            if m.end > s.end {
                continue;
            }
            if entries[m.entry as usize].kind == Kind::Trigger {
                trigs.extend(trigger_of(text, gazetteer, &toks, m));
            } else {
                ents.extend(classify(text, gazetteer, &toks, m));
            }
        }
        // the armed group `ce groupe` refers to: the last one before this sentence
        let anaphor = last_group[lo];
        // a demonym right before a named person qualifies that person
        // (`le ministre sénégalais de la Défense, Birame Diop`)
        for j in 1..ents.len() {
            let (i0, j0) = (ents[j - 1], ents[j]);
            let link = toks[i0.t1..j0.t0.max(i0.t1)].iter().all(|t| {
                word_in(t, &["et", "and", "ou", "or"]) || word_in(t, ARTICLES) || t.is_punct(',')
            });
            if i0.role == Role::Place
                && i0.cued
                && j0.role == Role::Actor
                && j0.t0 > i0.t1
                && link
                && entries[j0.entry as usize].kind == Kind::Country
            {
                ents[j].role = Role::Place;
                ents[j].cued = true;
                ents[j].prec = 3;
            }
        }
        let persons: Vec<usize> = ents
            .iter()
            .filter(|e| e.role == Role::Actor && entries[e.entry as usize].kind == Kind::Person)
            .map(|e| e.t0)
            .collect();
        let actors: Vec<Ent> = ents
            .iter()
            .filter(|e| e.role == Role::Actor)
            .filter(|e| e.specific || !persons.iter().any(|&p| p > e.t0 && p <= e.t1 + 6))
            .copied()
            .collect();
        let places: Vec<Ent> = ents
            .iter()
            .filter(|e| e.role == Role::Place)
            .copied()
            .collect();
        let evidence = !actors.is_empty() || !places.is_empty();
        // weak triggers need an actor or a place; a weak noun after a
        // demonstrative (`cette bataille`) refers back and adds nothing
        trigs.retain(|t| {
            let demonstrative = t.t0 > 0 && word_in(&toks[t.t0 - 1], DEMONSTRATIVES);
            let near = ents.iter().any(|e| e.t0 <= t.t1 + 8 && e.t1 + 8 >= t.t0);
            !t.weak || evidence && near && (t.verb || !demonstrative)
        });
        if trigs.is_empty() {
            return Vec::new();
        }
        // dates, places and counts go to the nearest trigger (participant
        // nouns take none unless they are alone)
        let date_list: Vec<_> = find_dates_with(stext, reference)
            .into_iter()
            .filter_map(|d| {
                let (a, b) = (d.start + s.start, d.end + s.start);
                let k = tok_at(&toks, a);
                let reported = toks[k.saturating_sub(3)..k]
                    .iter()
                    .any(|t| word_in(t, REPORT_WORDS));
                Some((a, b, d.date?, d.precision)).filter(|_| !reported)
            })
            .collect();
        let spans: Vec<(usize, usize)> = date_list.iter().map(|d| (d.0, d.1)).collect();
        let qty_list: Vec<_> = find_quantities(stext)
            .into_iter()
            .map(|mut q| {
                q.start += s.start;
                q.end += s.start;
                q
            })
            .filter(|q| people_count(text, &toks, q, &spans))
            .collect();
        let takers: Vec<Trig> = if trigs.iter().all(|t| t.participant) {
            trigs.clone()
        } else {
            trigs.iter().filter(|t| !t.participant).copied().collect()
        };
        let owner = |a: usize, b: usize, w: usize| -> usize {
            let k = nearest(&takers, a, b, w);
            trigs
                .iter()
                .position(|t| t.start == takers[k].start)
                .unwrap_or(0)
        };
        let mut own_dates: Vec<Vec<usize>> = vec![Vec::new(); trigs.len()];
        for (i, d) in date_list.iter().enumerate() {
            own_dates[owner(date_cue_start(&toks, d.0), d.1, 2)].push(i);
        }
        let mut own_places: Vec<Vec<usize>> = vec![Vec::new(); trigs.len()];
        for (i, p) in places
            .iter()
            .enumerate()
            .filter(|_| takers.iter().any(|t| !t.participant))
        {
            own_places[owner(p.start, p.end, 1)].push(i);
        }
        let mut own_qty: Vec<Vec<usize>> = vec![Vec::new(); trigs.len()];
        for (i, q) in qty_list.iter().enumerate() {
            own_qty[owner(q.start, q.end, 1)].push(i);
        }
        let title = is_title(stext);
        let mut sent_cands: Vec<Cand> = Vec::new();
        for (ti, tr) in trigs.iter().enumerate() {
            let (a1, r1, a2, r2) = assign_actors(tr, &toks, &actors, anaphor, &trigs);
            let dist = |a: usize, b: usize| {
                if a >= tr.end {
                    a - tr.end
                } else {
                    tr.start.saturating_sub(b)
                }
            };
            let date = own_dates[ti]
                .iter()
                .map(|&i| date_list[i])
                .min_by_key(|d| dist(d.0, d.1));
            let qty = own_qty[ti]
                .iter()
                .map(|&i| &qty_list[i])
                .min_by_key(|q| dist(q.start, q.end));
            let locs = if tr.ty == "diplomatic_rupture" {
                // a state's decision: placed in that state, not where the text
                // happens to name a town
                a1.filter(|&a| entries[a as usize].kind == Kind::Country)
                    .map(|a| {
                        vec![Ent {
                            entry: a,
                            prec: 3,
                            ..places.first().copied().unwrap_or(ents[0])
                        }]
                    })
                    .unwrap_or_default()
            } else {
                choose_locations(gazetteer, &toks, &places, &own_places[ti], tr)
            };
            let mut confidence: f32 = if tr.weak { 0.6 } else { 0.8 };
            if title {
                confidence -= 0.2;
            }
            let base = Event {
                event_type: tr.ty,
                sentence: si as u32,
                trigger: (tr.start, tr.end),
                trigger_entry: tr.entry,
                actor1: a1,
                actor2: a2,
                location: None,
                geo_precision: None,
                date: date.map(|d| d.2),
                date_precision: date.map(|d| d.3),
                date_span: date.map(|d| (d.0, d.1)),
                quantity: qty.map(|q| q.value),
                quantity_approx: qty.is_some_and(|q| q.approximate),
                modality: modality(tr, &toks),
                confidence,
                n_mentions: 1,
            };
            let locs = if locs.is_empty() {
                vec![None]
            } else {
                locs.into_iter().map(Some).collect()
            };
            for loc in locs {
                let mut ev = base.clone();
                if let Some(p) = loc {
                    ev.location = Some(p.entry);
                    ev.geo_precision = Some(p.prec);
                }
                sent_cands.push(Cand {
                    ev,
                    paragraph: s.paragraph,
                    verb: tr.verb,
                    title,
                    rank1: r1,
                    rank2: r2,
                    loc_inherited: false,
                    participant: tr.participant,
                    shared: false,
                });
            }
        }
        share_in_sentence(&mut sent_cands);
        // no actor anywhere in the sentence: the parties of the previous
        // sentence of the paragraph (`... entre le Sénégal et le Mali. Des
        // patrouilles conjointes ont été établies`)
        if actors.is_empty()
            && si > 0
            && sentences[si - 1].paragraph == s.paragraph
            && sentences[si - 1].is_body()
        {
            let prev = previous_actors(text, gazetteer, mentions, &sentences[si - 1]);
            for c in sent_cands.iter_mut().filter(|c| !c.participant) {
                let sym = SYMMETRIC_TYPES.contains(&c.ev.event_type);
                c.ev.actor1 = prev.first().copied().filter(|_| sym);
                c.ev.actor2 = prev.get(1).copied().filter(|_| sym);
                c.rank1 = RANK_INHERITED;
                c.rank2 = RANK_INHERITED;
            }
        }
        sent_cands
    };
    let mut cands: Vec<Cand> = if parallel {
        (0..sentences.len())
            .into_par_iter()
            .with_min_len(64)
            .flat_map_iter(sentence_cands)
            .collect()
    } else {
        (0..sentences.len()).flat_map(sentence_cands).collect()
    };
    inherit(&mut cands);
    merge(gazetteer, cands)
}

/// The actors of a sentence, in order (for a following sentence that names
/// none).
fn previous_actors(text: &str, gaz: &Gazetteer, mentions: &[Mention], s: &Sentence) -> Vec<u32> {
    let Some(stext) = text.get(s.start..s.end) else {
        return Vec::new();
    };
    let lower = stext.to_ascii_lowercase();
    let mut toks = tokenize_with(stext, &lower);
    for t in &mut toks {
        t.start += s.start;
        t.end += s.start;
    }
    let lo = mentions.partition_point(|m| m.start < s.start);
    let hi = mentions.partition_point(|m| m.start < s.end);
    let mut out = Vec::new();
    for m in &mentions[lo..hi] {
        if gaz.entries()[m.entry as usize].kind == Kind::Trigger || m.end > s.end {
            continue;
        }
        if let Some(e) = classify(text, gaz, &toks, m) {
            if e.role == Role::Actor && !out.contains(&e.entry) {
                out.push(e.entry);
            }
        }
    }
    out
}

/// Triggers of co-located types in one sentence (a meeting and the
/// agreement signed there; an attack and the killings in it) share a place
/// and a date when one of them has none.
fn share_in_sentence(cands: &mut [Cand]) {
    let group = |t: &str| CO_LOCATED.iter().position(|g| g.contains(&t));
    fn donor(
        cands: &[Cand],
        i: usize,
        gi: Option<usize>,
        group: &dyn Fn(&str) -> Option<usize>,
        f: fn(&Event) -> bool,
    ) -> Option<usize> {
        (0..cands.len())
            .filter(|&j| {
                j != i
                    && !cands[j].participant
                    && group(cands[j].ev.event_type) == gi
                    && f(&cands[j].ev)
            })
            .min_by_key(|&j| cands[j].ev.trigger.0.abs_diff(cands[i].ev.trigger.0))
    }
    for i in 0..cands.len() {
        let gi = group(cands[i].ev.event_type);
        if cands[i].participant || gi.is_none() {
            continue;
        }
        if cands[i].ev.location.is_none() {
            if let Some(j) = donor(cands, i, gi, &group, |e| e.location.is_some()) {
                cands[i].ev.location = cands[j].ev.location;
                cands[i].ev.geo_precision = cands[j].ev.geo_precision;
                cands[i].shared = true;
            }
        }
        if cands[i].ev.date.is_none() {
            if let Some(j) = donor(cands, i, gi, &group, |e| e.date.is_some()) {
                cands[i].ev.date = cands[j].ev.date;
                cands[i].ev.date_precision = cands[j].ev.date_precision;
                cands[i].ev.date_span = cands[j].ev.date_span;
                cands[i].shared = true;
            }
        }
    }
}

/// The places of one trigger: the nearest cued place among those assigned
/// to it (or the nearest uncued one), replaced by a more specific place it
/// contains when the sentence names one (`Diboli ... dans la région de
/// Kayes` gives Diboli), plus the places coordinated with it (`à Sirakorola
/// et Tanabougou` gives two).
fn choose_locations(
    gaz: &Gazetteer,
    toks: &[Tok],
    places: &[Ent],
    own: &[usize],
    tr: &Trig,
) -> Vec<Ent> {
    let dist = |p: &Ent| {
        if p.start >= tr.end {
            p.start - tr.end
        } else {
            tr.start.saturating_sub(p.end)
        }
    };
    let mine: Vec<&Ent> = own.iter().map(|&i| &places[i]).collect();
    let best = mine
        .iter()
        .filter(|p| p.cued)
        .min_by_key(|p| dist(p))
        .or_else(|| {
            mine.iter()
                .filter(|p| p.prec < 3 && (p.t0 <= tr.t1 + 6 && p.t1 + 6 >= tr.t0))
                .min_by_key(|p| dist(p))
        });
    let Some(&&best) = best else {
        return Vec::new();
    };
    let entries = gaz.entries();
    let chosen = if best.prec > 1 {
        mine.iter()
            .filter(|p| {
                p.prec < best.prec
                    && contains(&entries[best.entry as usize], &entries[p.entry as usize])
            })
            .min_by_key(|p| dist(p))
            .map_or(best, |p| **p)
    } else {
        best
    };
    let mut out = vec![chosen];
    let mut last = chosen;
    while last.prec < 3 {
        let Some(next) = places.iter().find(|p| {
            p.prec == last.prec
                && p.t0 == last.t1 + 1
                && toks
                    .get(last.t1)
                    .is_some_and(|t| t.is_word("et") || t.is_word("and") || t.is_punct(','))
        }) else {
            break;
        };
        out.push(*next);
        last = *next;
    }
    out
}

fn iso3(e: &Entry) -> Option<&str> {
    e.country.as_deref()
}

/// Whether location `outer` contains `inner`: a country its places, an
/// admin area the places whose admin1/admin2 it is.
fn contains(outer: &Entry, inner: &Entry) -> bool {
    if iso3(outer).is_none() || iso3(outer) != iso3(inner) {
        return false;
    }
    match outer.kind {
        Kind::Country => true,
        _ => {
            inner.admin1.as_deref() == Some(&outer.name)
                || inner.admin2.as_deref() == Some(&outer.name)
        }
    }
}

fn locations_compatible(gaz: &Gazetteer, a: Option<u32>, b: Option<u32>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if a != b => {
            let (ea, eb) = (&gaz.entries()[a as usize], &gaz.entries()[b as usize]);
            contains(ea, eb) || contains(eb, ea)
        }
        _ => true,
    }
}

/// Whether two dated candidates can be one happening: the same period at
/// the coarser of their precisions.
fn dates_compatible((da, pa): (Date, Precision), (db, pb): (Date, Precision)) -> bool {
    let p = pa.max(pb);
    da.truncate(p) == db.truncate(p)
}

/// A sentence without a place, a date or any actor takes them from the
/// nearest earlier event of the same paragraph (`Au cours de l'opération,
/// des armes ont été saisies` after the ambush it continues), with lower
/// confidence.
fn inherit(cands: &mut [Cand]) {
    for i in 1..cands.len() {
        let (done, rest) = cands.split_at_mut(i);
        let c = &mut rest[0];
        if c.participant {
            continue;
        }
        let related = |p: &Cand| {
            p.ev.event_type == c.ev.event_type
                || CONSEQUENCES.contains(&c.ev.event_type) && OPERATIONS.contains(&p.ev.event_type)
        };
        // candidates come in document order, so those of this paragraph
        // are the last ones (stopping there keeps a long document linear)
        let Some(p) = done
            .iter()
            .rev()
            .take_while(|p| p.paragraph == c.paragraph)
            .find(|p| p.ev.sentence < c.ev.sentence && !p.participant)
            .filter(|p| related(p))
        else {
            continue;
        };
        let mut took = false;
        if c.ev.location.is_none() && p.ev.location.is_some() {
            c.ev.location = p.ev.location;
            c.ev.geo_precision = p.ev.geo_precision;
            c.loc_inherited = true;
            took = true;
        }
        if c.ev.date.is_none() && p.ev.date.is_some() {
            c.ev.date = p.ev.date;
            c.ev.date_precision = p.ev.date_precision;
            c.ev.date_span = p.ev.date_span;
            took = true;
        }
        if c.ev.actor1.is_none()
            && c.ev.actor2.is_none()
            && (p.ev.actor1.is_some() || p.ev.actor2.is_some())
        {
            c.ev.actor1 = p.ev.actor1;
            c.ev.actor2 = p.ev.actor2;
            c.rank1 = RANK_INHERITED;
            c.rank2 = RANK_INHERITED;
            took = true;
        }
        if took {
            c.ev.confidence *= 0.8;
        }
    }
}

fn actor_set(e: &Event) -> impl Iterator<Item = u32> + '_ {
    e.actor1.into_iter().chain(e.actor2)
}

/// Merges the candidates of one document that report the same happening:
/// same type, compatible dates and places, overlapping actors (or none, or
/// told in the same paragraph). Two different verbs of one sentence are two
/// acts (`suspend sa coopération et expulse deux diplomates`).
fn merge(gaz: &Gazetteer, cands: Vec<Cand>) -> Vec<Event> {
    let mut groups: Vec<Group> = Vec::new();
    // the groups of each event type, in creation order
    let mut by_type: HashMap<&str, Vec<usize>> = HashMap::default();
    for c in cands {
        let mut best: Option<(usize, i32)> = None;
        let cset: Vec<u32> = actor_set(&c.ev).collect();
        for &gi in by_type.get(c.ev.event_type).map_or(&[][..], Vec::as_slice) {
            let g = &groups[gi];
            let clash_in_sentence = g.by_sentence.get(&c.ev.sentence).is_some_and(|v| {
                v.iter().any(|&(trigger, verb, entry)| {
                    trigger == c.ev.trigger || verb && c.verb && entry != c.ev.trigger_entry
                })
            });
            if clash_in_sentence {
                continue;
            }
            let dates_ok = match (c.ev.date, c.ev.date_precision) {
                (Some(d), Some(p)) => g.dates.iter().all(|&m| dates_compatible(m, (d, p))),
                _ => true,
            };
            if !dates_ok
                || !g
                    .locations
                    .iter()
                    .all(|&l| locations_compatible(gaz, Some(l), c.ev.location))
            {
                continue;
            }
            let overlap = cset.iter().any(|a| g.actors.contains(a));
            // two different acting parties found by syntax are two events
            let conflict = c.rank1 >= RANK_SYNTAX
                && c.ev.actor1.is_some_and(|a| !g.actors.contains(&a))
                && g.syntax_actor1.iter().any(|a| !cset.contains(a));
            let same_story = g.paragraphs.contains(&c.paragraph)
                || g.max_sentence.is_some_and(|m| c.ev.sentence <= m + 1);
            if conflict && !(SYMMETRIC_TYPES.contains(&c.ev.event_type) && same_story) {
                continue;
            }
            let mut score = 0;
            if g.trigger_entries.contains(&c.ev.trigger_entry) {
                score += 2;
            }
            if overlap {
                score += 1;
            }
            if c.ev.date.is_some() && g.any_date {
                score += 1;
            }
            if c.ev.location.is_some_and(|l| g.locations.contains(&l)) {
                score += 1;
            }
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((gi, score));
            }
        }
        match best {
            Some((gi, _)) => groups[gi].push(c),
            None => {
                by_type
                    .entry(c.ev.event_type)
                    .or_default()
                    .push(groups.len());
                let mut g = Group::default();
                g.push(c);
                groups.push(g);
            }
        }
    }
    groups.into_iter().map(|g| represent(&g.members)).collect()
}

/// A group's (trigger span, verb, trigger entry) in one sentence.
type SentenceItems = Vec<((usize, usize), bool, u32)>;

/// Candidates merged into one event, with what [`merge`] asks about all of
/// them kept up to date as they join, so that a long document (thousands
/// of candidates of one happening) merges in linear time rather than
/// comparing each newcomer with every member.
#[derive(Default)]
struct Group {
    members: Vec<Cand>,
    /// (trigger span, verb, trigger entry) of the members, by sentence.
    by_sentence: HashMap<u32, SentenceItems>,
    /// Distinct dates (with a precision) of the members.
    dates: Vec<(Date, Precision)>,
    any_date: bool,
    /// Distinct locations of the members.
    locations: Vec<u32>,
    /// Every actor of the members.
    actors: HashSet<u32>,
    /// The first actors that syntax found (rank at least `RANK_SYNTAX`).
    syntax_actor1: HashSet<u32>,
    paragraphs: HashSet<u32>,
    max_sentence: Option<u32>,
    trigger_entries: HashSet<u32>,
}

impl Group {
    fn push(&mut self, c: Cand) {
        let e = &c.ev;
        self.by_sentence
            .entry(e.sentence)
            .or_default()
            .push((e.trigger, c.verb, e.trigger_entry));
        if let (Some(d), Some(p)) = (e.date, e.date_precision) {
            if !self.dates.contains(&(d, p)) {
                self.dates.push((d, p));
            }
        }
        self.any_date |= e.date.is_some();
        if let Some(l) = e.location {
            if !self.locations.contains(&l) {
                self.locations.push(l);
            }
        }
        self.actors.extend(actor_set(e));
        if c.rank1 >= RANK_SYNTAX {
            self.syntax_actor1.extend(e.actor1);
        }
        self.paragraphs.insert(c.paragraph);
        self.max_sentence = self.max_sentence.max(Some(e.sentence));
        self.trigger_entries.insert(e.trigger_entry);
        self.members.push(c);
    }
}

/// One event from a group of candidates: the most precise date, the most
/// specific place, the best-founded actors (an agent after `par` over a
/// subject, body text over headlines), the first count.
fn represent(g: &[Cand]) -> Event {
    let info = |c: &Cand| {
        let e = &c.ev;
        let n = [
            e.actor1.is_some(),
            e.actor2.is_some(),
            e.location.is_some(),
            e.date.is_some(),
            e.quantity.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count() as i32;
        n - if c.title { 3 } else { 0 }
    };
    let lead = g
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (info(c), -(*i as i32)))
        .map(|(_, c)| c)
        .unwrap_or(&g[0]);
    let mut ev = lead.ev.clone();
    // date: the most precise, then the one from the text of its own sentence
    if let Some(d) = g
        .iter()
        .filter(|c| c.ev.date.is_some())
        .min_by_key(|c| c.ev.date_precision)
    {
        ev.date = d.ev.date;
        ev.date_precision = d.ev.date_precision;
        ev.date_span = d.ev.date_span;
    }
    if let Some(l) = g
        .iter()
        .filter(|c| c.ev.location.is_some())
        .min_by_key(|c| (c.ev.geo_precision, c.loc_inherited))
    {
        ev.location = l.ev.location;
        ev.geo_precision = l.ev.geo_precision;
    }
    let actor_lead = g
        .iter()
        .enumerate()
        .filter(|(_, c)| c.ev.actor1.is_some())
        .max_by_key(|(i, c)| (c.rank1, !c.title, -(*i as i32)))
        .map(|(_, c)| c);
    ev.actor1 = actor_lead.and_then(|c| c.ev.actor1);
    // actor2: the lead's, else the first party named by another mention
    // (for symmetric acts, the other side of the meeting), else any actor2
    let mut others: Vec<(u8, bool, Option<u32>)> = Vec::new();
    if let Some(c) = actor_lead {
        others.push((3, true, c.ev.actor2));
    }
    for c in g {
        others.push((2, !c.title, c.ev.actor1.filter(|_| c.rank1 >= RANK_SYNTAX)));
        others.push((1, !c.title, c.ev.actor2));
    }
    others.sort_by_key(|o| (std::cmp::Reverse(o.0), !o.1));
    ev.actor2 = others
        .iter()
        .filter_map(|o| o.2)
        .find(|a| Some(*a) != ev.actor1);
    if let Some(q) = g
        .iter()
        .find(|c| c.ev.quantity.is_some() && !c.title)
        .or_else(|| g.iter().find(|c| c.ev.quantity.is_some()))
    {
        ev.quantity = q.ev.quantity;
        ev.quantity_approx = q.ev.quantity_approx;
    }
    if g.iter().any(|c| c.ev.modality == Modality::Asserted) {
        ev.modality = Modality::Asserted;
    }
    let n = g.len() as u32;
    let top = g.iter().map(|c| c.ev.confidence).fold(0.0f32, f32::max);
    ev.confidence = (top + 0.05 * (n - 1) as f32).min(1.0);
    ev.n_mentions = n;
    ev
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::extract::{DocInput, Extractor};

    fn ex() -> &'static Extractor {
        static EX: OnceLock<Extractor> = OnceLock::new();
        EX.get_or_init(|| Extractor::builtin().unwrap())
    }

    /// Reading the sentences in parallel gives the events one pass gives.
    #[test]
    fn parallel_sentences_give_the_same_events() {
        let text = crate::test_support::sample_texts().join("\n\n").repeat(4);
        let ex = ex().clone().with_stage(crate::extract::Stage::Linked);
        let out = ex.process(&DocInput::new(&text)).unwrap();
        let reference = Some((Date::new(2025, 3, 1).unwrap(), Precision::Day));
        let run = |parallel| {
            let g = ex.gazetteer();
            extract_events_in(&text, g, &out.sentences, &out.mentions, reference, parallel)
        };
        let one = run(false);
        assert!(one.len() > 20, "{} events", one.len());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        assert_eq!(pool.install(|| run(true)), one);
    }

    /// One event as names: (type, actor1, actor2, location, date, quantity, modality).
    type Row = (
        &'static str,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<u64>,
        &'static str,
    );

    fn run(text: &str, pub_date: &str) -> Vec<Row> {
        let doc = DocInput {
            text: Some(text),
            pub_date: Date::parse_iso(pub_date),
        };
        let out = ex().process(&doc).unwrap();
        let g = ex().gazetteer();
        let name = |i: Option<u32>| i.map(|i| g.entries()[i as usize].name.clone());
        out.events
            .iter()
            .map(|e| {
                let date = e
                    .date
                    .zip(e.date_precision)
                    .map(|(d, p)| d.format_with_precision(p));
                (
                    e.event_type,
                    name(e.actor1),
                    name(e.actor2),
                    name(e.location),
                    date,
                    e.quantity,
                    e.modality.as_str(),
                )
            })
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    const JNIM: &str = "Jama'at Nusrat al-Islam wal-Muslimin";

    #[test]
    fn single_sentences() {
        let cases: Vec<(&str, Row)> = vec![
            // French passive: the agent follows `par`, the victims are counted
            (
                "Deux humanitaires ont été enlevés le 3 août près de Ménaka par des éléments du JNIM.",
                ("abduction", s(JNIM), None, s("Ménaka"), s("2025-08-03"), Some(2), "asserted"),
            ),
            // active French verb: subject, then `contre` for the target
            (
                "Dimanche, le JNIM a attaqué un poste de l'armée à Kidal.",
                ("attack", s(JNIM), None, s("Kidal"), s("2025-08-03"), None, "asserted"),
            ),
            // English passive with `by`, relative weekday
            (
                "Three aid workers were kidnapped near Gao last Tuesday by JNIM fighters.",
                ("abduction", s(JNIM), None, s("Gao"), s("2025-08-05"), Some(3), "asserted"),
            ),
            // approximate count; `kilomètres` is not a count of people
            (
                "Une vingtaine de civils ont été tués à Mopti, à 700 kilomètres de Bamako.",
                ("killing", None, None, s("Mopti"), None, Some(20), "asserted"),
            ),
            // symmetric act: the first named party is actor1
            (
                "Le Mali et le Niger ont signé un accord de défense à Niamey en mars 2024.",
                ("agreement", s("Mali"), s("Niger"), s("Niamey"), s("2024-03"), None, "asserted"),
            ),
            // hedged, threatened and denied acts are kept with their modality
            (
                "Des hommes armés auraient enlevé trois commerçants à Gao.",
                ("abduction", None, None, s("Gao"), None, Some(3), "uncertain"),
            ),
            (
                "Le JNIM menace d'attaquer Kidal.",
                ("attack", s(JNIM), None, s("Kidal"), None, None, "planned"),
            ),
            (
                "L'armée malienne a démenti toute frappe de drone à Kidal.",
                ("remote_violence", s("Forces armées maliennes"), None, s("Kidal"), None, None, "negated"),
            ),
        ];
        for (text, want) in cases {
            let got = run(text, "2025-08-06");
            assert_eq!(got, vec![want], "{text}");
        }
    }

    #[test]
    fn weak_triggers_need_evidence() {
        // `combat` alone is weak: no actor or place, no event
        assert!(run("Le combat continue.", "2025-08-06").is_empty());
        // participle `miné` is not the noun `mine`
        assert!(run(
            "Ces décisions ont miné la confiance entre les partenaires.",
            "2025-08-06"
        )
        .is_empty());
    }

    #[test]
    fn repeated_triggers_merge() {
        let text = "Trois otages libérés à Kidal\n\n\
            Trois otages ont été libérés dimanche à Kidal, a annoncé l'armée malienne. \
            Leur libération a été obtenue par les FAMa.";
        let got = run(text, "2025-08-06");
        let releases: Vec<_> = got.iter().filter(|r| r.0 == "release").collect();
        assert_eq!(releases.len(), 1, "{got:?}");
        let r = releases[0];
        assert_eq!(
            (r.3.as_deref(), r.4.as_deref(), r.5),
            (Some("Kidal"), Some("2025-08-03"), Some(3))
        );
        assert_eq!(r.1.as_deref(), Some("Forces armées maliennes"));
    }

    #[test]
    fn two_verbs_two_acts() {
        let text = "La France a décidé de suspendre sa coopération avec le Mali et d'expulser deux diplomates maliens.";
        let got = run(text, "2025-08-06");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got
            .iter()
            .all(|r| r.0 == "diplomatic_rupture" && r.1.as_deref() == Some("France")));
        assert_eq!(got[1].5, Some(2));
    }

    #[test]
    fn headline_and_body_with_distinct_dates() {
        let text = "Sahel : quatre chauffeurs enlevés en janvier ont été libérés au Mali\n\n\
            Enlevés le 18 janvier 2025 par des éléments du JNIM, les quatre chauffeurs ont recouvré la liberté le 3 août au Mali. \
            En avril 2023, des cyclotouristes avaient également été enlevés dans la région.";
        let got = run(text, "2025-08-06");
        let types: Vec<(&str, Option<&str>)> = got.iter().map(|r| (r.0, r.4.as_deref())).collect();
        assert_eq!(
            types,
            [
                ("abduction", Some("2025-01-18")),
                ("release", Some("2025-08-03")),
                ("abduction", Some("2023-04"))
            ],
            "{got:?}"
        );
        assert_eq!(got[0].1.as_deref(), Some(JNIM));
        assert_eq!(got[1].3.as_deref(), Some("Mali"));
    }

    #[test]
    fn report_dates_and_boilerplate_are_ignored() {
        let text =
            "Des soldats ont été tués à Gao, a indiqué l'armée dans un communiqué publié dimanche.";
        let got = run(text, "2025-08-06");
        assert_eq!(got[0].4, None, "{got:?}");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "attaque",
            "«enlevés» par",
            "à Kidal enlevés 3",
            "Kidnappés\u{202f}: par ce groupe",
            "par par par attaque par",
        ] {
            let out = ex().process(&DocInput::new(text)).unwrap();
            assert!(out.events.len() <= 2, "{text}");
        }
    }

    #[test]
    fn acled_mapping() {
        let cases = [
            ("attack", Some(Kind::ArmedGroup), ("Battles", "Armed clash")),
            (
                "attack",
                Some(Kind::Person),
                ("Violence against civilians", "Attack"),
            ),
            ("clash", None, ("Battles", "Armed clash")),
            ("killing", None, ("Violence against civilians", "Attack")),
            ("release", None, ("Strategic developments", "Other")),
            ("arrest", None, ("Strategic developments", "Arrests")),
            (
                "seizure",
                None,
                ("Strategic developments", "Disrupted weapons use"),
            ),
            ("agreement", None, ("Strategic developments", "Agreement")),
            ("joint_operation", None, ("Strategic developments", "Other")),
            ("protest", None, ("Protests", "Peaceful protest")),
            ("diplomatic_rupture", None, ("", "")),
            ("meeting", None, ("", "")),
        ];
        for (t, k, want) in cases {
            assert_eq!(acled_types(t, k), want, "{t}");
        }
        for t in EVENT_TYPES {
            let _ = acled_types_for_trigger(t, None, "trg:x:y");
        }
        assert_eq!(
            acled_types_for_trigger("remote_violence", None, "trg:remote_violence:eei").1,
            "Remote explosive/landmine/IED"
        );
    }

    /// `merge` before it kept per-group sets (it compared each candidate
    /// with every member of every group): the reference for the property
    /// test below.
    fn merge_reference(gaz: &Gazetteer, cands: Vec<Cand>) -> Vec<Event> {
        let old_dates =
            |a: &Event, b: &Event| match (a.date, a.date_precision, b.date, b.date_precision) {
                (Some(da), Some(pa), Some(db), Some(pb)) => dates_compatible((da, pa), (db, pb)),
                _ => true,
            };
        let mut groups: Vec<Vec<Cand>> = Vec::new();
        for c in cands {
            let mut best: Option<(usize, i32)> = None;
            for (gi, g) in groups.iter().enumerate() {
                if g[0].ev.event_type != c.ev.event_type {
                    continue;
                }
                let clash_in_sentence = g.iter().any(|m| {
                    m.ev.sentence == c.ev.sentence
                        && (m.ev.trigger == c.ev.trigger
                            || m.verb && c.verb && m.ev.trigger_entry != c.ev.trigger_entry)
                });
                if clash_in_sentence {
                    continue;
                }
                if !g.iter().all(|m| {
                    old_dates(&m.ev, &c.ev)
                        && locations_compatible(gaz, m.ev.location, c.ev.location)
                }) {
                    continue;
                }
                let gset: Vec<u32> = g.iter().flat_map(|m| actor_set(&m.ev)).collect();
                let cset: Vec<u32> = actor_set(&c.ev).collect();
                let overlap = cset.iter().any(|a| gset.contains(a));
                let conflict = c.rank1 >= RANK_SYNTAX
                    && c.ev.actor1.is_some_and(|a| !gset.contains(&a))
                    && g.iter().any(|m| {
                        m.rank1 >= RANK_SYNTAX && m.ev.actor1.is_some_and(|a| !cset.contains(&a))
                    });
                let same_story = g
                    .iter()
                    .any(|m| m.paragraph == c.paragraph || c.ev.sentence <= m.ev.sentence + 1);
                if conflict && !(SYMMETRIC_TYPES.contains(&c.ev.event_type) && same_story) {
                    continue;
                }
                let mut score = 0;
                if g.iter().any(|m| m.ev.trigger_entry == c.ev.trigger_entry) {
                    score += 2;
                }
                if overlap {
                    score += 1;
                }
                if c.ev.date.is_some() && g.iter().any(|m| m.ev.date.is_some()) {
                    score += 1;
                }
                if c.ev.location.is_some() && g.iter().any(|m| m.ev.location == c.ev.location) {
                    score += 1;
                }
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((gi, score));
                }
            }
            match best {
                Some((gi, _)) => groups[gi].push(c),
                None => groups.push(vec![c]),
            }
        }
        groups.into_iter().map(|g| represent(&g)).collect()
    }

    fn cand_strategy(locations: Vec<u32>) -> impl proptest::strategy::Strategy<Value = Cand> {
        use proptest::prelude::*;
        let dates = prop::option::of((
            0..40i32,
            prop::sample::select(&[Precision::Day, Precision::Month, Precision::Year][..]),
        ));
        (
            (
                prop::sample::select(&["attack", "clash", "abduction"][..]),
                0..6u32,
                0..4usize,
                0..3u32,
                prop::option::of(0..4u32),
                prop::option::of(0..4u32),
                prop::option::of(prop::sample::select(locations)),
            ),
            (dates, 0..4u8, any::<[bool; 4]>()),
        )
            .prop_map(
                |((ty, sentence, t, entry, a1, a2, loc), (date, rank1, b))| Cand {
                    ev: Event {
                        event_type: ty,
                        sentence,
                        trigger: (t * 10, t * 10 + 5),
                        trigger_entry: entry,
                        actor1: a1,
                        actor2: a2,
                        location: loc,
                        geo_precision: loc.map(|_| 1),
                        date: date.map(|(d, _)| Date::from_days_since_epoch(20_000 + d * 9)),
                        date_precision: date.map(|(_, p)| p),
                        date_span: None,
                        quantity: None,
                        quantity_approx: false,
                        modality: Modality::Asserted,
                        confidence: 0.8,
                        n_mentions: 1,
                    },
                    paragraph: sentence / 2,
                    verb: b[0],
                    title: b[1],
                    rank1,
                    rank2: 0,
                    loc_inherited: b[2],
                    participant: b[3],
                    shared: false,
                },
            )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, .. Default::default() })]

        #[test]
        fn merge_matches_the_previous_code(
            mut cands in proptest::collection::vec(cand_strategy(
                // Mali, some of its places, and others (containment matters)
                ["iso:MLI", "iso:NER", "iso:SEN"]
                    .iter()
                    .chain(&["Gao", "Kidal", "Bamako", "Niamey", "Dakar"])
                    .filter_map(|n| {
                        let g = ex().gazetteer();
                        g.index_of(n).or_else(|| {
                            g.entries().iter().position(|e| e.name == *n && e.kind == Kind::Place)
                        })
                    })
                    .map(|i| i as u32)
                    .collect(),
            ), 0..24),
        ) {
            // candidates come in document order
            cands.sort_by_key(|c| c.ev.sentence);
            let gaz = ex().gazetteer();
            proptest::prop_assert_eq!(merge(gaz, cands.clone()), merge_reference(gaz, cands));
        }
    }
}
