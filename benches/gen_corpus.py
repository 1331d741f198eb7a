#!/usr/bin/env python3
"""Writes a news-like JSONL corpus of about N MB for benchmarks and scale tests.

Why: throughput must be measured on input shaped like the real job (news articles with
quotes, reporting verbs, names, numbers, hedges and the odd markup residue), at sizes no
hand-written corpus reaches. Every sentence comes from templates and word lists written
here; nothing is copied from any data set. Output is deterministic for a given seed, so
figures from different runs and machines compare.

Usage: gen_corpus.py --mb 200 --seed 1 --out corpus.jsonl [--shards K --out-dir DIR]
"""

import argparse
import json
import os
import random

FIRST = ["Maria", "James", "Aisha", "Chen", "Olga", "David", "Fatima", "Lucas", "Priya",
         "Tomás", "Ingrid", "Kwame", "Sofia", "Hiroshi", "Amara", "Pieter", "Leila", "Mateo"]
LAST = ["Alvarez", "Okafor", "Lindqvist", "Nakamura", "Petrov", "Haddad", "Brennan",
        "Moreau", "Castellanos", "Mensah", "Kowalski", "Iyer", "Fischer", "O'Connell"]
TITLES = ["Dr.", "Mr.", "Ms.", "Prof.", "Sen.", "Gov.", "Gen.", "Rep."]
ROLES = ["the finance minister", "a spokesperson for the ministry", "the company's chief executive",
         "a senior official", "the mayor", "an analyst at the bank", "the union leader",
         "a researcher at the institute", "the police chief", "a diplomat familiar with the talks"]
ORGS = ["the Northfield Water Authority", "Castel Bank", "the Ministry of Transport",
        "Orbis Mining Corp.", "the Central Statistics Office", "Helix Pharmaceuticals Inc.",
        "the Harbour City Council", "the National Farmers Union", "Vantor Energy Ltd.",
        "the Institute for Coastal Studies", "the U.N. refugee agency", "the E.U. Commission"]
PLACES = ["Harbour City", "Northfield", "the Valdoran capital", "Port Ellis", "the eastern province",
          "Lake Amberly", "New Castor", "the border region", "St. Morven", "Westbridge"]
SUBJECTS = ["the new tariff", "the rail project", "the water shortage", "the merger",
            "the vaccine rollout", "the budget", "the election result", "the strike",
            "the bridge closure", "the drought", "the ceasefire", "the housing plan"]
VERBS_SAY = ["said", "told reporters", "said in a statement", "added", "warned", "argued",
             "claimed", "insisted", "noted", "acknowledged", "stressed", "wrote"]
HEDGES = ["may", "might", "could", "appears to", "is likely to", "is expected to",
          "reportedly", "allegedly", "possibly", "seems to"]
OUTCOMES = ["cost the region millions", "delay the project by a year",
            "raise prices for households", "force hundreds of job cuts",
            "ease pressure on hospitals", "double exports by next spring",
            "trigger a wave of lawsuits", "leave thousands without power",
            "restore confidence in the markets", "reshape the coalition"]
FACTS = ["Unemployment rose to {pct}% in {month}, up from {pct2}% a year earlier.",
         "The project has cost ${num} million so far, roughly {pct}% over budget.",
         "About {num},000 people live in the affected districts.",
         "Shares fell {pct}% in early trading on {day}.",
         "The agency recorded {num} incidents between {month} and {month2}.",
         "Officials expect a decision by {day}, {month} {date}."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NOISE = ["Advertisement", "Share this article", "Click here to subscribe", "<div class=\"ad\">",
         "Related: More news from the region", "© 2026 The Courier. All rights reserved."]


def upper_first(phrase):
    """Capitalises the first letter only (str.capitalize would lower-case the rest)."""
    return phrase[:1].upper() + phrase[1:]


class ArticleWriter:
    """Builds articles from sentence templates with one seeded random source."""

    def __init__(self, seed):
        self.rand = random.Random(seed)

    def pick(self, items):
        return self.rand.choice(items)

    def person(self):
        name = f"{self.pick(FIRST)} {self.pick(LAST)}"
        if self.rand.random() < 0.3:
            name = f"{self.pick(TITLES)} {name}"
        return name

    def fill(self, template):
        r = self.rand
        return template.format(
            pct=f"{r.randint(1, 30)}.{r.randint(0, 9)}", pct2=f"{r.randint(1, 30)}.{r.randint(0, 9)}",
            num=r.randint(2, 950), month=self.pick(MONTHS), month2=self.pick(MONTHS),
            day=self.pick(DAYS), date=r.randint(1, 28))

    def sentence(self):
        r = self.rand
        kind = r.randrange(8)
        subject = self.pick(SUBJECTS)
        outcome = self.pick(OUTCOMES)
        if kind == 0:
            return f"\"{upper_first(subject)} {self.pick(HEDGES)} {outcome},\" {self.person()}, {self.pick(ROLES)}, {self.pick(VERBS_SAY)}."
        if kind == 1:
            return f"{self.person()} {self.pick(VERBS_SAY)} that {subject} {self.pick(HEDGES)} {outcome}."
        if kind == 2:
            return f"According to {self.pick(ORGS)}, {subject} {self.pick(HEDGES)} {outcome}."
        if kind == 3:
            return self.fill(self.pick(FACTS))
        if kind == 4:
            return f"{upper_first(self.pick(ORGS))} did not respond to a request for comment on {subject}."
        if kind == 5:
            return f"Residents of {self.pick(PLACES)} {self.pick(VERBS_SAY)} they were worried about {subject}: \"We were never told {subject} would {outcome}.\""
        if kind == 6:
            return f"The decision, announced on {self.pick(DAYS)} in {self.pick(PLACES)}, follows months of talks between {self.pick(ORGS)} and {self.pick(ORGS)}."
        return f"Critics say {subject} {self.pick(HEDGES)} {outcome}, though {self.pick(ROLES)} disputed that view."

    def article(self, index):
        r = self.rand
        paragraphs = []
        for _ in range(r.randint(4, 14)):
            paragraphs.append(" ".join(self.sentence() for _ in range(r.randint(1, 5))))
            if r.random() < 0.05:
                paragraphs.append(self.pick(NOISE))
        title = f"{upper_first(self.pick(SUBJECTS))} in {self.pick(PLACES)} divides {self.pick(ORGS)}"
        text = title + "\n\n" + "\n\n".join(paragraphs)
        return {
            "id": f"gen-{index:08d}",
            "url": f"https://news.example/{index}",
            "date": f"2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            "text": text,
        }


def write_corpus(target_bytes, seed, paths):
    """Writes articles round-robin over paths until target_bytes are written in all."""
    writer = ArticleWriter(seed)
    outputs = [open(p, "w", encoding="utf-8") for p in paths]
    written = 0
    index = 0
    while written < target_bytes:
        line = json.dumps(writer.article(index), ensure_ascii=False) + "\n"
        outputs[index % len(outputs)].write(line)
        written += len(line.encode("utf-8"))
        index += 1
    for f in outputs:
        f.close()
    return index, written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, required=True, help="size in MB (10^6 bytes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="one JSONL file")
    parser.add_argument("--out-dir", help="a directory of shards instead of one file")
    parser.add_argument("--shards", type=int, default=1)
    args = parser.parse_args()
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
        paths = [os.path.join(args.out_dir, f"shard-{i:04d}.jsonl") for i in range(args.shards)]
    elif args.out:
        paths = [args.out]
    else:
        parser.error("give --out or --out-dir")
    documents, written = write_corpus(int(args.mb * 1e6), args.seed, paths)
    print(f"{documents} documents, {written / 1e6:.1f} MB in {len(paths)} file(s)")


if __name__ == "__main__":
    main()
