//! Snapshot tests of the human diagnostics: for every rule of the catalogue, the first
//! diagnostic it produces in a scenario that breaks every rule, rendered plain, must equal
//! `tests/snapshots/<rule>.txt`. Set EVENTC_UPDATE_SNAPSHOTS=1 to rewrite them after a
//! deliberate change, and review the diff.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

const SEIZE: &str = "l’armée syrienne a pris la ville d’Anadan";
const URGE: &str = "La Turquie a exhorté la Russie à arrêter les attaques";

/// A raw folder and schema in which every compile-time rule fires at least once.
fn scenario() -> Workdir {
    let wd = Workdir::new("snapshots");
    // No primary coder: a second coder's record reaches the dataset with a warning.
    schema_without_primary_coder(&wd);
    wd.write(
        "schema/actors/extra.csv",
        "name,aliases,code,from,to,kind,note\nJean Exemple,,FRAGOV,2019-01-01,2020-02-09,person,\nJean Exemple,,FRAELI,2020-02-10,,group,\nPersonne Nulle,,---,,,person,\nligne cassée,,FRAGOV,2020-13-01,,person,\n",
    );
    wd.write(
        "schema/actors/old.actors",
        "COTE_D\u{FFFD}IVOIRE_ [CIV]\nBORIS_YELTSIN\nYELTSIN_\n\t[RUSGOV 910710-991231]\nBAN_KI-MOON\n\t[KORGOVBUS 2004017-20061201]\nBROKEN [FRAGOV\n",
    );
    wd.write("raw/documents/doc2.txt", "Un texte sans métadonnées.\n");
    wd.write(
        "raw/documents/doc3.txt",
        "Un texte aux métadonnées fausses.\n",
    );
    wd.write(
        "raw/documents/documents.csv",
        &format!("doc_id,published,reference_date,language,title,source\n{DOC_ID},2020-02,2020-02-16,fr,Test,\ndoc3,Feb 2020,,fr,,\n"),
    );
    wd.write("raw/events/notes.txt", "not records\n");
    let q = |s: &str| format!("\"{s}\"");
    let rows = [
        format!("r01,{DOC_ID},2020-02-16,,SYRMIL,42,,,,{},coder1,", q(SEIZE)),
        format!("r02,{DOC_ID},2020-02-16,,SYRXXX,192,,,,{},coder1,", q(SEIZE)),
        format!("r03,{DOC_ID},2020-02-16,Erdogn,,0256,,,,{},coder1,", q(URGE)),
        format!("r04,{DOC_ID},2020-02-16,Ankara,TURMIL,0256,Moscou,RUSGOV,,{},coder1,", q(URGE)),
        format!("r05,{DOC_ID},2018-06-01,Jean Exemple,,0256,,,,{},coder1,", q(URGE)),
        format!("r06,{DOC_ID},février 2020,Jean Exemple,,0256,,,,{},coder1,", q(URGE)),
        format!("r07,{DOC_ID},31/02/2020,,SYRMIL,192,,,,{},coder1,", q(SEIZE)),
        format!("r08,{DOC_ID},2020-02-16/2020-02-03,,SYRMIL,192,,,,{},coder1,", q(SEIZE)),
        "r09,doc2,la veille,,SYRMIL,192,,,,,coder1,".to_string(),
        format!("r10,{DOC_ID},lundi 16 février 2020,,SYRMIL,192,,,,{},coder1,", q(SEIZE)),
        format!("r11,{DOC_ID},2020-03-02,,SYRMIL,192,,,,{},coder1,", q(SEIZE)),
        format!("r12,{DOC_ID},2020-02-16,,SYRMIL,192,,,,,coder1,"),
        format!("r13,{DOC_ID},2020-02-16,,SYRMIL,192,,,,\"l’armée syrienne a pris la ville d’Anadam\",coder1,"),
        format!("r14,{DOC_ID},2020-02-16,,SYRMIL,192,,,,\"L’ARMÉE SYRIENNE\",coder1,"),
        format!("r15,{DOC_ID},2020-02-16,,SYRMIL,192,,,,la,coder1,"),
        format!("r16,{DOC_ID},2020-02-16,,SYRMIL,192,,,Anadaan,{},coder1,", q(SEIZE)),
        format!("r17,{DOC_ID},2020-02-16,,SYRMIL,192,,TURMIL,Munich,{},coder1,", q(SEIZE)),
        "r18,../x,2020-02-16,,SYRMIL,192,,,,x,coder1,".to_string(),
        format!("r19,{DOC_ID},,,,192,,,,x,coder1,"),
        format!("r10,{DOC_ID},2020-02-16,,SYRMIL,192,,,,{},coder1,", q(SEIZE)),
        "r23,doc2,02/03/2020,,SYRMIL,192,,,,,coder1,".to_string(),
        format!(",{DOC_ID},2020-02-16,,SYRMIL,190,,,,{},coder1,", q(SEIZE)),
        format!(",{DOC_ID},2020-02-16,,SYRMIL,190,,,,{},coder1,", q(SEIZE)),
        format!("r20,{DOC_ID},2020-02-16,Personne Nulle,,192,,,,{},coder1,", q(SEIZE)),
        "r21,short".to_string(),
        format!("bad id!,{DOC_ID},2020-02-16,,SYRMIL,192,,,,{},coder1,", q(SEIZE)),
    ];
    let mut csv = format!("{HEADER},quote_occurrence,extra\n");
    for r in rows {
        csv.push_str(&r);
        // quote_occurrence and extra; the short row stays short.
        if r.matches(',').count() >= 11 {
            csv.push_str(",,");
        }
        csv.push('\n');
    }
    // quote_occurrence 0: an occurrence number that cannot be.
    csv.push_str(&format!(
        "r22,{DOC_ID},2020-02-16,,SYRMIL,192,,,,la,coder1,,0,x\n"
    ));
    // A second coder of the same document, with no primary coder named.
    csv.push_str(&format!(
        "r24,{DOC_ID},2020-02-16,,SYRMIL,192,,,,{},t2,,,\n",
        q(SEIZE)
    ));
    wd.write("raw/events/a.csv", &csv);
    wd.write(
        "raw/events/b.jsonl",
        &format!("{{\"event_id\":\"j1\",\"doc_id\":\"{DOC_ID}\",\"date\":\"2020-02-16\",\"source_code\":\"SYRMIL\",\"event_code\":192,\"quote\":\"{SEIZE}\"}}\n{{\"doc_id\": oops}}\n{{\"event_id\":\"j2\",\"doc_id\":\"doc3\",\"date\":\"2020\",\"source_code\":\"SYRMIL\",\"event_code\":\"192\",\"quote\":\"Un texte\"}}\n"),
    );
    // Inputs that are broken as files: a repeated JSON key, a document in Latin-1 and one
    // linked from outside the raw folder, an empty events file, another linked from outside,
    // a quote left open, an invisible character in a code.
    wd.write(
        "raw/events/b.jsonl",
        &format!(
            "{}{{\"doc_id\":\"doc4\",\"doc_id\":\"doc5\"}}\n",
            wd.read("raw/events/b.jsonl")
        ),
    );
    wd.write_bytes(
        "raw/documents/doc4.txt",
        b"Un texte en Latin-1 : \xe9t\xe9.\n",
    );
    wd.write("outside.txt", "secret\n");
    wd.write("raw/events/empty.csv", "");
    for (link, to) in [
        ("raw/documents/doc5.txt", "../../outside.txt"),
        ("raw/events/linked.csv", "../../outside.txt"),
    ] {
        std::os::unix::fs::symlink(to, wd.path(link)).unwrap();
    }
    wd.write(
        "raw/events/c.csv",
        &format!(
            "{HEADER}\nc1,doc4,2020-02-16,,SYRMIL,190,,,,x,t1,\nc2,doc5,2020-02-16,,SYRMIL,190,,,,x,t1,\nc3,{DOC_ID},2020-02-16,,SYRMIL,04{}2,,,,{},t1,\nc4,{DOC_ID},2020-02-16,,SYRMIL,190,,,,\"l’armée,t1,\nc5,{DOC_ID},2020-02-16,,SYRMIL,190,,,,x,t1,\n",
            '\u{200b}',
            q(SEIZE)
        ),
    );
    wd
}

/// Diagnostic blocks of a plain rendering, keyed by rule, in order of appearance.
fn blocks(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    let mut flush = |cur: &mut Option<(String, Vec<&str>)>| {
        if let Some((rule, lines)) = cur.take() {
            out.entry(rule)
                .or_default()
                .push(lines.join("\n").trim_end().to_string());
        }
    };
    for line in text.lines() {
        let head = ["error[", "warning["]
            .iter()
            .find_map(|p| line.strip_prefix(p));
        if let Some(rest) = head {
            flush(&mut current);
            let rule = rest.split(']').next().unwrap_or("").to_string();
            current = Some((rule, vec![line]));
        } else if line.starts_with("by rule:")
            || line.starts_with("… and ")
            || line.contains(" read = ")
            || line.contains(" actors, ")
        {
            flush(&mut current);
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        }
    }
    flush(&mut current);
    out
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

#[test]
fn every_rule_renders_as_its_snapshot() {
    let wd = scenario();
    let compile = wd.run(&["compile", "--schema", "schema", "--max-diagnostics", "1"]);
    assert_eq!(compile.status.code(), Some(1), "{}", stderr(&compile));
    let mut found = blocks(&stderr(&compile));
    // A lint-only case too: a GOV term left open for decades, overlaps, gaps, a bad code.
    wd.write("open.csv", "name,aliases,code,from,to,kind,note\nAncien Chef,,FRAGOV,1990-01-01,,person,\nAutre,,FRAGOV,2024-01-01,2024-12-31,person,\nAutre Nom,Autre,FRAGOV,,,person,\nMauvais Code,,FRAXXX,,,person,\nAutre Nom,,FRAELI,2000-01-01,2030-01-01,person,\nAutre Nom,,FRAMIL,2010-01-01,2012-01-01,person,\nAutre,,FRAELI,2026-01-01,2026-12-31,person,\n");
    for files in [
        &["schema/actors/extra.csv", "schema/actors/old.actors"][..],
        &["open.csv"],
    ] {
        let mut args = vec![
            "actors",
            "check",
            "--schema",
            "schema",
            "--max-diagnostics",
            "1",
        ];
        args.extend_from_slice(files);
        for (rule, list) in blocks(&stdout(&wd.run(&args))) {
            found.entry(rule).or_insert(list);
        }
    }

    let update = std::env::var_os("EVENTC_UPDATE_SNAPSHOTS").is_some();
    let dir = snapshot_dir();
    let mut missing = Vec::new();
    let mut differ = Vec::new();
    for rule in eventc::rules::RULES {
        let Some(first) = found.get(rule.id).and_then(|l| l.first()) else {
            missing.push(rule.id);
            continue;
        };
        let path = dir.join(format!("{}.txt", rule.id));
        let want = format!("{first}\n");
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            differ.push(format!("--- {} ---\n{want}", rule.id));
        }
    }
    assert!(
        missing.is_empty(),
        "no diagnostic in the scenario for: {missing:?}"
    );
    assert!(
        differ.is_empty(),
        "diagnostics differ from tests/snapshots (EVENTC_UPDATE_SNAPSHOTS=1 rewrites them):\n{}",
        differ.join("\n")
    );
}

#[test]
fn human_output_has_no_colour_when_not_a_terminal() {
    let wd = scenario();
    let out = wd
        .command(&["compile", "--schema", "schema"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        !stderr(&out).contains('\u{1b}'),
        "escape codes in piped output"
    );
}
