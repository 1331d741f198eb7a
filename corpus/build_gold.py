#!/usr/bin/env python3
"""Build the claimtag gold corpus from annotated sources.

Reads every ``corpus/src/<slug>.ann.md`` and writes
  * ``corpus/articles/<slug>.txt``  the article text, markup stripped;
  * ``corpus/gold/<slug>.json``     one annotation document (see spec/output-contract.md).
Python 3 standard library only; deterministic (same sources -> byte-identical output).
Every invariant is checked; any violation aborts with a non-zero exit status.

Usage:  python3 corpus/build_gold.py [--stats] [--check]
  --stats  print counts per layer after building
  --check  build in memory and compare with the files on disk; exit 1 if they differ

MARKUP (inline, nestable; the three bracket families may nest inside each other in any
way as long as they nest properly -- spans never cross)

  Entities      [[LABEL text]]
                LABEL is one of PERSON ORG GPE LOC NORP DATE TIME MONEY PERCENT QUANTITY CARDINAL.
                e.g. [[PERSON Amal Haddad]], Foreign Minister [[PERSON Lena M. Kowalski]]

  Hedges        {{kind text}}
                kind is one of modal adverb epistemic reporting agentless weasel approximator.
                e.g. {{modal may}}, {{approximator some}} [[CARDINAL 300]] ... -- or, since
                OntoNotes keeps the approximator in the number: [[CARDINAL {{approximator some}} 300]]

  Attributions  <<sN text>>                 source span of attribution N
                <<cN/type/kind text>>       cue span; type = direct|indirect|mixed,
                                            kind = named|anonymous|pronoun|document|agentless
                <<qN text>>                 content span
                <<qM^N text>>               content of a follow-on sentence of the quotation
                                            opened by attribution N (the new attribution M shares
                                            N's cue, source and source_kind; its type is direct
                                            unless written <<qM^N/mixed text>>)
                N and M are labels made of digits and lower-case letters ("1", "2b"), unique
                within the file. A source may name the entity it refers to with @:
                <<s4@Haddad she>> -- the nearest entity before the source whose text contains
                "Haddad" ("_" stands for a space: @Ministry_of_Health); @none means "refers
                to no entity" (they = "officials"). Pronoun sources must use @; named sources
                without an entity inside their span must use @; a named source with a PERSON
                (else ORG, else NORP/GPE) entity inside links to it automatically.

  Sentences     |   placed right after the last character of a sentence (after the closing
                quote or bracket). The end of a paragraph (a line followed by a blank line or the
                end of the file) always ends a sentence, so headline, byline and a dateline on
                its own line need no mark.

  Noise         a line starting with "@@noise " is copied (without the prefix) into the text
                and reported as noise {"kind": "markup"}; it is never part of a sentence.

  Comments      a line starting with "%%" is dropped entirely.

Conventions encoded by the builder (see corpus/README.md):
  * attribution ids a0.. follow (cue start, content start); a follow-on attribution gets
    "continues" = id of the attribution that opened the quotation, and its "sentence" is the
    sentence holding its content (every other attribution: the sentence holding its cue);
  * a hedge's "attribution" is the attribution whose cue or source it overlaps, else the one
    whose content contains it (the innermost), else null;
  * entity ids e0.. and hedge ids h0.. follow start order.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
ART = os.path.join(HERE, "articles")
GOLD = os.path.join(HERE, "gold")

ENT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "PERCENT",
              "QUANTITY", "CARDINAL"}
HEDGE_KINDS = {"modal", "adverb", "epistemic", "reporting", "agentless", "weasel", "approximator"}
TYPES = {"direct", "indirect", "mixed"}
KINDS = {"named", "anonymous", "pronoun", "document", "agentless"}
OPEN = {"[[": "ent", "{{": "hedge", "<<": "attr"}
CLOSE = {"]]": "ent", "}}": "hedge", ">>": "attr"}
ATTR_TAG = re.compile(r"^([scq])([0-9a-z]+)(?:\^([0-9a-z]+))?(?:@(\S+))?(?:/([a-z]+)(?:/([a-z]+))?)?$")
QUOTES_OPEN = "\"“‘'"
QUOTES_CLOSE = "\"”’'"
ABBREV = {"Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.",
          "St.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
          "Inc.", "Ltd.", "Co.", "Corp.", "No.", "U.S.", "U.K.", "U.N.", "D.C.", "S.A.", "a.m.",
          "p.m.", "vs.", "Jr.", "Sr.", "E.U.", "Calif."}


class BuildError(Exception):
    pass


def fail(slug, msg):
    raise BuildError(f"{slug}: {msg}")


def parse(slug, raw):
    """Strip the markup; return text, spans per layer, sentence marks and noise lines."""
    lines = raw.split("\n")
    kept = []
    noise_lines = set()
    for ln in lines:
        if ln.startswith("%%"):
            continue
        if ln.startswith("@@noise "):
            noise_lines.add(len(kept))
            kept.append(ln[len("@@noise "):])
            continue
        kept.append(ln)
    src = "\n".join(kept)
    out = []
    stack = []
    ents, hedges, roles, marks = [], [], [], []
    line_no = 0
    line_of_out = []  # source line index for every output char
    noise_spans = []
    i = 0
    n = len(src)
    while i < n:
        two = src[i:i + 2]
        if two in OPEN:
            j = src.find(" ", i + 2)
            if j < 0:
                fail(slug, f"unterminated tag at char {i}")
            tag = src[i + 2:j]
            fam = OPEN[two]
            if fam == "ent" and tag not in ENT_LABELS:
                fail(slug, f"unknown entity label {tag!r} near {src[i:i+40]!r}")
            if fam == "hedge" and tag not in HEDGE_KINDS:
                fail(slug, f"unknown hedge kind {tag!r} near {src[i:i+40]!r}")
            if fam == "attr" and not ATTR_TAG.match(tag):
                fail(slug, f"bad attribution tag {tag!r} near {src[i:i+40]!r}")
            stack.append((fam, tag, len(out), i))
            i = j + 1
            continue
        if two in CLOSE:
            if not stack:
                fail(slug, f"unmatched {two} at char {i}: {src[max(0,i-40):i+2]!r}")
            fam, tag, start, at = stack.pop()
            if fam != CLOSE[two]:
                fail(slug, f"{two} closes a {fam} tag opened at {src[at:at+40]!r}")
            end = len(out)
            if end <= start:
                fail(slug, f"empty span for tag {tag!r} at {src[at:at+40]!r}")
            span_text = "".join(out[start:end])
            if span_text != span_text.strip():
                fail(slug, f"span {span_text!r} has surrounding space")
            if fam == "ent":
                ents.append((start, end, tag))
            elif fam == "hedge":
                hedges.append((start, end, tag))
            else:
                roles.append((start, end, tag))
            i += 2
            continue
        c = src[i]
        if c == "|":
            marks.append(len(out))
            i += 1
            continue
        if c == "\n":
            if stack:
                fail(slug, f"tag {stack[-1][1]!r} still open at end of line {line_no + 1}")
            line_no += 1
        out.append(c)
        line_of_out.append(line_no)
        i += 1
    if stack:
        fail(slug, f"unclosed tag {stack[-1][1]!r} opened at {src[stack[-1][3]:stack[-1][3]+40]!r}")
    text = "".join(out)
    if not text.endswith("\n"):
        text += "\n"
        line_of_out.append(line_no)
    for k in ("[[", "]]", "{{", "}}", "<<", ">>", "|"):
        if k in text:
            fail(slug, f"markup residue {k!r} in text")
    # noise spans: whole (trimmed) lines
    pos = 0
    for idx, ln in enumerate(text.split("\n")):
        if idx in noise_lines:
            s = pos + (len(ln) - len(ln.lstrip()))
            e = pos + len(ln.rstrip())
            noise_spans.append((s, e))
        pos += len(ln) + 1
    return text, ents, hedges, roles, marks, noise_spans


def sentences_of(slug, text, marks, noise):
    """Paragraphs (split at blank lines) cut at the explicit marks."""
    ends = set(marks)
    spans = []
    pos = 0
    paras = []
    for m in re.finditer(r"\n[ \t]*\n", text + "\n\n"):
        paras.append((pos, min(m.start(), len(text))))
        pos = m.end()
    in_noise = lambda s, e: any(ns <= s and e <= ne for ns, ne in noise)
    for ps, pe in paras:
        cuts = sorted(x for x in ends if ps < x <= pe)
        bounds = [ps] + cuts + ([pe] if not cuts or cuts[-1] != pe else [])
        for a, b in zip(bounds, bounds[1:]):
            seg = text[a:b]
            if not seg.strip():
                continue
            s = a + (len(seg) - len(seg.lstrip()))
            e = b - (len(seg) - len(seg.rstrip()))
            if in_noise(s, e):
                continue
            if any(not (e <= ns or s >= ne) for ns, ne in noise):
                fail(slug, f"sentence overlaps noise: {text[s:e]!r}")
            if "\n" in text[s:e]:
                fail(slug, f"sentence spans a line break: {text[s:e]!r}")
            spans.append((s, e))
    for x in marks:
        if not any(e == x for _, e in spans):
            fail(slug, f"sentence mark at {x} does not end a sentence: {text[max(0,x-30):x]!r}")
        k = x
        while k > 0 and text[k - 1] in QUOTES_CLOSE + ")]":
            k -= 1
        if text[k - 1] not in ".!?…":
            fail(slug, f"sentence mark after {text[max(0,x-30):x]!r} is not after . ! ? …")
        if x < len(text) and not text[x].isspace():
            fail(slug, f"sentence mark not followed by space: {text[max(0,x-30):x+10]!r}")
    return spans


def sentence_warnings(text, spans, noise):
    """Heuristic: terminal punctuation followed by a capital that is not a marked boundary."""
    ends = {e for _, e in spans}
    warns = []
    for m in re.finditer(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])", text):
        e = m.end()
        if e in ends or any(ns <= e <= ne for ns, ne in noise):
            continue
        word = text[:m.start() + 1].split()[-1].lstrip("(\"“‘")
        if word in ABBREV or re.fullmatch(r"[A-Z]\.", word):
            continue
        warns.append(f"unmarked boundary? {text[max(0,e-40):e+20]!r}")
    for s, e in spans:
        t = text[s:e]
        if t[-1] not in ".!?…\"”’')]" and e != len(text.rstrip()):
            pass
    return warns


def sent_index(spans, pos):
    for k, (s, e) in enumerate(spans):
        if s <= pos < e:
            return k
    raise ValueError(pos)


def resolve_ref(slug, ref, before, ents_sorted, text):
    want = ref.replace("_", " ")
    best = None
    for k, (s, e, lab) in enumerate(ents_sorted):
        if e <= before and want in text[s:e]:
            best = k
    if best is None:
        fail(slug, f"@{ref}: no entity before {before} contains {want!r}")
    return best


def build(slug, raw):
    text, ents, hedges, roles, marks, noise = parse(slug, raw)
    spans = sentences_of(slug, text, marks, noise)
    warns = sentence_warnings(text, spans, noise)
    ents.sort()
    hedges.sort()
    for lst, what in ((ents, "entity"), (hedges, "hedge")):
        for a, b in zip(lst, lst[1:]):
            if a[0] == b[0] and a[1] == b[1]:
                fail(slug, f"duplicate {what} span {text[a[0]:a[1]]!r}")
    for a, b in zip(ents, ents[1:]):
        if b[0] < a[1]:
            fail(slug, f"overlapping entities {text[a[0]:a[1]]!r} / {text[b[0]:b[1]]!r}")

    def in_sentence(s, e, what):
        k = sent_index(spans, s)
        if e > spans[k][1]:
            fail(slug, f"{what} {text[s:e]!r} crosses a sentence end")
        return k

    def in_any_sentence(s, e, what):
        try:
            k = sent_index(spans, s)
        except ValueError:
            fail(slug, f"{what} {text[s:e]!r} outside every sentence")
        return k

    # entities
    ent_out = []
    for k, (s, e, lab) in enumerate(ents):
        t = text[s:e]
        if t.lower().startswith("the ") or t.endswith("'s") or t.endswith("’s"):
            fail(slug, f"entity {t!r}: leading 'the' or possessive")
        ent_out.append({"id": f"e{k}", "start": s, "end": e, "text": t, "label": lab,
                        "sentence": in_sentence(s, e, "entity")})

    # attributions: gather roles per label
    A = {}
    for s, e, tag in roles:
        m = ATTR_TAG.match(tag)
        role, lab, cont, ref, p1, p2 = m.groups()
        a = A.setdefault(lab, {"label": lab})
        key = {"s": "source", "c": "cue", "q": "content"}[role]
        if key in a:
            fail(slug, f"attribution {lab}: two {key} spans")
        a[key] = (s, e)
        if role == "s":
            a["ref"] = ref
            if p1:
                fail(slug, f"attribution {lab}: props belong on the cue")
        elif role == "c":
            if ref or cont:
                fail(slug, f"attribution {lab}: @ / ^ not allowed on a cue")
            if p1 not in TYPES or p2 not in KINDS:
                fail(slug, f"attribution {lab}: cue needs /type/kind, got {tag!r}")
            a["type"], a["kind"] = p1, p2
        else:
            if ref:
                fail(slug, f"attribution {lab}: @ not allowed on content")
            if cont:
                a["continues"] = cont
                a["type"] = p1 or "direct"
                if p1 and p1 not in TYPES:
                    fail(slug, f"attribution {lab}: bad type {p1}")
            elif p1:
                fail(slug, f"attribution {lab}: props belong on the cue")
    for lab, a in A.items():
        if "continues" in a:
            base = A.get(a["continues"])
            if base is None or "cue" not in base or "continues" in base:
                fail(slug, f"attribution {lab}: continues unknown/non-initial {a['continues']}")
            if "cue" in a or "source" in a:
                fail(slug, f"attribution {lab}: a follow-on has no cue/source of its own")
            a["cue"] = base["cue"]
            a["source"] = base.get("source")
            a["ref"] = base.get("ref")
            a["kind"] = base["kind"]
            if "content" not in a:
                fail(slug, f"attribution {lab}: follow-on without content")
        if "cue" not in a:
            fail(slug, f"attribution {lab}: no cue")
        if "content" not in a:
            fail(slug, f"attribution {lab}: no content (this corpus gives every attribution one)")
        if a["kind"] == "agentless" and a.get("source"):
            fail(slug, f"attribution {lab}: agentless with a source")
        if a["kind"] != "agentless" and not a.get("source"):
            fail(slug, f"attribution {lab}: {a['kind']} source missing")
    order = sorted(A.values(), key=lambda a: (a["cue"][0], a["content"][0] if a.get("content") else -1))
    ids = {a["label"]: f"a{k}" for k, a in enumerate(order)}

    def role_obj(sp):
        if sp is None:
            return None
        return {"start": sp[0], "end": sp[1], "text": text[sp[0]:sp[1]]}

    att_out = []
    for a in order:
        cue = a["cue"]
        src = a.get("source")
        con = a.get("content")
        kind, typ = a["kind"], a["type"]
        ent = None
        if src:
            if a.get("ref") == "none":
                ent = None
            elif a.get("ref"):
                ent = resolve_ref(slug, a["ref"], src[0], ents, text)
            elif kind == "pronoun":
                fail(slug, f"attribution {a['label']}: pronoun source needs @ref")
            elif kind == "named":
                inside = [k for k, (s, e, l) in enumerate(ents) if src[0] <= s and e <= src[1]]
                pick = [k for k in inside if ents[k][2] == "PERSON"] or \
                       [k for k in inside if ents[k][2] == "ORG"] or \
                       [k for k in inside if ents[k][2] in ("NORP", "GPE")]
                if not pick:
                    fail(slug, f"attribution {a['label']}: named source {text[src[0]:src[1]]!r} "
                               f"has no PERSON/ORG inside; add @ref")
                ent = pick[0]
        if con:
            ct = text[con[0]:con[1]]
            before = text[con[0] - 1] if con[0] else ""
            after = text[con[1]] if con[1] < len(text) else ""
            if typ == "direct":
                if before not in QUOTES_OPEN and "continues" not in a:
                    fail(slug, f"attribution {a['label']}: direct content not after a quote mark: {ct[:40]!r}")
                if "continues" in a and before not in QUOTES_OPEN and not text[con[0]-2:con[0]].strip() == "":
                    pass
            if typ == "indirect" and any(q in ct for q in "\"“”"):
                fail(slug, f"attribution {a['label']}: indirect content holds a quotation mark")
            if typ == "mixed" and not any(q in ct for q in "\"“”‘’"):
                fail(slug, f"attribution {a['label']}: mixed content without quoted fragment")
            if ct.startswith("that "):
                fail(slug, f"attribution {a['label']}: content starts with 'that'")
            if ct.endswith(","):
                fail(slug, f"attribution {a['label']}: trailing comma in content")
            if ct[0] in QUOTES_OPEN and typ != "mixed":
                fail(slug, f"attribution {a['label']}: content keeps its opening quote mark")
        sent = sent_index(spans, con[0]) if "continues" in a else in_any_sentence(cue[0], cue[1], "cue")
        att_out.append({
            "id": ids[a["label"]], "sentence": sent, "type": typ, "source_kind": kind,
            "cue": role_obj(cue),
            "source": None if src is None else dict(role_obj(src), entity=None if ent is None else f"e{ent}"),
            "content": role_obj(con),
            "continues": ids[a["continues"]] if "continues" in a else None,
        })

    # hedges
    hed_out = []
    for k, (s, e, kind) in enumerate(hedges):
        link = None
        for a in att_out:
            for r in ("cue", "source"):
                sp = a[r]
                if sp and sp["start"] < e and s < sp["end"] and a["continues"] is None:
                    link = link or a["id"]
        if link is None:
            best = None
            for a in att_out:
                c = a["content"]
                if c and c["start"] <= s and e <= c["end"]:
                    size = c["end"] - c["start"]
                    if best is None or size < best[0]:
                        best = (size, a["id"])
            link = best[1] if best else None
        hed_out.append({"id": f"h{k}", "start": s, "end": e, "text": text[s:e], "kind": kind,
                        "sentence": in_sentence(s, e, "hedge"), "attribution": link})

    sent_out = [{"id": k, "start": s, "end": e, "text": text[s:e]} for k, (s, e) in enumerate(spans)]
    by_kind, by_type = {}, {}
    for a in att_out:
        by_kind[a["source_kind"]] = by_kind.get(a["source_kind"], 0) + 1
        by_type[a["type"]] = by_type.get(a["type"], 0) + 1
    doc = {
        "schema_version": "1.0.0",
        "id": slug,
        "source": f"corpus/articles/{slug}.txt",
        "text": text,
        "offsets": "codepoint",
        "sentences": sent_out,
        "noise": [{"start": s, "end": e, "text": text[s:e], "kind": "markup"} for s, e in noise],
        "entities": ent_out,
        "attributions": att_out,
        "hedges": hed_out,
        "summary": {
            "sentences": len(sent_out),
            "hedged_sentences": len({h["sentence"] for h in hed_out}),
            "attributions": len(att_out),
            "by_source_kind": dict(sorted(by_kind.items())),
            "by_type": dict(sorted(by_type.items())),
            "entities_by_label": count_by(ent_out, "label"),
            "hedges_by_kind": count_by(hed_out, "kind"),
            "named_source_share": round(by_kind.get("named", 0) / len(att_out), 4) if att_out else 0.0,
        },
    }
    verify(slug, doc)
    return text, doc, warns


def count_by(items, field):
    """Counts of items per value of `field`, keys sorted, as claimtag's summary writes them."""
    counts = {}
    for item in items:
        counts[item[field]] = counts.get(item[field], 0) + 1
    return dict(sorted(counts.items()))


def verify(slug, doc):
    """The contract's invariants, checked on the finished document."""
    text = doc["text"]
    L = len(text)

    def chk(sp, what):
        if sp is None:
            return
        s, e = sp["start"], sp["end"]
        if not (0 <= s < e <= L):
            fail(slug, f"{what}: bad span {s}-{e}")
        if "text" in sp and sp["text"] != text[s:e]:
            fail(slug, f"{what}: text mismatch {sp['text']!r} != {text[s:e]!r}")
        if text[s].isspace() or text[e - 1].isspace():
            fail(slug, f"{what}: span {text[s:e]!r} starts or ends with space")

    for layer in ("sentences", "noise", "entities", "hedges"):
        items = doc[layer]
        for x in items:
            chk(x, layer)
        starts = [x["start"] for x in items]
        if starts != sorted(starts):
            fail(slug, f"{layer} not sorted by start")
        ids = [x.get("id") for x in items if "id" in x]
        if len(ids) != len(set(ids)):
            fail(slug, f"{layer}: duplicate ids")
    for a, b in zip(doc["sentences"], doc["sentences"][1:]):
        if b["start"] < a["end"]:
            fail(slug, "sentences overlap")
    ids = [a["id"] for a in doc["attributions"]]
    if len(ids) != len(set(ids)):
        fail(slug, "attributions: duplicate ids")
    keys = [(a["cue"]["start"], a["content"]["start"] if a["content"] else -1) for a in doc["attributions"]]
    if keys != sorted(keys):
        fail(slug, "attributions not sorted by cue start")
    ent_ids = {e["id"] for e in doc["entities"]}
    for a in doc["attributions"]:
        if a["cue"] is None:
            fail(slug, f"{a['id']}: null cue")
        for r in ("cue", "source", "content"):
            chk(a[r], f"{a['id']}.{r}")
        if a["source"] and a["source"]["entity"] is not None and a["source"]["entity"] not in ent_ids:
            fail(slug, f"{a['id']}: unknown entity")
        if a["continues"] is not None and a["continues"] not in ids:
            fail(slug, f"{a['id']}: continues unknown id")
    n = len(doc["sentences"])
    for layer in ("entities", "attributions", "hedges"):
        for x in doc[layer]:
            if not 0 <= x["sentence"] < n:
                fail(slug, f"{layer} {x['id']}: bad sentence index")


def dump(doc):
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv):
    stats = "--stats" in argv
    check = "--check" in argv
    slugs = sorted(f[:-len(".ann.md")] for f in os.listdir(SRC) if f.endswith(".ann.md"))
    if not slugs:
        print("no sources in corpus/src", file=sys.stderr)
        return 1
    outputs = {}
    all_warns = []
    docs = []
    try:
        for slug in slugs:
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
                fail(slug, "slug must be lower-case letters, digits and '-'")
            with open(os.path.join(SRC, slug + ".ann.md"), encoding="utf-8") as fh:
                raw = fh.read()
            text, doc, warns = build(slug, raw)
            all_warns += [f"{slug}: {w}" for w in warns]
            outputs[os.path.join(ART, slug + ".txt")] = text
            outputs[os.path.join(GOLD, slug + ".json")] = dump(doc)
            docs.append(doc)
    except BuildError as err:
        print(f"build_gold: ERROR {err}", file=sys.stderr)
        return 1
    for w in all_warns:
        print(f"build_gold: warning {w}", file=sys.stderr)
    if check:
        bad = []
        for path, content in sorted(outputs.items()):
            try:
                with open(path, encoding="utf-8", newline="") as fh:
                    if fh.read() != content:
                        bad.append(path)
            except FileNotFoundError:
                bad.append(path)
        for p in bad:
            print(f"build_gold: stale {os.path.relpath(p, HERE)}", file=sys.stderr)
        return 1 if bad else 0
    os.makedirs(ART, exist_ok=True)
    os.makedirs(GOLD, exist_ok=True)
    for path, content in sorted(outputs.items()):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
    for d in (ART, GOLD):
        for f in sorted(os.listdir(d)):
            base = f.rsplit(".", 1)[0]
            if f.endswith((".txt", ".json")) and base not in slugs:
                print(f"build_gold: warning {os.path.relpath(os.path.join(d, f), HERE)} has no source",
                      file=sys.stderr)
    print(f"build_gold: wrote {len(slugs)} articles and gold documents")
    if stats:
        print_stats(docs)
    return 0


def print_stats(docs):
    from collections import Counter
    c = Counter()
    words = []
    for d in docs:
        c["sentences"] += len(d["sentences"])
        c["noise"] += len(d["noise"])
        for e in d["entities"]:
            c["entity " + e["label"]] += 1
        for a in d["attributions"]:
            c["attribution type " + a["type"]] += 1
            c["attribution kind " + a["source_kind"]] += 1
            c["attributions"] += 1
            if a["continues"]:
                c["attribution follow-on"] += 1
        for h in d["hedges"]:
            c["hedge " + h["kind"]] += 1
            c["hedges"] += 1
        c["hedged sentences"] += d["summary"]["hedged_sentences"]
        words.append((d["id"], len(d["text"].split())))
    for k in sorted(c):
        print(f"  {k:32s} {c[k]}")
    for slug, w in words:
        print(f"  words {slug:30s} {w}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
