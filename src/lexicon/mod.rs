//! Word lists as data: built-in lists embedded from `data/`, extended by user lexicons.
//!
//! Every list is plain text, one entry a line, `#` starting a comment, so that a linguist
//! can change the annotator's behaviour without touching code. A user lexicon
//! (`--lexicon FILE`, described by `schemas/lexicon.schema.json`) adds entries to, or removes
//! entries from, any named list at run time, without a rebuild.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// `data_list!("name")` is the `(name, contents)` pair of `data/name.txt`, so that each
/// list takes one line of [`BUILT_IN`] whatever the length of its name.
macro_rules! data_list {
    ($name:literal) => {
        ($name, include_str!(concat!("data/", $name, ".txt")))
    };
}

/// The built-in lists: name and embedded contents. Stages look lists up by these names;
/// user lexicons may only name lists that appear here, so a typo is an error, not a no-op.
const BUILT_IN: &[(&str, &str)] = &[
    data_list!("abbreviations"),
    data_list!("abbreviations_titles"),
    data_list!("sentence_starters"),
    data_list!("quote_speech_verbs"),
    data_list!("line_continuation_words"),
    data_list!("list_labels"),
    data_list!("credit_labels"),
    data_list!("ner_titles"),
    data_list!("ner_org_suffixes"),
    data_list!("ner_org_heads"),
    data_list!("ner_loc_heads"),
    data_list!("ner_function_words"),
    data_list!("ner_name_connectors"),
    data_list!("ner_months"),
    data_list!("ner_date_words"),
    data_list!("ner_number_words"),
    data_list!("ner_units"),
    data_list!("ner_currencies"),
    data_list!("ner_org_context"),
    data_list!("ner_org_context_before"),
    data_list!("ner_person_context"),
    data_list!("ner_place_kinds"),
    data_list!("ner_team_names"),
    data_list!("ner_person_roles"),
    data_list!("attribution_hearer_verbs"),
    data_list!("attribution_infinitive_verbs"),
    data_list!("attribution_said_to_verbs"),
    data_list!("attribution_verb_particle_pairs"),
    data_list!("attribution_finite_auxiliaries"),
    data_list!("attribution_not_content_openers"),
    data_list!("attribution_conjunctions"),
    data_list!("attribution_noun_modifiers"),
    data_list!("attribution_skipped_time_words"),
    data_list!("attribution_time_nouns"),
    data_list!("attribution_clause_links"),
    data_list!("attribution_verb_particles"),
    data_list!("attribution_discourse_words"),
    data_list!("attribution_modifying_participles"),
    data_list!("attribution_determiners"),
    data_list!("attribution_articles"),
    data_list!("attribution_np_prepositions"),
    data_list!("attribution_clause_words"),
    data_list!("attribution_auxiliaries_and_adverbs"),
    data_list!("attribution_be_forms"),
    data_list!("attribution_object_words"),
    data_list!("attribution_adverbial_openers"),
    data_list!("attribution_time_words"),
    data_list!("attribution_clause_openers"),
    data_list!("attribution_title_words"),
    data_list!("attribution_clause_breakers"),
    (
        "gazetteer_countries",
        include_str!("data/gazetteer/countries.txt"),
    ),
    (
        "gazetteer_regions",
        include_str!("data/gazetteer/regions.txt"),
    ),
    (
        "gazetteer_cities",
        include_str!("data/gazetteer/cities.txt"),
    ),
    (
        "gazetteer_cities_ambiguous",
        include_str!("data/gazetteer/cities_ambiguous.txt"),
    ),
    (
        "gazetteer_locations",
        include_str!("data/gazetteer/locations.txt"),
    ),
    (
        "gazetteer_demonyms",
        include_str!("data/gazetteer/demonyms.txt"),
    ),
    (
        "gazetteer_given_names",
        include_str!("data/gazetteer/given_names.txt"),
    ),
    (
        "gazetteer_given_names_ambiguous",
        include_str!("data/gazetteer/given_names_ambiguous.txt"),
    ),
    (
        "gazetteer_surnames",
        include_str!("data/gazetteer/surnames.txt"),
    ),
    (
        "gazetteer_surnames_ambiguous",
        include_str!("data/gazetteer/surnames_ambiguous.txt"),
    ),
    (
        "gazetteer_organisations",
        include_str!("data/gazetteer/organisations.txt"),
    ),
    (
        "gazetteer_organisations_ambiguous",
        include_str!("data/gazetteer/organisations_ambiguous.txt"),
    ),
    data_list!("reporting_verbs"),
    data_list!("belief_verbs"),
    data_list!("reporting_phrases"),
    data_list!("reporting_nouns"),
    data_list!("cue_classes"),
    data_list!("anonymous_sources"),
    data_list!("document_sources"),
    data_list!("organisation_sources"),
    data_list!("source_pronouns"),
    data_list!("hedge_modal"),
    data_list!("hedge_adverb"),
    data_list!("hedge_epistemic"),
    data_list!("hedge_reporting"),
    data_list!("hedge_agentless"),
    data_list!("hedge_weasel"),
    data_list!("hedge_approximator"),
    data_list!("hedge_non_hedge"),
    data_list!("hedge_context_be"),
    data_list!("hedge_context_determiner"),
    data_list!("hedge_context_permission"),
    data_list!("hedge_context_ability"),
    data_list!("hedge_context_narrative"),
    data_list!("hedge_context_report"),
    data_list!("hedge_context_negator"),
    data_list!("hedge_context_number"),
    data_list!("hedge_context_claim_noun"),
    data_list!("hedge_context_gap"),
    data_list!("hedge_context_presence"),
    data_list!("hedge_context_past"),
    data_list!("syntax_phrasal_verbs"),
    data_list!("syntax_subordinators"),
    data_list!("syntax_coordinators"),
];

/// A user lexicon file: entries to add to and remove from named lists.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserLexicon {
    /// Entries added to each named list.
    #[serde(default)]
    pub add: BTreeMap<String, Vec<String>>,
    /// Entries removed from each named list (matched exactly, after trimming).
    #[serde(default)]
    pub remove: BTreeMap<String, Vec<String>>,
}

impl UserLexicon {
    /// Parses a user lexicon from its JSON text; `origin` names it in errors.
    pub fn from_json(json: &str, origin: &str) -> Result<UserLexicon, Error> {
        serde_json::from_str(json).map_err(|e| Error::lexicon(format!("lexicon {origin}: {e}")))
    }

    /// Reads and parses a user lexicon file. Every front end (the command line, the Python
    /// package) goes through here so that a missing or malformed file is reported in the
    /// same words wherever it was named.
    pub fn read(path: &std::path::Path) -> Result<UserLexicon, Error> {
        let json = std::fs::read_to_string(path)
            .map_err(|e| Error::config(format!("cannot read lexicon {}: {e}", path.display())))?;
        UserLexicon::from_json(&json, &path.display().to_string())
    }
}

/// Every list, built-in entries merged with user additions and removals.
#[derive(Clone, Debug, Default)]
pub struct Lexicons {
    lists: BTreeMap<&'static str, Vec<String>>,
}

impl Lexicons {
    /// The built-in lists alone.
    pub fn built_in() -> Lexicons {
        let lists = BUILT_IN
            .iter()
            .map(|(name, contents)| (*name, parse_list(contents)))
            .collect();
        Lexicons { lists }
    }

    /// The built-in lists with the given user lexicons applied in order.
    pub fn with_user(user: &[UserLexicon]) -> Result<Lexicons, Error> {
        let mut lexicons = Lexicons::built_in();
        for lexicon in user {
            for (name, entries) in &lexicon.add {
                let list = lexicons.list_mut(name)?;
                for entry in entries {
                    let entry = entry.trim();
                    if !entry.is_empty() && !list.iter().any(|e| e == entry) {
                        list.push(entry.to_string());
                    }
                }
            }
            for (name, entries) in &lexicon.remove {
                let list = lexicons.list_mut(name)?;
                list.retain(|e| !entries.iter().any(|r| r.trim() == e));
            }
        }
        Ok(lexicons)
    }

    fn list_mut(&mut self, name: &str) -> Result<&mut Vec<String>, Error> {
        let known: Vec<&str> = self.lists.keys().copied().collect();
        self.lists
            .iter_mut()
            .find(|(k, _)| **k == name)
            .map(|(_, v)| v)
            .ok_or_else(|| {
                Error::lexicon(format!(
                    "unknown lexicon list `{name}`; known lists: {}",
                    known.join(", ")
                ))
            })
    }

    /// Every abbreviation, whether or not it may end a sentence (`abbreviations` and
    /// `abbreviations_titles`): stages after the splitter only need to know that the period
    /// belongs to the word.
    pub fn all_abbreviations(&self) -> impl Iterator<Item = &String> {
        self.list("abbreviations")
            .iter()
            .chain(self.list("abbreviations_titles"))
    }

    /// The entries of a named list (empty for an unknown name).
    pub fn list(&self, name: &str) -> &[String] {
        self.lists.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Names of every list.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.lists.keys().copied()
    }
}

/// Entries of a list file: one a line, trimmed, `#` comments and blank lines skipped.
pub fn parse_list(contents: &str) -> Vec<String> {
    contents
        .lines()
        .map(|line| {
            line.split_once('#')
                .map_or(line, |(before, _)| before)
                .trim()
        })
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_files_skip_comments_and_blanks() {
        let parsed = parse_list("# header\nDr.\n\n  Mr.  # title\n#only comment\n");
        assert_eq!(parsed, vec!["Dr.", "Mr."]);
    }

    #[test]
    fn user_lexicons_add_and_remove_entries() {
        let user = UserLexicon::from_json(
            r#"{"add": {"abbreviations": ["Xyz."]}, "remove": {"abbreviations": ["Inc."]}}"#,
            "test",
        )
        .unwrap();
        let lexicons = Lexicons::with_user(&[user]).unwrap();
        let list = lexicons.list("abbreviations");
        assert!(list.iter().any(|e| e == "Xyz."));
        assert!(!list.iter().any(|e| e == "Inc."));
    }

    #[test]
    fn unknown_list_names_are_errors() {
        let user = UserLexicon::from_json(r#"{"add": {"abbrevs": ["X."]}}"#, "f.json").unwrap();
        let err = Lexicons::with_user(&[user]).unwrap_err();
        assert!(err.to_string().contains("unknown lexicon list `abbrevs`"));
    }

    #[test]
    fn unknown_fields_are_errors() {
        assert!(UserLexicon::from_json(r#"{"adds": {}}"#, "f.json").is_err());
    }
}
