//! Prints the tags, chunks and clause edges of sentences given on the command line (one
//! argument a sentence, tokens separated by spaces), to see what the syntax layer does.
//!
//! `cargo run --release --example syntax_show -- "The agency 's chief said on Tuesday that it had not yet denied the claim ."`

use claimtag::syntax::{MaximalNp, SyntaxModel};

fn main() {
    let model = SyntaxModel::built_in();
    for sentence in std::env::args().skip(1) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let s = model.analyze(&words);
        let tagged: Vec<String> = words
            .iter()
            .zip(s.tags())
            .map(|(w, t)| format!("{w}/{t}"))
            .collect();
        println!("{}", tagged.join(" "));
        for (k, np) in s.noun_phrases().enumerate() {
            let max = model.maximal_np(&words, &s, k, MaximalNp::ALL);
            println!(
                "  NP [{}]  maximal [{}]",
                words[np.span.clone()].join(" "),
                words[max].join(" ")
            );
        }
        for vg in s.verb_groups() {
            println!(
                "  VG [{}] lemma {} negated {}",
                words[vg.span.clone()].join(" "),
                model.lemma(&words, &s, vg.head),
                vg.negated
            );
        }
        for e in s.clause_edges() {
            println!("  edge {:?} at {} ({})", e.kind, e.at, words[e.at]);
        }
    }
}
