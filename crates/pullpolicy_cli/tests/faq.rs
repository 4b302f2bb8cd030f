//! `pullpolicy faq`: the core's FAQ entries, as the playground shows them, in every
//! format; and the pointers to them under `pullpolicy explain`'s findings.

use assert_cmd::cargo::cargo_bin_cmd;
use pullpolicy::faq;
use serde_json::Value;

fn pullpolicy() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("pullpolicy");
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = pullpolicy().args(args).output().expect("runs");
    (
        out.status.code().expect("an exit status"),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

#[test]
fn the_list_names_every_entry_by_id_and_question() {
    let (code, out, err) = run(&["faq"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "FAQ & guidance (the answers are the playground's):"
    );
    let width = faq::entries().iter().map(|e| e.id.len()).max().unwrap();
    for (e, line) in faq::entries().iter().zip(&lines[2..]) {
        let mut expected = format!("  {:width$}  {}", e.id, e.question);
        if e.from_article {
            expected.push_str(" (from the article)");
        }
        assert_eq!(*line, expected);
    }
    assert_eq!(
        lines.last().copied(),
        Some("`pullpolicy faq ID` prints an answer; `--all` prints them all.")
    );
}

#[test]
fn an_entry_is_its_question_answer_and_links() {
    let e = faq::entry("always-redownload").unwrap();
    let (code, out, err) = run(&["faq", "always-redownload"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let mut expected = format!("{}\n\n", e.question);
    for p in e.answer() {
        expected.push_str(&format!("{p}\n\n"));
    }
    expected.push_str("Read more:\n");
    for link in e.links {
        expected.push_str(&format!("  {link}\n"));
    }
    assert_eq!(out, expected);
    assert!(out.starts_with("Does Always re-download the image?\n\nNo. With `Always`"));
}

#[test]
fn markdown_has_a_heading_per_question() {
    let e = faq::entry("latest-case").unwrap();
    let (code, out, _) = run(&["faq", "latest-case", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("### Is `:LATEST` the same as `:latest`?\n\nNo. Tags are case-sensitive")
    );
    for link in e.links {
        assert!(out.contains(&format!("\n- <{link}>\n")), "{link}");
    }
    let (_, all, _) = run(&["faq", "--all", "-f", "markdown"]);
    assert_eq!(all.matches("\n### ").count() + 1, faq::entries().len());
}

#[test]
fn json_is_the_core_entries() {
    let (code, out, _) = run(&["faq", "--all", "--format", "json"]);
    assert_eq!(code, 0);
    let got: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(got, serde_json::to_value(faq::entries()).unwrap());
    assert_eq!(got[0]["fromArticle"], true);
    assert!(got[0]["answer"].as_array().is_some_and(|a| !a.is_empty()));
    let (_, one, _) = run(&["faq", "field-typos", "-f", "json"]);
    let one: Value = serde_json::from_str(&one).expect("JSON");
    assert_eq!(one["id"], "field-typos");
    assert_eq!(
        one["answer"].as_array().map(Vec::len),
        Some(faq::entry("field-typos").unwrap().answer().len())
    );
}

#[test]
fn every_entry_has_its_id_in_all() {
    let (code, out, _) = run(&["faq", "--all", "--color", "never"]);
    assert_eq!(code, 0);
    for e in faq::entries() {
        assert!(
            out.contains(&format!("{} [{}]\n", e.question, e.id)),
            "{}",
            e.id
        );
    }
}

#[test]
fn an_unknown_id_is_status_2_with_a_pointer_to_the_list() {
    let (code, out, err) = run(&["faq", "always-redownlaod"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: no FAQ entry has the id \"always-redownlaod\"; `pullpolicy faq` lists them\n"
    );
    // An id and --all together are a usage error (clap's own status, 2).
    assert_eq!(run(&["faq", "--all", "registry-down"]).0, 2);
}

#[test]
fn explain_points_warnings_to_their_entries() {
    let out = pullpolicy()
        .args(["explain", "-"])
        .write_stdin("kind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx\n")
        .output()
        .expect("runs");
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains(
            "warning[latest-tag]: \"nginx\" has no tag, so it means :latest, a tag that moves\n  fix: image: nginx:1.2.3   # a fixed tag, or pin @sha256:<digest>\n  faq: pullpolicy faq why-default-always: Why did my image default to Always?\n  faq: pullpolicy faq mutable-tags-diverge: Why do different nodes run different code for the same tag?\n"
        ),
        "{out}"
    );
}
