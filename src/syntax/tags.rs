//! The tag set: UD UPOS with the finer distinctions that attribution rules read.
//!
//! Plain UPOS cannot tell `said` (past) from `said` (participle) or `saying`, nor the
//! possessive `'s` from the infinitive `to`, and those are exactly the distinctions that
//! decide whether a verb group is a reporting cue or a noun phrase closes at a possessor.
//! The finer tags follow the EWT XPOS column (PTB), so the data can be learned from EWT;
//! [`Tag::upos`] maps every tag back to UPOS for comparison with UD.

/// A part-of-speech tag: UPOS, split where the PTB tag adds something stages need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Tag {
    /// Common noun, singular or mass (`agency`).
    Noun,
    /// Common noun, plural (`officials`).
    NounPl,
    /// Proper noun (`Reuters`).
    Propn,
    /// Personal, reflexive, indefinite or demonstrative pronoun (`he`, `it`, `this`).
    Pron,
    /// Possessive pronoun (`his`, `their`, `whose`).
    PronPoss,
    /// Wh- pronoun (`who`, `what`, relative `which`/`that`).
    PronWh,
    /// Determiner (`the`, `a`, `all`, `which` before a noun).
    Det,
    /// Adjective.
    Adj,
    /// Adverb (including wh- adverbs `when`, `how`).
    Adv,
    /// Preposition or postposition.
    Adp,
    /// Particle of a phrasal verb (`called *off*`), an ADP in UD.
    AdpPrt,
    /// Coordinating conjunction.
    Cconj,
    /// Subordinating conjunction, complementizer `that`.
    Sconj,
    /// Number.
    Num,
    /// Possessive `'s`.
    PartPos,
    /// Infinitival `to`.
    PartTo,
    /// Negation `not`, `n't` (and the rare other PART words).
    PartNeg,
    /// Interjection.
    Intj,
    /// Punctuation.
    Punct,
    /// Symbol (`$`, `%`, emoji).
    Sym,
    /// Other (foreign words, typos).
    X,
    /// Lexical verb, base form (`say`).
    VerbBase,
    /// Lexical verb, present, not third person singular (`say`).
    VerbPres,
    /// Lexical verb, present, third person singular (`says`).
    VerbPres3,
    /// Lexical verb, past tense (`said`).
    VerbPast,
    /// Lexical verb, past participle (`said`, `denied`).
    VerbPart,
    /// Lexical verb, gerund or present participle (`saying`).
    VerbGer,
    /// Modal auxiliary (`will`, `could`).
    AuxModal,
    /// Auxiliary, base form (`be`, `have`).
    AuxBase,
    /// Auxiliary, present, not third person singular (`are`, `have`).
    AuxPres,
    /// Auxiliary, present, third person singular (`is`, `has`).
    AuxPres3,
    /// Auxiliary, past (`was`, `had`, `did`).
    AuxPast,
    /// Auxiliary, past participle (`been`).
    AuxPart,
    /// Auxiliary, gerund (`being`, `having`).
    AuxGer,
}

/// Every tag, in discriminant order.
pub const ALL_TAGS: [Tag; 34] = [
    Tag::Noun,
    Tag::NounPl,
    Tag::Propn,
    Tag::Pron,
    Tag::PronPoss,
    Tag::PronWh,
    Tag::Det,
    Tag::Adj,
    Tag::Adv,
    Tag::Adp,
    Tag::AdpPrt,
    Tag::Cconj,
    Tag::Sconj,
    Tag::Num,
    Tag::PartPos,
    Tag::PartTo,
    Tag::PartNeg,
    Tag::Intj,
    Tag::Punct,
    Tag::Sym,
    Tag::X,
    Tag::VerbBase,
    Tag::VerbPres,
    Tag::VerbPres3,
    Tag::VerbPast,
    Tag::VerbPart,
    Tag::VerbGer,
    Tag::AuxModal,
    Tag::AuxBase,
    Tag::AuxPres,
    Tag::AuxPres3,
    Tag::AuxPast,
    Tag::AuxPart,
    Tag::AuxGer,
];

/// The names the data files use, in discriminant order (the names of `derive.py`).
const NAMES: [&str; 34] = [
    "NOUN",
    "NOUN_PL",
    "PROPN",
    "PRON",
    "PRON_POSS",
    "PRON_WH",
    "DET",
    "ADJ",
    "ADV",
    "ADP",
    "ADP_PRT",
    "CCONJ",
    "SCONJ",
    "NUM",
    "PART_POS",
    "PART_TO",
    "PART_NEG",
    "INTJ",
    "PUNCT",
    "SYM",
    "X",
    "VERB_VB",
    "VERB_VBP",
    "VERB_VBZ",
    "VERB_VBD",
    "VERB_VBN",
    "VERB_VBG",
    "AUX_MD",
    "AUX_VB",
    "AUX_VBP",
    "AUX_VBZ",
    "AUX_VBD",
    "AUX_VBN",
    "AUX_VBG",
];

/// The 17 UD universal part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// The UD name (`NOUN`, `PROPN`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag of a UD name, `None` for anything else.
    pub fn parse(name: &str) -> Option<Upos> {
        Some(match name {
            "ADJ" => Upos::Adj,
            "ADP" => Upos::Adp,
            "ADV" => Upos::Adv,
            "AUX" => Upos::Aux,
            "CCONJ" => Upos::Cconj,
            "DET" => Upos::Det,
            "INTJ" => Upos::Intj,
            "NOUN" => Upos::Noun,
            "NUM" => Upos::Num,
            "PART" => Upos::Part,
            "PRON" => Upos::Pron,
            "PROPN" => Upos::Propn,
            "PUNCT" => Upos::Punct,
            "SCONJ" => Upos::Sconj,
            "SYM" => Upos::Sym,
            "VERB" => Upos::Verb,
            "X" => Upos::X,
            _ => return None,
        })
    }
}

impl Tag {
    /// The tag with this discriminant.
    pub(crate) fn from_index(index: u8) -> Option<Tag> {
        ALL_TAGS.get(usize::from(index)).copied()
    }

    /// The name used in the data files (`VERB_VBD`, `PART_POS`, ...).
    pub fn as_str(self) -> &'static str {
        NAMES[self as usize]
    }

    /// The tag of a data-file name.
    pub fn parse(name: &str) -> Option<Tag> {
        NAMES
            .iter()
            .position(|&n| n == name)
            .and_then(|i| u8::try_from(i).ok())
            .and_then(Tag::from_index)
    }

    /// The UD universal tag.
    pub fn upos(self) -> Upos {
        match self {
            Tag::Noun | Tag::NounPl => Upos::Noun,
            Tag::Propn => Upos::Propn,
            Tag::Pron | Tag::PronPoss | Tag::PronWh => Upos::Pron,
            Tag::Det => Upos::Det,
            Tag::Adj => Upos::Adj,
            Tag::Adv => Upos::Adv,
            Tag::Adp | Tag::AdpPrt => Upos::Adp,
            Tag::Cconj => Upos::Cconj,
            Tag::Sconj => Upos::Sconj,
            Tag::Num => Upos::Num,
            Tag::PartPos | Tag::PartTo | Tag::PartNeg => Upos::Part,
            Tag::Intj => Upos::Intj,
            Tag::Punct => Upos::Punct,
            Tag::Sym => Upos::Sym,
            Tag::X => Upos::X,
            Tag::VerbBase
            | Tag::VerbPres
            | Tag::VerbPres3
            | Tag::VerbPast
            | Tag::VerbPart
            | Tag::VerbGer => Upos::Verb,
            Tag::AuxModal
            | Tag::AuxBase
            | Tag::AuxPres
            | Tag::AuxPres3
            | Tag::AuxPast
            | Tag::AuxPart
            | Tag::AuxGer => Upos::Aux,
        }
    }

    /// A lexical verb, any form.
    pub fn is_verb(self) -> bool {
        self.upos() == Upos::Verb
    }

    /// An auxiliary or modal, any form.
    pub fn is_aux(self) -> bool {
        self.upos() == Upos::Aux
    }

    /// A finite verb or auxiliary: one that can carry a clause's tense by itself.
    pub fn is_finite(self) -> bool {
        matches!(
            self,
            Tag::VerbPres
                | Tag::VerbPres3
                | Tag::VerbPast
                | Tag::AuxModal
                | Tag::AuxPres
                | Tag::AuxPres3
                | Tag::AuxPast
        )
    }

    /// A common or proper noun: the head of a noun phrase.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::Noun | Tag::NounPl | Tag::Propn)
    }

    /// Any pronoun.
    pub fn is_pronoun(self) -> bool {
        matches!(self, Tag::Pron | Tag::PronPoss | Tag::PronWh)
    }

    /// The tag's bit in a tag set (a `u64` with one bit per tag).
    pub(crate) fn bit(self) -> u64 {
        1 << (self as u8)
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
