//! Gazetteer lookup: every name list compiled into one byte trie, searched from the starts
//! of capitalised words only, longest name first, keeping only matches that end on a word
//! boundary.
//!
//! One trie over all lists (rather than one per list) keeps the cost of a search at one walk
//! over the bytes of the longest name that could start at a word, whatever the number of
//! lists; each name carries the set of lists it came from, so `Jordan` can be a country and
//! a given name at once and the name rules decide with context. Names can only start where a
//! capitalised word starts, so an automaton that matches anywhere in the text is not needed:
//! the trie builds in a single pass over the lists, a small fraction of the cost of compiling
//! an Aho-Corasick automaton at every start-up.

use super::tokens::{DIGIT, NAME, Token};

use crate::lexicon::Lexicons;

/// The name is a country (GPE).
pub const COUNTRY: u32 = 1;
/// A state, province or other first-level region (GPE).
pub const REGION: u32 = 1 << 1;
/// A city (GPE).
pub const CITY: u32 = 1 << 2;
/// A natural or other non-political place (LOC).
pub const LOCATION: u32 = 1 << 3;
/// A nationality, religious or political group (NORP).
pub const DEMONYM: u32 = 1 << 4;
/// A given name.
pub const GIVEN: u32 = 1 << 5;
/// A surname.
pub const SURNAME: u32 = 1 << 6;
/// An organisation (ORG).
pub const ORG: u32 = 1 << 7;
/// The entry is also an ordinary English word (`Will`, `Phoenix`, `Apple`): needs context.
pub const AMBIGUOUS_GIVEN: u32 = 1 << 8;
/// A surname that is also an ordinary word (`Young`, `King`).
pub const AMBIGUOUS_SURNAME: u32 = 1 << 9;
/// A city name that is also an ordinary word.
pub const AMBIGUOUS_CITY: u32 = 1 << 10;
/// An organisation name that is also an ordinary word.
pub const AMBIGUOUS_ORG: u32 = 1 << 11;

/// Any GPE list.
pub const GPE: u32 = COUNTRY | REGION | CITY;
/// Any place list.
pub const PLACE: u32 = GPE | LOCATION;
/// Any person-name list.
pub const PERSON_PART: u32 = GIVEN | SURNAME;

/// The lists read, with the flag each contributes.
pub const LISTS: &[(&str, u32)] = &[
    ("gazetteer_countries", COUNTRY),
    ("gazetteer_regions", REGION),
    ("gazetteer_cities", CITY),
    ("gazetteer_cities_ambiguous", AMBIGUOUS_CITY),
    ("gazetteer_locations", LOCATION),
    ("gazetteer_demonyms", DEMONYM),
    ("gazetteer_given_names", GIVEN),
    ("gazetteer_given_names_ambiguous", AMBIGUOUS_GIVEN),
    ("gazetteer_surnames", SURNAME),
    ("gazetteer_surnames_ambiguous", AMBIGUOUS_SURNAME),
    ("gazetteer_organisations", ORG),
    ("gazetteer_organisations_ambiguous", AMBIGUOUS_ORG),
];

/// A gazetteer hit in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lists the name is on.
    pub flags: u32,
}

/// All name lists as one byte trie.
pub struct Gazetteer {
    trie: NameTrie,
}

impl Gazetteer {
    /// Compiles the lists named in [`LISTS`].
    pub fn new(lexicons: &Lexicons) -> Gazetteer {
        // Entries only on an "ambiguous" list (a user addition) still need a base list to
        // be names; leave them in so the ambiguity flag can be read.
        let mut names: Vec<(u64, &str, u32)> = LISTS
            .iter()
            .flat_map(|&(list, flag)| {
                let entries = lexicons.list(list).iter();
                entries.map(move |e| (sort_key(e), e.as_str(), flag))
            })
            .collect();
        names.sort_unstable_by_key(|&(key, _, _)| key);
        for run in names.chunk_by_mut(|a, b| a.0 == b.0) {
            run.sort_unstable_by(|a, b| a.1.cmp(b.1));
        }
        let mut trie = TrieBuilder::new();
        for (_, name, flag) in names {
            trie.insert(name, flag);
        }
        Gazetteer { trie: trie.build() }
    }

    /// Lists holding exactly `name` (0 when none).
    pub fn lookup(&self, name: &str) -> u32 {
        self.trie
            .node_of(ROOT, name.as_bytes())
            .map_or(0, |node| self.trie.nodes[node].flags)
    }

    /// Appends the word-bounded matches among `tokens` to `out`, in order.
    ///
    /// Names start with a capital letter or a digit, so the trie is searched at those word
    /// starts only (capitalised words marked [`NAME`], skipping `The`, `However`, months):
    /// one left-to-right pass over a sentence's capitalised words, each search as long as
    /// the longest name that could start there. A word is searched only when it is the
    /// whole first word of some name (`New` for `New York`); the longest name starting
    /// there counts, and only when it ends on a word boundary. `text` may be a case-folded
    /// copy of the document of the same byte length (for all-caps headlines) that starts at
    /// document byte `base`; matches are in document offsets.
    pub fn find(&self, text: &str, base: usize, tokens: &[Token], out: &mut Vec<GazetteerMatch>) {
        let Some(end) = tokens.last().map(|t| t.end - base) else {
            return;
        };
        let mut covered = 0;
        for token in tokens {
            if token.start < covered || token.flags & (NAME | DIGIT) == 0 {
                continue;
            }
            let Some(start) = token.start.checked_sub(base).filter(|&s| s < end) else {
                continue;
            };
            let word = text.get(start..token.end - base).unwrap_or("");
            let Some((name_end, flags)) = self.trie.longest_name(text, start, end, word) else {
                continue;
            };
            if ends_word(text, name_end) {
                out.push(GazetteerMatch {
                    start: start + base,
                    end: name_end + base,
                    flags,
                });
                covered = name_end + base;
            }
        }
    }
}

/// A byte trie of every listed name, laid out for lookups: each node's children are one
/// sorted run of `edge_bytes`, and the root, which has a child for
/// nearly every capital letter and digit, also has a table indexed by byte.
#[derive(Debug)]
struct NameTrie {
    /// Every node, the root ([`ROOT`]) first.
    nodes: Vec<TrieNode>,
    /// The bytes on the edges to each node's children, sorted within each node's run.
    edge_bytes: Vec<u8>,
    /// The child at the end of the edge with the same index in `edge_bytes`.
    edge_nodes: Vec<u32>,
    /// `root[b]` is the root's child for byte `b` (0 for none: the root is no child).
    root: Box<[u32; 256]>,
}

/// One node of a [`NameTrie`].
#[derive(Clone, Copy, Debug)]
struct TrieNode {
    /// Index of its first edge in `edge_bytes` and `edge_nodes`.
    first_edge: u32,
    /// Number of children; for a dense node, the number of edge slots.
    children: u32,
    /// Whether the node's edges are dense: one slot per byte from `low`, 0 in
    /// `edge_nodes` for no child. Nodes with many children (the letters after a first
    /// capital) are laid out so, to be indexed instead of searched.
    dense: bool,
    /// The first byte of a dense node's slots.
    low: u8,
    /// Lists holding the name that ends here (0 when no name ends here).
    flags: u32,
    /// The bytes up to here are the whole first word of some name (see [`first_word`]).
    opens_name: bool,
}

/// The trie's root node.
const ROOT: usize = 0;

/// Nodes with more children than this are laid out dense (see [`TrieNode::dense`]).
const DENSE_CHILDREN: usize = 8;

impl NameTrie {
    /// The child of `node` for `byte`; inlined into the walk of [`NameTrie::longest_name`],
    /// where a call per byte cost more than the search itself.
    #[inline(always)]
    fn child(&self, node: usize, byte: u8) -> Option<usize> {
        if node == ROOT {
            let child = self.root[usize::from(byte)] as usize;
            return (child != 0).then_some(child);
        }
        let TrieNode {
            first_edge,
            children,
            dense,
            low,
            ..
        } = self.nodes[node];
        let edges = first_edge as usize..(first_edge + children) as usize;
        if dense {
            let slot = usize::from(byte.wrapping_sub(low));
            let child = *self.edge_nodes[edges].get(slot)? as usize;
            return (child != 0).then_some(child);
        }
        // Below the first letters most nodes have one or two children: a scan.
        let found = self.edge_bytes[edges.clone()]
            .iter()
            .position(|&b| b == byte)?;
        Some(self.edge_nodes[edges.start + found] as usize)
    }

    /// The node reached from `node` by `bytes`.
    fn node_of(&self, node: usize, bytes: &[u8]) -> Option<usize> {
        bytes.iter().try_fold(node, |node, &b| self.child(node, b))
    }

    /// The longest name that is a prefix of `text[start..end]`, as its end and flags,
    /// provided `word` (the token at `start`) is the whole first word of some name. A
    /// token holds no space and ends in no comma, so it is its own [`first_word`].
    fn longest_name(
        &self,
        text: &str,
        start: usize,
        end: usize,
        word: &str,
    ) -> Option<(usize, u32)> {
        let bytes = text.as_bytes();
        debug_assert_eq!(first_word(word), word);
        let opens_at = start + word.len();
        let mut node = ROOT;
        let mut longest = None;
        let mut i = start;
        loop {
            if i == opens_at && !self.nodes[node].opens_name {
                return None;
            }
            if i >= end {
                break;
            }
            let Some(child) = self.child(node, bytes[i]) else {
                break;
            };
            node = child;
            i += 1;
            let flags = self.nodes[node].flags;
            if flags != 0 {
                longest = Some((i, flags));
            }
        }
        // A walk that stopped before the end of the word found no name opening with it.
        if i < opens_at {
            return None;
        }
        longest
    }
}

/// A [`NameTrie`] under construction from names added in byte order: each name shares a
/// prefix with the one before and only its remaining bytes create nodes, so building needs
/// no search for children. Children are kept as linked lists of siblings, so adding a node
/// is one push; [`TrieBuilder::build`] then lays the trie out for lookups.
struct TrieBuilder {
    /// Every node, the root ([`ROOT`]) first.
    nodes: Vec<BuilderNode>,
    /// The nodes along the last name added, the root first.
    path: Vec<usize>,
    /// The last name added.
    last: Vec<u8>,
}

/// One node of a [`TrieBuilder`].
#[derive(Clone, Copy, Default)]
struct BuilderNode {
    /// Last child added (0 for none: the root is never a child).
    last_child: u32,
    /// The child of the same parent added before this one (0 for none).
    previous_sibling: u32,
    /// Lists holding the name that ends here.
    flags: u32,
    /// The byte on the edge from the parent.
    byte: u8,
    /// See [`TrieNode::opens_name`].
    opens_name: bool,
}

impl TrieBuilder {
    fn new() -> TrieBuilder {
        TrieBuilder {
            nodes: vec![BuilderNode::default()],
            path: vec![ROOT],
            last: Vec::new(),
        }
    }

    /// Adds `name` with list flag `flag`. Names come in byte order; a name on several
    /// lists comes once per list and gathers their flags.
    fn insert(&mut self, name: &str, flag: u32) {
        let bytes = name.as_bytes();
        debug_assert!(self.last.as_slice() <= bytes, "names added in byte order");
        let shared = self
            .last
            .iter()
            .zip(bytes)
            .take_while(|(a, b)| a == b)
            .count();
        self.path.truncate(shared + 1);
        for &byte in &bytes[shared..] {
            let parent = *self.path.last().expect("the path holds the root");
            let child = self.add_child(parent, byte);
            self.path.push(child);
        }
        self.last.clear();
        self.last.extend_from_slice(bytes);
        self.nodes[self.path[first_word(name).len()]].opens_name = true;
        self.nodes[self.path[bytes.len()]].flags |= flag;
    }

    fn add_child(&mut self, parent: usize, byte: u8) -> usize {
        let id = self.nodes.len();
        let id32 = u32::try_from(id).expect("gazetteer trie within u32 nodes");
        let previous_sibling = std::mem::replace(&mut self.nodes[parent].last_child, id32);
        self.nodes.push(BuilderNode {
            previous_sibling,
            byte,
            ..BuilderNode::default()
        });
        id
    }

    /// Lays the trie out breadth first, each node's children in byte order.
    fn build(self) -> NameTrie {
        let count = self.nodes.len();
        let mut trie = NameTrie {
            nodes: Vec::with_capacity(count),
            // One edge per node but the root, plus the empty slots of dense nodes
            // (about a quarter more with the built-in lists).
            edge_bytes: Vec::with_capacity(count + count / 2),
            edge_nodes: Vec::with_capacity(count + count / 2),
            root: Box::new([0; 256]),
        };
        // Builder ids in the order of the new ids.
        let mut order = Vec::with_capacity(count);
        order.push(ROOT);
        let mut children: Vec<(u8, usize)> = Vec::new();
        let mut next = 0;
        while let Some(&old) = order.get(next) {
            // Siblings were added in byte order and are listed last first.
            children.clear();
            let mut child = self.nodes[old].last_child as usize;
            while child != 0 {
                children.push((self.nodes[child].byte, child));
                child = self.nodes[child].previous_sibling as usize;
            }
            children.reverse();
            let node = &self.nodes[old];
            let dense = children.len() > DENSE_CHILDREN;
            let low = children.first().map_or(0, |&(byte, _)| byte);
            let first_edge = trie.edge_bytes.len();
            if dense {
                let high = children.last().map_or(0, |&(byte, _)| byte);
                let slots = usize::from(high - low) + 1;
                trie.edge_bytes.resize(first_edge + slots, 0);
                trie.edge_nodes.resize(first_edge + slots, 0);
            }
            trie.nodes.push(TrieNode {
                first_edge: first_edge as u32,
                children: (trie.edge_bytes.len() - first_edge).max(children.len()) as u32,
                dense,
                low,
                flags: node.flags,
                opens_name: node.opens_name,
            });
            for &(byte, child) in &children {
                let id = order.len() as u32;
                if old == ROOT {
                    trie.root[usize::from(byte)] = id;
                }
                if dense {
                    let slot = first_edge + usize::from(byte - low);
                    trie.edge_bytes[slot] = byte;
                    trie.edge_nodes[slot] = id;
                } else {
                    trie.edge_bytes.push(byte);
                    trie.edge_nodes.push(id);
                }
                order.push(child);
            }
            next += 1;
        }
        trie
    }
}

/// The first eight bytes of `name`, zero-padded, as a number that orders names as their
/// bytes do, up to ties between names sharing those bytes: sorting on it first leaves
/// string comparisons for the few ties.
fn sort_key(name: &str) -> u64 {
    let mut key = [0u8; 8];
    let prefix = &name.as_bytes()[..name.len().min(8)];
    key[..prefix.len()].copy_from_slice(prefix);
    u64::from_be_bytes(key)
}

/// The first word of a name as the tokenizer sees it: up to a space, without a comma
/// (`New` for `New York`, `Washington` for `Washington, D.C.`).
fn first_word(name: &str) -> &str {
    // A byte search: `split(' ')` sets up a substring searcher, costly for short words.
    let first = name
        .as_bytes()
        .iter()
        .position(|&b| b == b' ')
        .map_or(name, |space| &name[..space]);
    first.strip_suffix(',').unwrap_or(first)
}

fn ends_word(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    match rest.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '-' || c == '&' => false,
        // `Haddad's` ends the name; `O'Brien` does not end at `O`.
        Some('\'' | '’') => matches!(rest.next(), Some('s') | None) || rest.next().is_none(),
        Some('.') => !rest.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tokens::{CAP, Tokenizer};

    #[test]
    fn matches_fall_on_word_boundaries_and_carry_their_lists() {
        let gazetteer = Gazetteer::new(&Lexicons::built_in());
        let cases: &[(&str, &[(&str, u32)])] = &[
            ("in New York today", &[("New York", GPE)]),
            ("Parisians in Paris", &[("Paris", CITY)]),
            ("Kenya's capital", &[("Kenya", COUNTRY)]),
            ("the Somalian coast", &[]),
        ];
        for (text, expected) in cases {
            let mut tokens = Vec::new();
            Tokenizer::new(["Dr."]).tokenize(text, 0, text.len(), &mut tokens);
            for t in tokens.iter_mut().filter(|t| t.flags & CAP != 0) {
                t.flags |= NAME;
            }
            let mut out = Vec::new();
            gazetteer.find(text, 0, &tokens, &mut out);
            for (name, flag) in *expected {
                assert!(
                    out.iter()
                        .any(|m| &text[m.start..m.end] == *name && m.flags & flag != 0),
                    "{text}: {name} not found in {out:?}"
                );
            }
            for m in &out {
                assert!(tokens.iter().any(|t| t.start == m.start), "{text}");
                assert!(ends_word(text, m.end), "{text}");
            }
        }
    }

    /// The trie's answer by brute force: the gate on the word, then the longest listed
    /// name that is a prefix of the text.
    fn longest_by_scan(
        names: &[(&str, u32)],
        text: &str,
        start: usize,
        word: &str,
    ) -> Option<(usize, u32)> {
        if !names.iter().any(|(n, _)| first_word(n) == first_word(word)) {
            return None;
        }
        let longest = names
            .iter()
            .filter(|(n, _)| text[start..].starts_with(n))
            .map(|(n, _)| n.len())
            .max()?;
        let flags = names
            .iter()
            .filter(|(n, _)| n.len() == longest && text[start..].starts_with(n))
            .fold(0, |acc, (_, f)| acc | f);
        Some((start + longest, flags))
    }

    #[test]
    fn trie_finds_the_longest_name_a_scan_of_the_lists_finds() {
        let names: &[(&str, u32)] = &[
            ("New", CITY),
            ("New York", REGION),
            ("New York", CITY),
            ("New York City", CITY),
            ("Newark", CITY),
            ("Washington", REGION),
            ("Washington, D.C.", CITY),
            ("U.S", COUNTRY),
            ("U.S. Navy", ORG),
            ("Jean", GIVEN),
            ("Ávila", CITY),
        ];
        let mut sorted: Vec<(u64, &str, u32)> =
            names.iter().map(|&(n, f)| (sort_key(n), n, f)).collect();
        sorted.sort_by(|a, b| a.1.cmp(b.1));
        let mut builder = TrieBuilder::new();
        for (_, name, flag) in sorted {
            builder.insert(name, flag);
        }
        let trie = builder.build();
        let texts = [
            "New York City Hall",
            "New York, again",
            "New Yorkers",
            "Newark and New",
            "Washington, D.C., and Washington state",
            "the U.S. Navy and the U.S.",
            "Jean-Pierre and Jean",
            "Ávila in Spain",
            "Newcastle",
        ];
        for text in texts {
            for (start, _) in text.char_indices() {
                let word_end = text[start..]
                    .find([' ', ','])
                    .map_or(text.len(), |i| start + i);
                let word = &text[start..word_end];
                assert_eq!(
                    trie.longest_name(text, start, text.len(), word),
                    longest_by_scan(names, text, start, word),
                    "{text} at {start}"
                );
            }
        }
    }

    #[test]
    fn lookup_gives_every_list_of_every_entry() {
        let lexicons = Lexicons::built_in();
        let gazetteer = Gazetteer::new(&lexicons);
        let mut expected: std::collections::HashMap<&str, u32> = Default::default();
        for (list, flag) in LISTS {
            for entry in lexicons.list(list) {
                *expected.entry(entry).or_default() |= flag;
            }
        }
        for (name, flags) in &expected {
            assert_eq!(gazetteer.lookup(name), *flags, "{name}");
        }
        assert_eq!(gazetteer.lookup(""), 0);
        assert_eq!(gazetteer.lookup("Xqzzy"), 0);
        assert_eq!(gazetteer.lookup("New Yor"), 0);
    }
}
