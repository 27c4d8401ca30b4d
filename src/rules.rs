//! The catalogue of validation rules: every diagnostic eventc emits names one of these ids.
//!
//! The catalogue is the single source for rule ids, default severities and documentation:
//! `eventc explain RULE` prints an entry and `docs/rules.md` is generated from the same table.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// What it checks and why it matters to an analyst.
    pub doc: &'static str,
    /// A value that fails, and how to fix it.
    pub example: &'static str,
}

use Severity::{Error, Warning};

pub const RULES: &[Rule] = &[
    Rule {
        id: "malformed-record",
        severity: Error,
        summary: "a row or line that cannot be read as a record",
        doc: "A CSV row whose number of fields differs from the header, a JSON Lines line that is not a JSON object, or text that is not valid UTF-8. Such a record cannot be checked field by field; it goes to the rejects whole so that nothing is lost silently.",
        example: "`a24c-001,000_a24c5228d2048ced,2020-02-16` in a file with 13 columns: add the missing fields, or quote a field that contains a comma.",
    },
    Rule {
        id: "non-string-value",
        severity: Error,
        summary: "a JSON Lines value that is not a string",
        doc: "Every value in a JSON Lines record must be a JSON string (or null). A number loses information on the way: the CAMEO code 042 written as the number 42 has lost its leading zero and can no longer be told apart from a typo.",
        example: "`{\"event_code\": 42}`: write `{\"event_code\": \"042\"}`.",
    },
    Rule {
        id: "ignored-file",
        severity: Warning,
        summary: "a file under events/ that is neither .csv nor .jsonl",
        doc: "Only `*.csv` and `*.jsonl` files under `RAW_DIR/events/` are read. Another file there is usually records saved in the wrong format, which would otherwise be left out without a word.",
        example: "`events/batch2.tsv`: save it as CSV, or move it out of events/.",
    },
    Rule {
        id: "document-metadata",
        severity: Warning,
        summary: "a problem in documents/documents.csv",
        doc: "A document's metadata (publication date, reference date, language) could not be read. Relative dates in its records cannot be resolved until it is fixed.",
        example: "`published` = `Feb 2020`: write `2020-02`.",
    },
    Rule {
        id: "unknown-field",
        severity: Warning,
        summary: "a column the table schema does not define",
        doc: "The input has a column that is not in `schema/events.schema.json`. Its values are kept in the rejects file but not in the dataset. Often a misspelt header, which means the intended field is silently empty.",
        example: "a header `evnt_code`: rename it `event_code`, or add the field to the schema if it is meant to be there.",
    },
    Rule {
        id: "missing-required",
        severity: Error,
        summary: "a required field is empty",
        doc: "The table schema marks the field `required` (or the record names neither `source` nor `source_code`). Without it the event cannot be placed in the dataset.",
        example: "an empty `date`: give the date as the coder read it, even if only the month is known (`février 2020`).",
    },
    Rule {
        id: "constraint-violation",
        severity: Error,
        summary: "a value breaks a constraint of the table schema",
        doc: "A `pattern`, `enum`, `minLength`, `maxLength`, `minimum` or `maximum` constraint of `schema/events.schema.json`, or the field's type (`integer`), is not met.",
        example: "`quote_occurrence` = `second`: write the occurrence as a number, `2`.",
    },
    Rule {
        id: "duplicate-event-id",
        severity: Error,
        summary: "two records share an event_id",
        doc: "Event ids must be unique across all input files: analysts join on them, and duplicated ids are a known defect of public event datasets. The first record with the id is kept; later ones are rejected.",
        example: "two rows with `event_id` `a24c-007`: renumber one, or leave `event_id` blank to have eventc derive one from the record's content.",
    },
    Rule {
        id: "duplicate-record",
        severity: Warning,
        summary: "two records without an id have the same content",
        doc: "A record with a blank `event_id` gets an id derived from its content. When two records have identical content they would get the same id; the second gets a numbered suffix. This is usually a row pasted twice.",
        example: "the same event coded twice from the same quote: delete one of the rows.",
    },
    Rule {
        id: "several-coders",
        severity: Warning,
        summary: "a document coded by several coders, with no primary coder named",
        doc: "Records of one document by different coders (the `coder` column) are usually a second, independent coding, made to measure agreement with `eventc agree`. With no `primary_coder` in `schema/eventc.json`, every coding goes to the dataset, and an event that two coders coded is counted twice. Reported once per document on the first record of each coder after the first.",
        example: "`ana` and `ben` both coded `doc1`: write `{\"primary_coder\": \"ana\"}` in schema/eventc.json to keep ana's records in the dataset and set ben's aside (`secondary_codings.csv`). If they coded different events of the document, the warning can be ignored.",
    },
    Rule {
        id: "unknown-document",
        severity: Error,
        summary: "doc_id names no document under documents/",
        doc: "Each record must point at its source document, `RAW_DIR/documents/<doc_id>.txt`, so that the quote can be verified and relative dates resolved. A doc_id may only name a file directly inside documents/: path separators and `..` are refused.",
        example: "`doc_id` = `../secret`: use the document's file name without `.txt`, such as `000_a24c5228d2048ced`.",
    },
    Rule {
        id: "unknown-event-code",
        severity: Error,
        summary: "event_code is not a code of the CAMEO codebook",
        doc: "The code must be one of the CAMEO 1.1b3 event codes in `schema/cameo/event_codes.csv`, written as a string with its leading zeros. Codes are never coerced to a nearby one: a wrong code silently moved to its parent would inflate that category.",
        example: "`42`: spreadsheets drop leading zeros; write `042` (Make a visit).",
    },
    Rule {
        id: "invalid-actor-code",
        severity: Error,
        summary: "source_code or target_code breaks the CAMEO actor code grammar",
        doc: "An actor code is a sequence of three-letter blocks: a country, region or international code first, then role, sector, religion or organisation codes, from `schema/cameo/actor_blocks.csv`.",
        example: "`SYRXXX`: XXX is not a role code; write `SYRMIL` (military) or `SYRGOV` (government).",
    },
    Rule {
        id: "unknown-actor",
        severity: Error,
        summary: "an actor name that the dictionary does not know",
        doc: "Actor names are resolved to codes through the actor dictionary (`schema/actors.csv` and any PETRARCH dictionary under `schema/actors/`). A name the dictionary does not know is an error unless the record also gives the code, since otherwise the event would have no actor code.",
        example: "`Erdogn`: fix the spelling (`Erdoğan`), or add the name as an alias in the dictionary.",
    },
    Rule {
        id: "actor-code-mismatch",
        severity: Warning,
        summary: "the coder's actor code disagrees with the dictionary",
        doc: "The record gives both a name and a code, and the dictionary resolves the name, on the event's date, to another code. The coder's code is kept; check which is right.",
        example: "`Bashar al-Assad` with `SYRELI` in 2020: he is head of state then, `SYRGOV`.",
    },
    Rule {
        id: "actor-date-uncovered",
        severity: Warning,
        summary: "the actor is known, but none of its codes covers the event's date",
        doc: "Dictionary entries can be bounded in time (a head of state is GOV while in office). When no interval of the entry covers the event's date, eventc cannot tell the right code and uses the coder's code if there is one.",
        example: "an event in 1990 for an actor whose entries start in 2000: extend the dictionary entry, or give the code in the record.",
    },
    Rule {
        id: "actor-date-partial",
        severity: Warning,
        summary: "the event's period spans a change of the actor's code",
        doc: "The event is dated to a period (a month, a range) during which the actor's code changes, for example a minister who took office mid-month. The code valid at the period's start is used.",
        example: "`Mevlüt Çavuşoğlu` in `2014-08`, when he became foreign minister on 29 August: give the day.",
    },
    Rule {
        id: "invalid-date",
        severity: Error,
        summary: "the date cannot be read, or does not exist",
        doc: "The date must be in one of the forms of the date grammar (ISO 8601 dates and date-times, day-first numeric, French or English long forms, month-year, year, ranges, weeks, parts of months, quarters, seasons, or a documented relative expression), must exist in the calendar, and must fall within the accepted dates: 1800-01-01 to 2100-12-31 unless `date_range` in eventc.json says otherwise.",
        example: "`31/02/2020`: February 2020 has 29 days.",
    },
    Rule {
        id: "date-range-reversed",
        severity: Error,
        summary: "a date range whose end comes before its start",
        doc: "The first date of a range must not be after the last one; a reversed range is usually two dates typed in the wrong order.",
        example: "`2020-02-16/2020-02-03`: write `2020-02-03/2020-02-16`.",
    },
    Rule {
        id: "relative-date-unanchored",
        severity: Error,
        summary: "a relative date with no document date to resolve it against",
        doc: "Expressions such as `la veille` or `last weekend` are resolved against the document's `reference_date` or `published` date in `documents/documents.csv`. Without one, they cannot be resolved.",
        example: "`la veille` in a document with no metadata: add the document's publication date to documents.csv, or write the date itself.",
    },
    Rule {
        id: "weekday-mismatch",
        severity: Warning,
        summary: "the weekday written does not match the date",
        doc: "The date is kept as written, but one of the weekday and the day number is wrong, and only the coder can tell which.",
        example: "`lundi 16 février 2020`: 16 February 2020 is a Sunday (dimanche).",
    },
    Rule {
        id: "ambiguous-date",
        severity: Warning,
        summary: "a date that reads two ways: a numeric date day-first or month-first, or a winter named by one year",
        doc: "`02/03/2020` is 2 March day-first and 3 February month-first. eventc reads day-first unless configured otherwise; a French document settles it, an English one does not. `hiver 2020` may be the winter that ends in 2020 or the one that starts in it; eventc reads the first (December 2019 to February 2020).",
        example: "`02/03/2020` in an English document: write `2020-03-02`.",
    },
    Rule {
        id: "date-after-publication",
        severity: Warning,
        summary: "the event is dated after its document was published",
        doc: "An event cannot be reported before it happens. Threats and ultimatums speak of the future, but the event is the threat itself, dated when it was made.",
        example: "an ultimatum dated by its deadline `fin février 2020` in an article of 16 February: date it when it was said.",
    },
    Rule {
        id: "date-long-before-publication",
        severity: Warning,
        summary: "the event ends more than a year before its document was published",
        doc: "News reports what happened lately; an event dated more than 365 days before its document's `published` day is history (an anniversary, a trial) or a misread year. Machine coders such as GDELT date a mention of a past event as the event: of the 100 rows of one GDELT daily file of 2014-11-24, 21 are dated 2004.",
        example: "`2004-11-26` in a document published `2014-11-24`: check the year, or that the event is meant.",
    },
    Rule {
        id: "missing-quote",
        severity: Warning,
        summary: "the record has no evidence quote",
        doc: "Analysts trust a hand-coded event when it can be traced back to its sentence. Make it an error by marking `quote` required in the table schema.",
        example: "an empty `quote`: copy the shortest passage of the document that supports the coding.",
    },
    Rule {
        id: "quote-not-found",
        severity: Error,
        summary: "the quote does not appear in its document",
        doc: "The quote is matched against the document forgiving what copy and paste changes (white space, line breaks, typographic quotes and apostrophes, Unicode normalization) and nothing else. The help shows the closest passage of the document.",
        example: "a quote with a changed word: copy the passage again from the document.",
    },
    Rule {
        id: "quote-case-mismatch",
        severity: Warning,
        summary: "the quote matches its document only when case is ignored",
        doc: "The document's own text is written to the dataset; the quote as typed differs in case.",
        example: "`dimanche 16 février` for `Dimanche 16 février`: copy the passage again.",
    },
    Rule {
        id: "quote-ambiguous",
        severity: Warning,
        summary: "the quote occurs more than once in its document",
        doc: "eventc takes the first occurrence. Set `quote_occurrence` to the occurrence number to say which one is meant, or quote a longer passage.",
        example: "`a-t-il déclaré` found 3 times: set `quote_occurrence` to 2.",
    },
    Rule {
        id: "invalid-quote-occurrence",
        severity: Error,
        summary: "quote_occurrence is not a positive occurrence number",
        doc: "`quote_occurrence` says which occurrence of a repeated quote is meant, counting from 1.",
        example: "`quote_occurrence` = `0`: write `1` for the first occurrence.",
    },
    Rule {
        id: "unknown-place",
        severity: Warning,
        summary: "a location that the gazetteer does not know",
        doc: "The location is kept as written but gets no coordinates. The help lists the closest gazetteer names.",
        example: "`Anadaan`: write `Anadan`, or add the place to `schema/places.csv`.",
    },
    Rule {
        id: "place-country-mismatch",
        severity: Warning,
        summary: "a material event placed in a country that is neither actor's",
        doc: "A material event (quad classes 2 and 4: aid, yielding, force, violence) located in a country that contradicts both actors' countries is often a mis-resolved place name, since many places share a name. Verbal events are not checked: a statement made at a conference abroad is placed where it was said.",
        example: "a Syrian army attack located in `Alep` resolved to another country's town: check the gazetteer entry.",
    },
    Rule {
        id: "dict-syntax",
        severity: Error,
        summary: "a dictionary line that cannot be read",
        doc: "A line of an actor dictionary (our CSV or a PETRARCH `.actors` file) that does not follow the format. In a PETRARCH file the line is skipped, so the names on it will not resolve; in our CSV format, where it means the file is damaged (a lost header, a stray quote), loading the schema folder stops the run.",
        example: "a PETRARCH code line `[USAGOV >090120` without its closing bracket: close it.",
    },
    Rule {
        id: "dict-bad-date",
        severity: Error,
        summary: "a dictionary date that cannot be read as a date",
        doc: "PETRARCH dates are YYMMDD or YYYYMMDD. Real dictionaries contain 7- and 10-digit dates that PETRARCH silently misreads (`2004017` as 2020-04-01); eventc skips such a restriction and says how it would have been read.",
        example: "`[KORGOVBUS 2004017-20061201]`: write `[KORGOVBUS 20040107-20061201]` (or the intended date).",
    },
    Rule {
        id: "dict-bad-code",
        severity: Error,
        summary: "a dictionary code that breaks the CAMEO actor code grammar",
        doc: "A code in the dictionary that is not a valid CAMEO actor code. Records resolving to it would carry an invalid code, so they are rejected instead.",
        example: "`[NGOCHRPRO214]`: codes have letters only; write `[NGOCHRPRO]`.",
    },
    Rule {
        id: "dict-replacement-char",
        severity: Warning,
        summary: "a dictionary name with a U+FFFD replacement character",
        doc: "The character � replaced something lost in an encoding conversion, so the name cannot match the way coders write it.",
        example: "`COTE_D�IVOIRE`: write `COTE_D'IVOIRE`.",
    },
    Rule {
        id: "dict-no-code",
        severity: Warning,
        summary: "a dictionary entry with no code of its own",
        doc: "A PETRARCH entry without a code takes the codes of the next coded entry, as PETRARCH does; usually a list of names that lost their `+` synonym marks.",
        example: "`BORIS_YELTSIN` on its own line before `+YELTSIN`: mark the names as synonyms of one entry.",
    },
    Rule {
        id: "dict-kind-conflict",
        severity: Warning,
        summary: "rows of one actor give different kinds",
        doc: "In our CSV dictionary the rows of one actor disagree on its kind (person, state, group…); the first is kept.",
        example: "one row `person`, another `group` for the same name: make them agree.",
    },
    Rule {
        id: "dict-overlap",
        severity: Warning,
        summary: "two codes of one actor overlap in time",
        doc: "Two dated codes of the same actor cover the same days, so an event in the overlap could be either; the code that started last is used.",
        example: "`[USAGOV 090120-170120]` and `[USAELI 161101-171231]`: end one where the other starts.",
    },
    Rule {
        id: "dict-gap",
        severity: Warning,
        summary: "a gap between the dated codes of one actor",
        doc: "Between two dated codes of an actor no code applies: events in the gap get no code from the dictionary.",
        example: "`[USAELI 780101-000101]` then `[USAGOV >090120]`: add `[USAELI 000102-090119]`.",
    },
    Rule {
        id: "dict-duplicate-name",
        severity: Warning,
        summary: "one name given to entries with different codes",
        doc: "The same name (after folding case, accents and articles) belongs to several entries with different codes; the first loaded is used.",
        example: "`Georgia` as a country and as a US state: make the names distinct.",
    },
    Rule {
        id: "dict-open-term",
        severity: Warning,
        summary: "a person's GOV code that never ends",
        doc: "An open-ended government code on a person that began long before the dictionary's newest date; heads of state leave office, and unmaintained dictionaries keep them in government for ever.",
        example: "`[USAGOV >090120]` for Barack Obama: end it on 2017-01-19 and add the later code.",
    },
    Rule {
        id: "duplicate-event",
        severity: Warning,
        summary: "two records of the dataset give the same actors, event code and dates",
        doc: "Two records in the dataset (records set aside for agreement are left out) have the same source and target codes, the same event code and the same first and last day, and no different places: one event counted twice, from one document or from two reports of it. Reported once, on the later record in input order, naming the earlier one; the message says whether they come from the same document and whether their quotes overlap, which makes it surer. Found at the end of the run, so the diagnostic shows file and line rather than the record. A record whose every coded field is the same as the earlier one's (the same record under another id) is said to be so. Rows pasted twice without an id are `duplicate-record` and are not reported again. See docs/duplicates.md.",
        example: "`e2` repeats `e1`, both `SYRMIL` → `TURMIL`, `190` on 2020-02-16: delete one, or compile with `--dedup one-a-day`; if they are two attacks at two places, give each its `location`.",
    },
    Rule {
        id: "near-duplicate-event",
        severity: Warning,
        summary: "two records of the dataset may be one event: same actors, related codes, overlapping dates",
        doc: "Two records in the dataset have the same source and target codes, event codes that are the same or one the general form of the other (its base code, `087` for `0874`, or its root's \"not specified\" code, `190` for `193`), and dates that overlap, but not both the same code and the same dates (that is `duplicate-event`); their places do not differ. A period coded beside an event within it, or one event coded at two levels of detail, is counted twice. Reported once, on the later record in input order, naming the surest earlier match (overlapping quotes, then the same document). See docs/duplicates.md.",
        example: "`e5` `190` from 2020-02-01 to 2020-02-16 and `e2` `193` on 2020-02-16, same actors: keep one, or keep both if the period means the other attacks.",
    },
    Rule {
        id: "link-refused",
        severity: Warning,
        summary: "an input that is a symbolic link out of its folder",
        doc: "A file under the raw folder (an events file, `documents.csv`, a document, or the `documents/` folder itself) or under the schema folder that resolves, through a symbolic link, to a place outside that folder. It is not read: a link to `/etc/passwd` named as a document would otherwise be quoted in the outputs. An events file or `documents.csv` is skipped with this warning; records that cite a refused document are rejected as `unknown-document`; in the schema folder the run stops. `--follow-links` reads such links.",
        example: "`raw/documents/d1.txt -> /home/ana/articles/d1.txt`: copy the file into the raw folder, or pass `--follow-links`.",
    },
    Rule {
        id: "skipped-input",
        severity: Warning,
        summary: "an events file that gave no records",
        doc: "Something named `*.csv` or `*.jsonl` under `events/` that is not a file (a folder, a FIFO, a socket, a link to nothing), or a file with no records in it (empty, blank lines only, or a header alone). Nothing is read from it, which is usually not what the coder meant. A FIFO is never opened, so a run cannot hang on one.",
        example: "`events/batch3.csv` holds only its header: the rows were not saved, or the wrong file was copied.",
    },
    Rule {
        id: "duplicate-key",
        severity: Error,
        summary: "one name given two values: a repeated column, JSON key or doc_id",
        doc: "A CSV header that names a column twice, a JSON Lines object with the same key twice, or `documents.csv` with two rows for one doc_id. Readers settle such a conflict silently (a JSON parser keeps the last value, a CSV reader the first column), so a value the coder wrote would be dropped without a word. The record (or the records citing the document) is rejected, naming both places.",
        example: "`{\"date\": \"2020-02-16\", …, \"date\": \"2020-02-17\"}`: keep the intended one.",
    },
    Rule {
        id: "bad-encoding",
        severity: Error,
        summary: "a document or events file that is not UTF-8",
        doc: "The file is in another encoding (Windows-1252, Latin-1, UTF-16…). A document that is not UTF-8 is reported once, with the offset of its first invalid byte and its likely encoding, and the records citing it are rejected, since their quotes cannot be checked against text that cannot be read. An events file in UTF-16 is not read at all.",
        example: "`documents/d1.txt` saved as Windows-1252 from a word processor: re-save it as UTF-8 (`iconv -f WINDOWS-1252 -t UTF-8`).",
    },
    Rule {
        id: "multiline-field",
        severity: Warning,
        summary: "a quoted CSV field that runs over several lines and seems to swallow rows",
        doc: "A field opened with a quote and closed lines later, with lines inside it that have the separators of a row. Line breaks inside a quoted field are legal CSV (a quote or a note over two lines is not flagged), but a quote left open by mistake swallows the rows after it into one field: those records then vanish into the text of another. The warning names the line where the quote opened and how many lines the field covers.",
        example: "`e7,doc1,2020-02-16,,SYRMIL,190,,,,\"l’armée a pris,t1,` never closes its quote: the next rows become part of `quote`; close the quote.",
    },
    Rule {
        id: "invisible-character",
        severity: Error,
        summary: "an invisible or look-alike character in a code or id",
        doc: "A zero-width space or joiner, a no-break space, a byte-order mark, a direction mark or another format character, or a digit or letter that only looks like an ASCII one (Arabic-Indic or full-width digits), inside an id or a code. Such a value looks right and matches nothing, or worse, makes two ids that look the same differ. Codes and ids are never kept with one; the message names the character and its position (in characters from 1).",
        example: "`event_code` = `04<U+200B>2` (a zero-width space between 4 and 2): `U+200B ZERO WIDTH SPACE` at character 3; retype the code.",
    },
];

/// Rules whose error leaves a record without something every event needs (a code, an actor,
/// a date, a document, a unique id): they cannot be lowered to warnings.
pub const BLOCKING: &[&str] = &[
    "malformed-record",
    "missing-required",
    "duplicate-event-id",
    "unknown-document",
    "unknown-event-code",
    "invalid-actor-code",
    "unknown-actor",
    "actor-date-uncovered",
    "invalid-date",
    "date-range-reversed",
    "relative-date-unanchored",
    "invisible-character",
];

pub fn is_blocking(id: &str) -> bool {
    BLOCKING.contains(&id)
}

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule id");
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
    }
}
