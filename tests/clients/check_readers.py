"""Read what `eventc compile` writes the way analysts do, with pandas, polars and DuckDB.

Usage: python check_readers.py EVENTC_BINARY
Compiles the bundled raw/ into a scratch folder and checks, through both readers, that the
dataset loads with the types it promises and that every quote offset slices its document.
"""

import datetime
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import jsonschema
import pandas as pd
import polars as pl
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
failures = []
passed = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    (passed if ok else failures).append(what)


def main(binary):
    out = Path(tempfile.mkdtemp(prefix="eventc-readers-"))
    run = subprocess.run(
        [binary, "compile", "raw", "--schema", "schema", "--out", str(out), "--quiet"],
        cwd=ROOT, capture_output=True, text=True,
    )
    check(run.returncode == 0, f"compile exits 0 (got {run.returncode}: {run.stderr.strip()[-300:]})")
    report = json.loads((out / "validation_report.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "docs" / "validation_report.schema.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report), key=str)
    check(not errors, f"validation_report.json matches docs/validation_report.schema.json {[e.message for e in errors[:3]]}")
    # A report with issues of every shape: the checks in the bundled run may have none.
    bad = subprocess.run(
        [binary, "validate", "tests/clients/bad_raw", "--schema", "schema", "--format", "json", "--quiet"],
        cwd=ROOT, capture_output=True, text=True,
    )
    bad_report = json.loads(bad.stdout)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(bad_report), key=str)
    check(bad_report["issues"] and not errors, f"a report full of issues matches the schema {[e.message for e in errors[:3]]}")
    written = report["summary"]["events_written"]
    check(written > 0, f"the bundled dataset has events ({written})")
    parquet = out / "events.parquet"

    # pandas
    df = pd.read_parquet(parquet)
    check(len(df) == written, f"pandas rows {len(df)} == events_written {written}")
    first = df["event_date"].dropna().iloc[0]
    check(
        isinstance(first, datetime.date) or pd.api.types.is_datetime64_any_dtype(df["event_date"]),
        f"pandas event_date is a date (got {type(first).__name__}, dtype {df['event_date'].dtype})",
    )
    check(all(isinstance(c, str) for c in df["event_code"]), "pandas event_code values are strings")
    check(any(c.startswith("0") for c in df["event_code"]), "a code with a leading zero survives in pandas")
    check(all(len(c) >= 2 and c.isdigit() for c in df["event_code"]), "pandas event codes are 2-4 digit strings")
    check(pd.api.types.is_integer_dtype(df["quad_class"]), f"pandas quad_class is integer ({df['quad_class'].dtype})")
    check(pd.api.types.is_float_dtype(df["goldstein"]), f"pandas goldstein is float ({df['goldstein'].dtype})")
    csv_df = pd.read_csv(out / "events.csv", dtype={"event_code": str, "event_base_code": str, "event_root_code": str})
    check(len(csv_df) == written, "events.csv has the same rows")
    check(list(csv_df["event_code"]) == list(df["event_code"]), "events.csv codes equal the Parquet codes")

    # DuckDB
    con = duckdb.connect()
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{parquet}'))").fetchall())
    check(types.get("event_date") == "DATE", f"DuckDB event_date is DATE ({types.get('event_date')})")
    check(types.get("event_date_end") == "DATE", f"DuckDB event_date_end is DATE ({types.get('event_date_end')})")
    check(types.get("event_code") == "VARCHAR", f"DuckDB event_code is VARCHAR ({types.get('event_code')})")
    check(types.get("quad_class") in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT"), f"DuckDB quad_class is an integer ({types.get('quad_class')})")
    n = con.execute(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchone()[0]
    check(n == written, f"DuckDB rows {n} == events_written {written}")
    zero = con.execute(f"SELECT count(*) FROM read_parquet('{parquet}') WHERE event_code LIKE '0%'").fetchone()[0]
    check(zero > 0, f"DuckDB keeps leading zeros ({zero} codes start with 0)")
    bad = con.execute(f"SELECT count(*) FROM read_parquet('{parquet}') WHERE event_date > event_date_end").fetchone()[0]
    check(bad == 0, "event_date <= event_date_end on every row")

    # Evidence offsets: the document sliced at quote_start:quote_end is the quote, on every row.
    docs = {}
    rows = con.execute(
        f"SELECT event_id, doc_id, quote, quote_start, quote_end FROM read_parquet('{parquet}') WHERE quote IS NOT NULL"
    ).fetchall()
    mismatches = []
    for event_id, doc_id, quote, start, end in rows:
        if doc_id not in docs:
            text = (ROOT / "raw" / "documents" / f"{doc_id}.txt").read_text(encoding="utf-8-sig")
            docs[doc_id] = text
        if docs[doc_id][start:end] != quote:
            mismatches.append(event_id)
    check(len(rows) == written, f"every event has a verified quote ({len(rows)} of {written})")
    check(not mismatches, f"text[quote_start:quote_end] == quote for every row (mismatches: {mismatches[:5]})")

    precisions = {r[0] for r in con.execute(f"SELECT DISTINCT date_precision FROM read_parquet('{parquet}')").fetchall()}
    known = {"day", "week", "part-month", "month", "quarter", "season", "year", "range"}
    check(precisions <= known, f"date_precision values are documented ({sorted(precisions - known)})")
    check_times(binary)
    check_exports(binary)
    check_dedup(binary)

    check_provenance(parquet, report)
    check_readme_lines(out, written)

    print(f"{len(passed)} passed, {len(failures)} failed")
    return 1 if failures else 0


def check_provenance(parquet, report):
    """The footer's provenance, read back with pyarrow, agrees with the JSON report."""
    meta = {k.decode(): v.decode() for k, v in pq.ParquetFile(parquet).metadata.metadata.items()}
    check(meta.get("eventc.codebook") == "CAMEO 1.1b3", "Parquet key-value metadata names the codebook")
    check(json.loads(meta.get("eventc.schema", "null")) == report["schema"], f"Parquet eventc.schema is the report's schema ({meta.get('eventc.schema')})")
    check(meta.get("eventc.version") == report["tool"]["version"], f"Parquet eventc.version is the report's ({meta.get('eventc.version')})")
    inputs = report["inputs"]
    check(meta.get("eventc.inputs.count") == str(len(inputs)), f"Parquet eventc.inputs.count == {len(inputs)} inputs in the report")
    lines = "".join(f"{i['sha256']}  {i['path']}\n" for i in inputs)
    check(meta.get("eventc.inputs.sha256") == hashlib.sha256(lines.encode()).hexdigest(),
          "Parquet eventc.inputs.sha256 is the SHA-256 of the report's inputs as sha256sum lines")
    check(json.loads(meta.get("eventc.inputs", "[]")) == inputs[:1000], "Parquet eventc.inputs lists the report's inputs")
    schema = "".join(f"{i['sha256']}  {i['path']}\n" for i in inputs if i["path"].startswith("schema/"))
    check(meta.get("eventc.schema.sha256") == hashlib.sha256(schema.encode()).hexdigest(), "Parquet eventc.schema.sha256 matches the report")


def check_readme_lines(out, written):
    """The lines the README gives for pandas and polars, on the Parquet file and on events.csv."""
    parquet, csv = out / "events.parquet", out / "events.csv"
    df = pd.read_parquet(parquet, dtype_backend="pyarrow")
    years = df.groupby(df.event_date.dt.year).size()
    check(years.sum() == written and 2020 in years.index,
          f"pandas dtype_backend='pyarrow': event_date.dt.year works ({df['event_date'].dtype})")
    df = pl.read_parquet(parquet)
    check(df.schema["event_date"] == pl.Date and df["event_date"].dt.year().min() == 2020,
          f"polars event_date is a Date ({df.schema['event_date']})")
    check(df.schema["event_code"] == pl.String and any(c.startswith("0") for c in df["event_code"]),
          "polars keeps event_code a string with its leading zeros")
    truth = list(df["event_code"])

    # Partitioned by year, as the README makes it and reads it back.
    parts = out / "events_by_year"
    duckdb.sql(f"COPY (SELECT *, year(event_date) AS year FROM '{parquet}') "
               f"TO '{parts}' (FORMAT parquet, PARTITION_BY (year))")
    df = pd.read_parquet(parts, dtype_backend="pyarrow")
    check(len(df) == written and df.event_date.dt.year.min() == 2020 and sorted(df["event_code"]) == sorted(truth),
          f"pandas reads the partitioned dataset with dates and text codes ({df['event_date'].dtype})")
    df = pl.read_parquet(f"{parts}/**/*.parquet", hive_partitioning=True)
    check(len(df) == written and df.schema["event_date"] == pl.Date and "year" in df.columns,
          "polars reads the partitioned dataset with its year column")
    years = duckdb.sql(f"SELECT year, count(*) FROM read_parquet('{parts}/*/*.parquet', hive_partitioning = true) GROUP BY year").fetchall()
    check(sum(n for _, n in years) == written and 2020 in [y for y, _ in years],
          f"DuckDB reads the partitioned dataset by year ({years})")

    # What the README warns of: by default both readers turn the codes into numbers.
    check(pd.api.types.is_integer_dtype(pd.read_csv(csv)["event_code"]), "pandas' default read_csv loses leading zeros, as the README says")
    check(pl.read_csv(csv).schema["event_code"].is_integer(), "polars' default read_csv loses leading zeros, as the README says")
    codes = ["event_code", "event_base_code", "event_root_code"]
    df = pd.read_csv(csv, dtype={c: str for c in codes}, parse_dates=["event_date", "event_date_end"])
    check(list(df["event_code"]) == truth and df["event_date"].dt.year.min() == 2020,
          "pandas read_csv with dtype keeps the codes as text, dates as dates")
    df = pl.read_csv(csv, schema_overrides={c: pl.String for c in codes}, try_parse_dates=True)
    check(list(df["event_code"]) == truth and df.schema["event_date"] == pl.Date,
          f"polars read_csv with schema_overrides keeps the codes as text, dates as dates ({df.schema['event_date']})")


def check_times(binary):
    """Dates with a time of day, compiled from a scratch folder: `event_time` joins `event_date`
    into an instant in both readers."""
    raw = Path(tempfile.mkdtemp(prefix="eventc-times-")) / "raw"
    (raw / "events").mkdir(parents=True)
    (raw / "documents").mkdir()
    quote = "l’armée syrienne a pris la ville d’Anadan"
    (raw / "documents" / "d1.txt").write_text(f"Dimanche 16 février, {quote}.\n", encoding="utf-8")
    (raw / "documents" / "documents.csv").write_text(
        "doc_id,published,reference_date,language,title,source\nd1,2020-02-17,,fr,,\n", encoding="utf-8")
    header = "event_id,doc_id,date,source_code,event_code,quote\n"
    dates = ["2020-02-16T23:30-05:00", "2020-02-16 10:00:00+03:00", "2020-02-16T10:00", "mi-février 2020"]
    rows = "".join(f'e{i},d1,{d},SYRMIL,192,"{quote}"\n' for i, d in enumerate(dates))
    (raw / "events" / "a.csv").write_text(header + rows, encoding="utf-8")
    out = raw.parent / "out"
    run = subprocess.run([binary, "compile", str(raw), "--schema", "schema", "--out", str(out), "--quiet"],
                         cwd=ROOT, capture_output=True, text=True)
    check(run.returncode == 0, f"records with times compile ({run.stderr.strip()[-300:]})")
    parquet = out / "events.parquet"
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{parquet}'))").fetchall())
    check(types.get("event_time") == "VARCHAR", f"DuckDB event_time is VARCHAR ({types.get('event_time')})")
    got = con.execute(
        f"SELECT CAST(event_date || 'T' || event_time AS TIMESTAMPTZ)::VARCHAR FROM read_parquet('{parquet}') ORDER BY event_id"
    ).fetchall()
    want = [("2020-02-17 04:30:00+00",), ("2020-02-16 07:00:00+00",), ("2020-02-16 10:00:00+00",), (None,)]
    check(got == want, f"DuckDB: event_date || 'T' || event_time is the instant written ({got})")
    df = pd.read_parquet(parquet).sort_values("event_id")
    instants = pd.to_datetime(df["event_date"].astype(str) + "T" + df["event_time"], utc=True, format="ISO8601")
    shown = [None if pd.isna(t) else t.isoformat() for t in instants]
    check(shown == ["2020-02-17T04:30:00+00:00", "2020-02-16T07:00:00+00:00", "2020-02-16T10:00:00+00:00", None],
          f"pandas: event_date + 'T' + event_time is the instant written ({shown})")


def check_exports(binary):
    """The GDELT and ICEWS exports of the bundled dataset load as GDELT and ICEWS files do, codes
    as text; GeoNames ids are text in the dataset."""
    out = Path(tempfile.mkdtemp(prefix="eventc-exports-"))
    run = subprocess.run([binary, "compile", "raw", "--schema", "schema", "--out", str(out), "--quiet",
                          "--profile", "gdelt,icews"], cwd=ROOT, capture_output=True, text=True)
    check(run.returncode == 0, f"compile --profile gdelt,icews exits 0 ({run.stderr.strip()[-300:]})")
    events = pd.read_parquet(out / "events.parquet")
    ids = events["geonames_id"].dropna()
    check(len(ids) > 0 and all(isinstance(i, str) for i in ids), "pandas geonames_id values are text")
    gdelt = pd.read_csv(out / "events.gdelt.tsv", sep="\t", header=None, dtype=str, keep_default_na=False)
    check(gdelt.shape == (len(events), 58), f"events.gdelt.tsv: one row per event, 58 columns {gdelt.shape}")
    check(list(gdelt[26]) == list(events["event_code"]), "GDELT EventCode equals event_code, leading zeros kept")
    icews = pd.read_csv(out / "events.icews.tab", sep="\t", dtype={"CAMEO Code": str})
    check(icews.shape == (len(events), 20), f"events.icews.tab: one row per event, 20 columns {icews.shape}")
    check(list(icews["CAMEO Code"]) == list(events["event_code"]), "ICEWS CAMEO Code equals event_code")

def check_dedup(binary):
    """`--dedup one-a-day` on the bundled article with one record repeated: `merged_records` is an
    integer column in both readers, and the events it counts add up to the records kept."""
    raw = Path(tempfile.mkdtemp(prefix="eventc-dedup-")) / "raw"
    shutil.copytree(ROOT / "raw", raw)
    events = raw / "events" / "article.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    events.write_text("".join(lines) + lines[1].replace("a24c-001,", "a24c-901,", 1), encoding="utf-8")
    out = raw.parent / "out"
    run = subprocess.run([binary, "compile", str(raw), "--schema", "schema", "--out", str(out), "--quiet",
                          "--dedup", "one-a-day"], cwd=ROOT, capture_output=True, text=True)
    check(run.returncode == 0, f"--dedup one-a-day compiles ({run.stderr.strip()[-300:]})")
    summary = json.loads((out / "validation_report.json").read_text(encoding="utf-8"))["summary"]
    # The article's own a24c-005 (a town seized the same Sunday) merges into a24c-001 as well.
    check(summary["records_merged"] >= 1, f"records merged ({summary['records_merged']})")
    parquet = out / "events.parquet"
    df = pd.read_parquet(parquet)
    check(pd.api.types.is_integer_dtype(df["merged_records"]), f"pandas merged_records is integer ({df['merged_records'].dtype})")
    check(int(df["merged_records"].sum()) == summary["events_written"] + summary["records_merged"],
          "merged_records adds up to the events written and merged")
    kept = df.loc[df["event_id"] == "a24c-001", "merged_records"]
    check(len(kept) == 1 and int(kept.iloc[0]) >= 2 and "a24c-901" not in set(df["event_id"]),
          "the first record is kept, counting the repeat")
    csv_df = pd.read_csv(out / "events.csv", dtype={"event_code": str})
    check(list(csv_df["merged_records"]) == list(df["merged_records"]), "events.csv merged_records equals the Parquet column")
    con = duckdb.connect()
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{parquet}'))").fetchall())
    check(types.get("merged_records") == "BIGINT", f"DuckDB merged_records is BIGINT ({types.get('merged_records')})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
