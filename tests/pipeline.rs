//! The pipeline as a whole: several batches checked on several threads give the same bytes as
//! one thread, in input order.

mod common;

use common::*;

#[test]
fn outputs_are_the_same_bytes_whatever_the_number_of_threads() {
    let wd = Workdir::new("threads");
    // Enough records for several batches, with every kind of defect among them.
    let schema = schema_dir();
    let out = wd.run(&[
        "generate",
        "--records",
        "5000",
        "--out",
        "gen",
        "--seed",
        "11",
        "--schema",
        schema.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let run = |threads: &str, out: &str| {
        let o = wd.run(&[
            "compile",
            "gen/raw",
            "--schema",
            "gen/schema",
            "--out",
            out,
            "--threads",
            threads,
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        stderr(&o)
    };
    let one = run("1", "out1");
    let four = run("4", "out4");
    assert_eq!(one, four, "the terminal shows the same");
    let (a, b) = (outputs(&wd, "out1"), outputs(&wd, "out4"));
    assert_eq!(
        a.len(),
        8,
        "{:?}",
        a.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between 1 and 4 threads");
    }
    // Rows come in input order: the rejects' lines increase within each file.
    let rejects = wd.csv_rows("out4/rejected.csv");
    assert!(rejects.len() > 20, "{}", rejects.len());
    for pair in rejects.windows(2) {
        let key = |r: &std::collections::HashMap<String, String>| {
            (
                r["input_file"].clone(),
                r["input_line"].parse::<u64>().unwrap(),
            )
        };
        assert!(
            key(&pair[0]) < key(&pair[1]),
            "{:?} then {:?}",
            key(&pair[0]),
            key(&pair[1])
        );
    }
}
