#!/usr/bin/env python3
"""Derives the data of the shallow syntax layer (src/syntax) from UD English EWT.

Source: Universal Dependencies English Web Treebank (UD_English-EWT), licence CC BY-SA 4.0,
https://github.com/UniversalDependencies/UD_English-EWT . Only the *train* part is read to
derive the data; *dev* chooses how many contextual rules to keep; *test* is never read here
(it is what `cargo run --release --example syntax_eval` measures).

The data in this folder were derived from EWT v2.16, commit 15d613d8447b. Where a copy of
the repository lacks en_ewt-ud-train.conllu (a mirror may drop its largest file), the train
file is the concatenation of not-to-release/sources/<f> for each <f> of
not-to-release/file-lists/files.train, in order (rebuilt that way, dev and test are
byte-identical to the released files).

Usage:
    python3 src/syntax/data/derive.py TRAIN.conllu DEV.conllu OUT_DIR [--source-note TEXT]

Writes three files to OUT_DIR (normally src/syntax/data/), embedded by src/syntax/mod.rs:

* lexicon.tsv  -- word form -> most likely tag, the tags it may take (its ambiguity class)
                  and, for verbs, the lemma when it is not the form itself.
* suffixes.tsv -- unknown words: shape class + last 0..3 letters -> most likely tag and
                  the tags seen, learned from the train words too rare to enter the lexicon
                  (they stand in for the words the lexicon will not know at run time).
* rules.txt    -- contextual rewrite rules in the style of a transformation-based (Brill)
                  tagger, learned greedily on train: each round picks the rule that fixes
                  the most errors minus the correct tags it breaks, applies it, repeats.

The initial tagger below (lookup / guess) is the exact mirror of `initial_tag` in
src/syntax/tagger.rs: a rule's score is only meaningful if both start from the same tags.
Keep the two in step when either changes.
"""

import sys
from collections import Counter, defaultdict

import numpy as np

# The layer's tag set: UD UPOS with the finer distinctions attribution rules need (verb
# forms, auxiliaries, particles, possessive and wh- pronouns). Order is the Rust enum order.
TAGS = [
    "NOUN", "NOUN_PL", "PROPN", "PRON", "PRON_POSS", "PRON_WH", "DET", "ADJ", "ADV",
    "ADP", "ADP_PRT", "CCONJ", "SCONJ", "NUM", "PART_POS", "PART_TO", "PART_NEG", "INTJ",
    "PUNCT", "SYM", "X",
    "VERB_VB", "VERB_VBP", "VERB_VBZ", "VERB_VBD", "VERB_VBN", "VERB_VBG",
    "AUX_MD", "AUX_VB", "AUX_VBP", "AUX_VBZ", "AUX_VBD", "AUX_VBN", "AUX_VBG",
]
TAG_ID = {t: i for i, t in enumerate(TAGS)}
BOUNDARY = len(TAGS)  # the tag of the padding around a sentence, `BOS`/`EOS` in rules
OPEN = {"NOUN", "NOUN_PL", "ADJ", "ADV", "INTJ",
        "VERB_VB", "VERB_VBP", "VERB_VBZ", "VERB_VBD", "VERB_VBN", "VERB_VBG"}
CLOSED = {"PRON", "PRON_POSS", "PRON_WH", "DET", "ADP", "ADP_PRT", "CCONJ", "SCONJ",
          "PART_POS", "PART_TO", "PART_NEG", "AUX_MD", "AUX_VB", "AUX_VBP", "AUX_VBZ",
          "AUX_VBD", "AUX_VBN", "AUX_VBG"}
LEXICON_MIN_COUNT = 3
CLOSED_MIN_COUNT = 2
SUFFIX_MIN_COUNT = 4
MAX_SUFFIX = 3
RULE_MIN_SCORE = 3
MAX_RULES = 400


def fine_tag(upos, xpos):
    """The layer's tag for an EWT (UPOS, XPOS) pair."""
    if upos == "NOUN":
        return "NOUN_PL" if xpos == "NNS" else "NOUN"
    if upos == "PRON":
        if xpos in ("PRP$", "WP$"):
            return "PRON_POSS"
        if xpos in ("WP", "WDT"):
            return "PRON_WH"
        return "PRON"
    if upos == "ADP":
        return "ADP_PRT" if xpos == "RP" else "ADP"
    if upos == "PART":
        if xpos == "POS":
            return "PART_POS"
        if xpos == "TO":
            return "PART_TO"
        return "PART_NEG"
    if upos == "VERB":
        return "VERB_" + xpos if xpos in ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG") else "VERB_VB"
    if upos == "AUX":
        if xpos == "MD":
            return "AUX_MD"
        return "AUX_" + xpos if xpos in ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG") else "AUX_VB"
    if upos in TAG_ID:
        return upos
    return "X"


def read_conllu(path):
    """Sentences as lists of (form, fine tag, upos, lemma); multiword ranges and empty nodes skipped."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            cur.append((cols[1], fine_tag(cols[3], cols[4]), cols[3], cols[2]))
    if cur:
        sents.append(cur)
    return sents


def normalize(w):
    """Curly quotes to straight ones, as the EWT spells them."""
    return (w.replace("\u2019", "'").replace("\u2018", "'")
            .replace("\u201c", '"').replace("\u201d", '"'))


def is_digit(c):
    return "0" <= c <= "9"


def is_punct_char(c):
    o = ord(c)
    return (o < 128 and not c.isalnum() and not c.isspace()) or 0x2010 <= o <= 0x205E


def shape(w, first):
    """Shape class of a word the lexicon does not know; mirrors `Shape::of` in Rust."""
    has_alpha = any(c.isalpha() for c in w)
    has_digit = any(is_digit(c) for c in w)
    if not has_alpha and not has_digit:
        return "punct" if all(is_punct_char(c) for c in w) else "sym"
    if "://" in w or w.startswith("www.") or ("@" in w and "." in w):
        return "url"
    if has_digit:
        return "num" if not has_alpha else "alnum"
    if w[0].isupper():
        if len(w) > 1 and all(c.isupper() for c in w if c.isalpha()):
            return "allcaps"
        return "capfirst" if first else "cap"
    return "lower"


def suffix_keys(w, shp):
    """Keys tried in order, longest suffix first: `shape:suffix`."""
    lw = w.lower()
    keys = []
    if shp in ("punct", "sym", "url", "num"):
        return [shp + ":"]
    for k in range(MAX_SUFFIX, 0, -1):
        if len(lw) > k:
            keys.append(shp + ":" + lw[-k:])
    keys.append(shp + ":")
    return keys


ALL_OPEN_MASK = sum(1 << TAG_ID[t] for t in OPEN | {"PROPN", "NUM", "X"})


class Initial:
    """The lexicon-and-shape tagger that the contextual rules start from."""

    def __init__(self, lexicon, suffixes):
        self.lexicon = lexicon      # form -> (tag, mask)
        self.suffixes = suffixes    # key -> (tag, mask)

    def guess(self, w, first):
        for key in suffix_keys(w, shape(w, first)):
            hit = self.suffixes.get(key)
            if hit:
                return hit
        return TAG_ID["NOUN"], ALL_OPEN_MASK

    def tag(self, words):
        """Tags, masks and the lexical key (lowercase form, or None when unknown) per word."""
        out = []
        first = True
        for w in words:
            w = normalize(w)
            hit = self.lexicon.get(w)
            key = w.lower() if hit else None
            if hit is None:
                lw = w.lower()
                if lw != w:
                    low = self.lexicon.get(lw)
                    if low is not None:
                        key = lw
                        is_caps = len(w) > 1 and all(c.isupper() for c in w if c.isalpha())
                        if first or is_caps or TAGS[low[0]] not in OPEN:
                            hit = low
                        else:
                            hit = (TAG_ID["PROPN"], low[1] | (1 << TAG_ID["PROPN"]))
            if hit is None:
                hit = self.guess(w, first)
            out.append((hit[0], hit[1], key))
            if any(c.isalnum() for c in w):
                first = False
        return out


def mask_of(counter):
    total = sum(counter.values())
    best = counter.most_common(1)[0][0]
    m = 1 << TAG_ID[best]
    for t, c in counter.items():
        if c >= 2 or c * 10 >= total:
            m |= 1 << TAG_ID[t]
    return best, m


def build_lexicon(train):
    forms = defaultdict(Counter)
    lemmas = defaultdict(Counter)
    for s in train:
        for form, tag, upos, lemma in s:
            form = normalize(form)
            forms[form][tag] += 1
            if upos in ("VERB", "AUX"):
                lemmas[form.lower()][lemma.lower()] += 1
    lexicon = {}
    rows = []
    for form, counter in forms.items():
        n = sum(counter.values())
        best, mask = mask_of(counter)
        if n >= LEXICON_MIN_COUNT or (n >= CLOSED_MIN_COUNT and best in CLOSED):
            lexicon[form] = (TAG_ID[best], mask)
            lemma = ""
            if best.startswith("VERB_") or best.startswith("AUX_"):
                lem = lemmas[form.lower()].most_common(1)
                if lem and lem[0][0] != form.lower():
                    lemma = lem[0][0]
            rows.append((form, best, mask, lemma, n))
    rows.sort(key=lambda r: (-r[4], r[0]))
    return lexicon, rows


def build_suffixes(train, lexicon):
    """Suffix table from the words the lexicon leaves out, in their sentence context."""
    counts = defaultdict(Counter)
    for s in train:
        first = True
        for form, tag, _, _ in s:
            w = normalize(form)
            known = w in lexicon or w.lower() in lexicon
            if not known:
                for key in suffix_keys(w, shape(w, first)):
                    counts[key][tag] += 1
            if any(c.isalnum() for c in w):
                first = False
    table, rows = {}, []
    for key, counter in counts.items():
        n = sum(counter.values())
        if n < SUFFIX_MIN_COUNT and not key.endswith(":"):
            continue
        best, _ = counter.most_common(1)[0]
        m = 1 << TAG_ID[best]
        for t, c in counter.items():
            if c * 20 >= n:
                m |= 1 << TAG_ID[t]
        table[key] = (TAG_ID[best], m)
        rows.append((key, best, m, n))
    rows.sort(key=lambda r: r[0])
    return table, rows


# Rule templates: name, number of tag args, number of word args, context test.
TEMPLATES = [
    ("PREV_TAG", 1, 0), ("NEXT_TAG", 1, 0), ("PREV2_TAG", 1, 0), ("NEXT2_TAG", 1, 0),
    ("PREV_1OR2_TAG", 1, 0), ("NEXT_1OR2_TAG", 1, 0), ("PREV_NEXT_TAG", 2, 0),
    ("PREV_BIGRAM", 2, 0), ("NEXT_BIGRAM", 2, 0),
    ("PREV_WORD", 0, 1), ("NEXT_WORD", 0, 1), ("PREV2_WORD", 0, 1), ("NEXT2_WORD", 0, 1),
    ("CUR_WORD_PREV_TAG", 1, 1), ("CUR_WORD_NEXT_TAG", 1, 1),
    ("CUR_WORD_PREV_WORD", 0, 2), ("CUR_WORD_NEXT_WORD", 0, 2),
]


class Corpus:
    """Sentences flattened into arrays with two padding slots on each side."""

    def __init__(self, sents, initial, words_index):
        T, G, M, W = [], [], [], []
        pad = 2
        for s in sents:
            tagged = initial.tag([f for f, _, _, _ in s])
            T += [BOUNDARY] * pad
            G += [BOUNDARY] * pad
            M += [0] * pad
            W += [0] * pad
            for (form, gold, _, _), (t, m, key) in zip(s, tagged):
                T.append(t)
                G.append(TAG_ID[gold])
                M.append(m)
                W.append(words_index.setdefault(key, len(words_index)) if key else 1)
        T += [BOUNDARY] * pad
        G += [BOUNDARY] * pad
        M += [0] * pad
        W += [0] * pad
        self.T = np.array(T, dtype=np.int16)
        self.G = np.array(G, dtype=np.int16)
        self.M = np.array(M, dtype=np.uint64)
        self.W = np.array(W, dtype=np.int32)
        self.real = self.G != BOUNDARY

    def allowed(self, idx, to):
        return ((self.M[idx] >> np.uint64(to)) & np.uint64(1)) == 1

    def context(self, idx, tmpl, a):
        T, W = self.T, self.W
        if tmpl == "PREV_TAG":
            return T[idx - 1] == a[0]
        if tmpl == "NEXT_TAG":
            return T[idx + 1] == a[0]
        if tmpl == "PREV2_TAG":
            return T[idx - 2] == a[0]
        if tmpl == "NEXT2_TAG":
            return T[idx + 2] == a[0]
        if tmpl == "PREV_1OR2_TAG":
            return (T[idx - 1] == a[0]) | (T[idx - 2] == a[0])
        if tmpl == "NEXT_1OR2_TAG":
            return (T[idx + 1] == a[0]) | (T[idx + 2] == a[0])
        if tmpl == "PREV_NEXT_TAG":
            return (T[idx - 1] == a[0]) & (T[idx + 1] == a[1])
        if tmpl == "PREV_BIGRAM":
            return (T[idx - 2] == a[0]) & (T[idx - 1] == a[1])
        if tmpl == "NEXT_BIGRAM":
            return (T[idx + 1] == a[0]) & (T[idx + 2] == a[1])
        if tmpl == "PREV_WORD":
            return W[idx - 1] == a[0]
        if tmpl == "NEXT_WORD":
            return W[idx + 1] == a[0]
        if tmpl == "PREV2_WORD":
            return W[idx - 2] == a[0]
        if tmpl == "NEXT2_WORD":
            return W[idx + 2] == a[0]
        if tmpl == "CUR_WORD_PREV_TAG":
            return (W[idx] == a[1]) & (T[idx - 1] == a[0])
        if tmpl == "CUR_WORD_NEXT_TAG":
            return (W[idx] == a[1]) & (T[idx + 1] == a[0])
        if tmpl == "CUR_WORD_PREV_WORD":
            return (W[idx] == a[0]) & (W[idx - 1] == a[1])
        if tmpl == "CUR_WORD_NEXT_WORD":
            return (W[idx] == a[0]) & (W[idx + 1] == a[1])
        raise ValueError(tmpl)

    def apply(self, rule):
        frm, to, tmpl, a = rule
        idx = np.nonzero(self.T == frm)[0]
        if len(idx) == 0:
            return
        idx = idx[self.allowed(idx, to) & self.context(idx, tmpl, a)]
        self.T[idx] = to  # simultaneous: every context was read before any change

    def accuracy(self, upos_of):
        t = upos_of[self.T[self.real]]
        g = upos_of[self.G[self.real]]
        return float((t == g).mean())


def candidates(T, W, i, to):
    """Every rule instance that would retag position i from T[i] to `to`."""
    frm = int(T[i])
    p1, p2, n1, n2 = int(T[i - 1]), int(T[i - 2]), int(T[i + 1]), int(T[i + 2])
    w, wp1, wp2, wn1, wn2 = int(W[i]), int(W[i - 1]), int(W[i - 2]), int(W[i + 1]), int(W[i + 2])
    out = [
        (frm, to, "PREV_TAG", (p1,)), (frm, to, "NEXT_TAG", (n1,)),
        (frm, to, "PREV2_TAG", (p2,)), (frm, to, "NEXT2_TAG", (n2,)),
        (frm, to, "PREV_1OR2_TAG", (p1,)), (frm, to, "NEXT_1OR2_TAG", (n1,)),
        (frm, to, "PREV_NEXT_TAG", (p1, n1)), (frm, to, "PREV_BIGRAM", (p2, p1)),
        (frm, to, "NEXT_BIGRAM", (n1, n2)),
    ]
    if p2 != p1:
        out.append((frm, to, "PREV_1OR2_TAG", (p2,)))
    if n2 != n1:
        out.append((frm, to, "NEXT_1OR2_TAG", (n2,)))
    # Word ids 0 (padding) and 1 (unknown word) never name a rule's word.
    if wp1 > 1:
        out.append((frm, to, "PREV_WORD", (wp1,)))
    if wn1 > 1:
        out.append((frm, to, "NEXT_WORD", (wn1,)))
    if wp2 > 1:
        out.append((frm, to, "PREV2_WORD", (wp2,)))
    if wn2 > 1:
        out.append((frm, to, "NEXT2_WORD", (wn2,)))
    if w > 1:
        out.append((frm, to, "CUR_WORD_PREV_TAG", (p1, w)))
        out.append((frm, to, "CUR_WORD_NEXT_TAG", (n1, w)))
        if wp1 > 1:
            out.append((frm, to, "CUR_WORD_PREV_WORD", (w, wp1)))
        if wn1 > 1:
            out.append((frm, to, "CUR_WORD_NEXT_WORD", (w, wn1)))
    return out


def learn(corpus, log):
    rules = []
    T, G, W = corpus.T, corpus.G, corpus.W
    while len(rules) < MAX_RULES:
        err = np.nonzero((T != G) & corpus.real)[0]
        good = Counter()
        for i in err:
            to = int(G[i])
            if not (int(corpus.M[i]) >> to) & 1:
                continue
            good.update(candidates(T, W, i, to))
        if not good:
            break
        correct = (T == G) & corpus.real
        by_from = {}
        best, best_score = None, RULE_MIN_SCORE - 1
        for rule, g in good.most_common():
            if g <= best_score:
                break
            frm, to, tmpl, a = rule
            if frm not in by_from:
                by_from[frm] = np.nonzero(correct & (T == frm))[0]
            idx = by_from[frm]
            idx = idx[corpus.allowed(idx, to)]
            bad = int(corpus.context(idx, tmpl, a).sum()) if len(idx) else 0
            if g - bad > best_score:
                best, best_score = rule, g - bad
        if best is None:
            break
        corpus.apply(best)
        rules.append((best, best_score))
        log(f"rule {len(rules)} score {best_score}")
    return rules


def rule_text(rule, words):
    frm, to, tmpl, a = rule
    name = lambda t: "BOUNDARY" if t == BOUNDARY else TAGS[t]
    args = []
    ntag = {t[0]: t[1] for t in TEMPLATES}[tmpl]
    if tmpl.startswith("CUR_WORD_PREV_WORD") or tmpl.startswith("CUR_WORD_NEXT_WORD"):
        args = [words[a[0]], words[a[1]]]
    elif tmpl.startswith("CUR_WORD"):
        args = [name(a[0]), words[a[1]]]
    elif ntag:
        args = [name(x) for x in a]
    else:
        args = [words[a[0]]]
    return " ".join([TAGS[frm], TAGS[to], tmpl] + args)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    train_path, dev_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    note = "UD English EWT (https://github.com/UniversalDependencies/UD_English-EWT), CC BY-SA 4.0"
    if "--source-note" in sys.argv:
        note = sys.argv[sys.argv.index("--source-note") + 1]
    log = lambda m: print(m, file=sys.stderr, flush=True)
    train, dev = read_conllu(train_path), read_conllu(dev_path)
    lexicon, lex_rows = build_lexicon(train)
    suffixes, suf_rows = build_suffixes(train, lexicon)
    initial = Initial(lexicon, suffixes)
    log(f"lexicon {len(lexicon)} forms, suffix table {len(suffixes)} keys")

    words_index = {None: 0, "<unk>": 1}
    corpus = Corpus(train, initial, words_index)
    dev_corpus = Corpus(dev, initial, words_index)
    upos_names = [upos_name(t) for t in TAGS] + ["BOUNDARY"]
    uid = {u: i for i, u in enumerate(sorted(set(upos_names)))}
    upos_of = np.array([uid[u] for u in upos_names])
    log(f"lexicon-only UPOS accuracy: train {corpus.accuracy(upos_of):.4f} dev {dev_corpus.accuracy(upos_of):.4f}")

    rules = learn(corpus, log)
    words = {i: w for w, i in words_index.items()}
    # Dev picks how many of the greedy rules to keep.
    best_n, best_acc = 0, dev_corpus.accuracy(upos_of)
    for n, (rule, _) in enumerate(rules, 1):
        dev_corpus.apply(rule)
        acc = dev_corpus.accuracy(upos_of)
        if acc > best_acc + 1e-9:
            best_n, best_acc = n, acc
    log(f"after rules: train {corpus.accuracy(upos_of):.4f}; dev best {best_acc:.4f} with {best_n} of {len(rules)} rules")

    header = (f"# Derived by src/syntax/data/derive.py from the train part of {note}.\n"
              "# Licence of the source and of this derived data: CC BY-SA 4.0.\n")
    with open(f"{out}/lexicon.tsv", "w", encoding="utf-8") as f:
        f.write(header)
        f.write(f"# form<TAB>most likely tag<TAB>tags it takes<TAB>verb lemma if not the form. "
                f"Forms seen >= {LEXICON_MIN_COUNT} times (closed classes >= {CLOSED_MIN_COUNT}).\n")
        for form, best, mask, lemma, _ in lex_rows:
            tags = ",".join(t for t in TAGS if mask >> TAG_ID[t] & 1)
            f.write(f"{form}\t{best}\t{tags}\t{lemma}\n")
    with open(f"{out}/suffixes.tsv", "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# shape:suffix<TAB>most likely tag<TAB>tags seen (>= 5%), from train words outside the lexicon.\n")
        for key, best, mask, _ in suf_rows:
            tags = ",".join(t for t in TAGS if mask >> TAG_ID[t] & 1)
            f.write(f"{key}\t{best}\t{tags}\n")
    with open(f"{out}/rules.txt", "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# FROM TO TEMPLATE ARGS: retag FROM as TO where the context holds and TO is among\n"
                "# the word's tags. Applied in order, each over the whole sentence at once.\n"
                "# Score = errors fixed minus correct tags broken on train.\n")
        for rule, score in rules[:best_n]:
            f.write(f"{rule_text(rule, words)}\t# {score}\n")


def upos_name(t):
    if t.startswith("PART"):
        return "PART"
    if t == "ADP_PRT":
        return "ADP"
    if t in ("NOUN_PL",):
        return "NOUN"
    if t.startswith("PRON"):
        return "PRON"
    return t.split("_")[0]


if __name__ == "__main__":
    main()
