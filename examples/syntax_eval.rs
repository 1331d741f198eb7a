//! Measures the shallow syntax layer on a UD CoNLL-U file (the EWT test part):
//! UPOS accuracy and base noun-phrase F1 (exact spans), for the lexicon-only baseline and
//! after the contextual rules, then the speed of tagging + chunking.
//!
//! `cargo run --release --example syntax_eval -- /tmp/syntax-ewt/en_ewt-ud-test.conllu`
//!
//! Gold base noun phrases come from the dependency trees, as docs/syntax.md defines them:
//! a NOUN, PROPN, PRON or NUM head that is not itself inside another phrase, with the
//! contiguous block of tokens around it that reach it through phrase-internal relations
//! only (det, det:predet, amod, compound, nummod, nmod:poss, flat, fixed, goeswith; the
//! `case` of a possessor (`'s`); an advmod of an amod or nummod; a hyphen).

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::time::Instant;

use claimtag::syntax::{SentenceSyntax, SyntaxModel, Upos};

struct Token {
    form: String,
    upos: String,
    xpos: String,
    head: usize,
    deprel: String,
}

fn read(path: &str) -> Vec<Vec<Token>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut sents = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        cur.push(Token {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
        });
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    sents
}

/// Whether token `t` (0-based) hangs on its head by a phrase-internal relation.
fn internal(s: &[Token], t: usize) -> bool {
    let tok = &s[t];
    let rel = tok.deprel.as_str();
    let parent_rel = tok
        .head
        .checked_sub(1)
        .and_then(|h| s.get(h))
        .map_or("", |p| p.deprel.as_str());
    match rel {
        "det" | "det:predet" | "det:poss" | "amod" | "compound" | "nummod" | "nmod:poss"
        | "flat" | "flat:foreign" | "flat:name" | "fixed" | "goeswith" => true,
        "case" => parent_rel == "nmod:poss",
        "advmod" => matches!(parent_rel, "amod" | "nummod"),
        "punct" => tok.xpos == "HYPH",
        _ => false,
    }
}

fn gold_nps(s: &[Token]) -> Vec<Range<usize>> {
    let n = s.len();
    let mut out = Vec::new();
    for h in 0..n {
        if !matches!(s[h].upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM") || internal(s, h) {
            continue;
        }
        let member = |t: usize| -> bool {
            let mut cur = t;
            for _ in 0..n {
                if cur == h {
                    return true;
                }
                if !internal(s, cur) || s[cur].head == 0 {
                    return false;
                }
                cur = s[cur].head - 1;
            }
            false
        };
        let mut start = h;
        while start > 0 && member(start - 1) {
            start -= 1;
        }
        let mut end = h + 1;
        while end < n && member(end) {
            end += 1;
        }
        out.push(start..end);
    }
    out
}

#[derive(Default)]
struct Score {
    tokens: usize,
    correct: usize,
    gold_np: usize,
    pred_np: usize,
    match_np: usize,
    confusion: BTreeMap<(String, String), usize>,
}

fn evaluate(model: &SyntaxModel, sents: &[Vec<Token>], dump: bool) -> Score {
    let mut score = Score::default();
    let mut syn = SentenceSyntax::default();
    for s in sents {
        let words: Vec<&str> = s.iter().map(|t| t.form.as_str()).collect();
        model.analyze_into(&words, &mut syn);
        for (tok, tag) in s.iter().zip(syn.tags()) {
            score.tokens += 1;
            let gold = Upos::parse(&tok.upos);
            if gold == Some(tag.upos()) {
                score.correct += 1;
            } else {
                *score
                    .confusion
                    .entry((tok.upos.clone(), tag.upos().as_str().to_string()))
                    .or_default() += 1;
            }
        }
        let gold: HashSet<Range<usize>> = gold_nps(s).into_iter().collect();
        let pred: Vec<Range<usize>> = syn.noun_phrases().map(|c| c.span.clone()).collect();
        score.gold_np += gold.len();
        score.pred_np += pred.len();
        score.match_np += pred.iter().filter(|p| gold.contains(p)).count();
        if dump {
            // NP errors, one line each: the sentence with gold [..] and predicted {..}.
            let pred_set: HashSet<&Range<usize>> = pred.iter().collect();
            let missed = gold.iter().any(|g| !pred_set.contains(g));
            let wrong = pred.iter().any(|p| !gold.contains(p));
            if missed || wrong {
                let mut line = String::new();
                for (i, (w, t)) in words.iter().zip(syn.tags()).enumerate() {
                    for g in &gold {
                        if g.start == i {
                            line.push('[');
                        }
                    }
                    for p in &pred {
                        if p.start == i {
                            line.push('{');
                        }
                    }
                    line.push_str(w);
                    line.push('/');
                    line.push_str(t.as_str());
                    for p in &pred {
                        if p.end == i + 1 {
                            line.push('}');
                        }
                    }
                    for g in &gold {
                        if g.end == i + 1 {
                            line.push(']');
                        }
                    }
                    line.push(' ');
                }
                eprintln!("{line}");
            }
        }
    }
    score
}

fn report(name: &str, s: &Score) {
    let acc = s.correct as f64 / s.tokens.max(1) as f64;
    let p = s.match_np as f64 / s.pred_np.max(1) as f64;
    let r = s.match_np as f64 / s.gold_np.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "{name:<14} UPOS accuracy {acc:.4} ({}/{})   NP P {p:.4} R {r:.4} F1 {f:.4} (gold {}, predicted {}, exact {})",
        s.correct, s.tokens, s.gold_np, s.pred_np, s.match_np
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: syntax_eval FILE.conllu [--confusion] [--dump-np-errors]");
        std::process::exit(2);
    };
    let sents = read(path);
    let model = SyntaxModel::built_in();
    let baseline = SyntaxModel::built_in().without_rules();
    let dump = args.iter().any(|a| a == "--dump-np-errors");
    report("lexicon only", &evaluate(&baseline, &sents, false));
    let full = evaluate(&model, &sents, dump);
    report("with rules", &full);
    if args.iter().any(|a| a == "--confusion") {
        let mut worst: Vec<_> = full.confusion.iter().collect();
        worst.sort_by(|a, b| b.1.cmp(a.1));
        for ((gold, pred), n) in worst.into_iter().take(25) {
            println!("  gold {gold:<6} tagged {pred:<6} {n}");
        }
    }

    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(|t| t.form.as_str()).collect())
        .collect();
    let bytes: usize = sents
        .iter()
        .flat_map(|s| s.iter().map(|t| t.form.len() + 1))
        .sum();
    speed("lexicon only", &baseline, &words, bytes);
    speed("with rules", &model, &words, bytes);
}

/// Nanoseconds this thread has run on a CPU (Linux), so that the figure holds on a
/// shared machine; the wall clock elsewhere.
fn cpu_ns(wall: Instant) -> u128 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| wall.elapsed().as_nanos())
}

/// Tag + chunk every sentence, repeated for about a second of CPU time.
fn speed(name: &str, model: &SyntaxModel, words: &[Vec<&str>], bytes: usize) {
    let mut syn = SentenceSyntax::default();
    let wall = Instant::now();
    let start = cpu_ns(wall);
    let mut rounds = 0usize;
    let mut checksum = 0usize;
    // A fixed number of rounds, for instruction counts under callgrind.
    let fixed: Option<usize> = std::env::var("SYNTAX_EVAL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok());
    while match fixed {
        Some(n) => rounds < n,
        None => rounds == 0 || cpu_ns(wall) - start < 1_000_000_000,
    } {
        for w in words {
            model.analyze_into(w, &mut syn);
            checksum += syn.noun_phrase_list().len();
        }
        rounds += 1;
    }
    let secs = (cpu_ns(wall) - start) as f64 / 1e9;
    println!(
        "speed, {name}: {:.1} MB/s, {:.2} M tokens/s ({} rounds of {} bytes in {secs:.2} s of CPU, checksum {checksum})",
        (bytes * rounds) as f64 / secs / 1e6,
        (words.iter().map(Vec::len).sum::<usize>() * rounds) as f64 / secs / 1e6,
        rounds,
        bytes
    );
}
