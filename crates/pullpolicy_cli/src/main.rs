//! `pullpolicy`: the command-line edge of the core.

use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let report = pullpolicy::explain(&text, &pullpolicy::Options::default());
    println!("{}", serde_json::to_string_pretty(&report).expect("json"));
}
