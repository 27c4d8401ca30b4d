//! The CAMEO actor code grammar.
//!
//! An actor code is a run of three-letter blocks, most general first. The block tables come from
//! `schema/cameo/actor_blocks.csv` (`code,kind,label`). The grammar enforced here:
//!
//! * capital ASCII letters only, a multiple of three, one to five blocks (3 to 15 letters: the
//!   TABARI limit, which is also the longest code in the Phoenix dictionaries);
//! * the first block is a country, a region or an international code (`IGO`, `NGO`, `MNC`, ...);
//! * a country may follow the root only while every block so far is a country or the root is an
//!   international code: a dependent territory (`USAPRI`), a base country (`MNCUSA`, `NGOUSA`),
//!   or both (`MNCCHNHKG`);
//! * every other later block is any known block that is not a country: role, party, religion,
//!   organisation, region or international code. Their order is not checked: CAMEO's order rules
//!   have many attested exceptions, and an order check would reject real codes.
//!
//! A block may be listed under several kinds (a code used both as a role and as an organisation);
//! the first row of a given code and kind wins.

use std::collections::HashMap;
use std::fmt;

use crate::diagnostic::Issue;
use crate::error::Error;

/// At most five blocks, as in TABARI.
pub const MAX_BLOCKS: usize = 5;

const RULE: &str = "invalid-actor-code";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Country,
    Region,
    International,
    PrimaryRole,
    SecondaryRole,
    TertiaryRole,
    Party,
    Religion,
    Organisation,
}

impl BlockKind {
    pub const ALL: [BlockKind; 9] = [
        BlockKind::Country,
        BlockKind::Region,
        BlockKind::International,
        BlockKind::PrimaryRole,
        BlockKind::SecondaryRole,
        BlockKind::TertiaryRole,
        BlockKind::Party,
        BlockKind::Religion,
        BlockKind::Organisation,
    ];

    /// The spelling used in the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Country => "country",
            BlockKind::Region => "region",
            BlockKind::International => "international",
            BlockKind::PrimaryRole => "primary_role",
            BlockKind::SecondaryRole => "secondary_role",
            BlockKind::TertiaryRole => "tertiary_role",
            BlockKind::Party => "party",
            BlockKind::Religion => "religion",
            BlockKind::Organisation => "organisation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        BlockKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    fn is_root(self) -> bool {
        matches!(
            self,
            BlockKind::Country | BlockKind::Region | BlockKind::International
        )
    }

    /// Role-like blocks, reported in [`ParsedCode::roles`].
    fn is_role(self) -> bool {
        matches!(
            self,
            BlockKind::PrimaryRole
                | BlockKind::SecondaryRole
                | BlockKind::TertiaryRole
                | BlockKind::Party
        )
    }
}

impl fmt::Display for BlockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

type Block = [u8; 3];

#[derive(Debug, Clone, Default)]
pub struct ActorBlocks {
    blocks: HashMap<Block, Vec<(BlockKind, String)>>,
    /// Codes in file order, for stable suggestions.
    order: Vec<Block>,
}

/// One block of a parsed code, with the kind it was read as in its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBlock<'a> {
    block: Block,
    pub kind: BlockKind,
    pub label: &'a str,
}

impl ParsedBlock<'_> {
    pub fn code(&self) -> &str {
        block_str(&self.block)
    }
}

/// A code that follows the grammar, block by block. Parsed for every actor of every record, so
/// it borrows the labels from the tables rather than copying them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCode<'a> {
    /// Every block with the kind it was read as.
    pub blocks: Vec<ParsedBlock<'a>>,
}

impl ParsedCode<'_> {
    /// The first block.
    pub fn root(&self) -> &str {
        self.blocks[0].code()
    }

    /// The root when it is a country; otherwise the base country right after an international
    /// root (`MNCUSA` gives `USA`). For a dependent territory (`USAPRI`) this is the parent.
    pub fn country(&self) -> Option<&str> {
        match (self.blocks.first(), self.blocks.get(1)) {
            (Some(r), _) if r.kind == BlockKind::Country => Some(r.code()),
            (Some(r), Some(s))
                if r.kind == BlockKind::International && s.kind == BlockKind::Country =>
            {
                Some(s.code())
            }
            _ => None,
        }
    }

    /// Primary, secondary and tertiary role blocks and `PTY`, in order.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.blocks
            .iter()
            .filter(|p| p.kind.is_role())
            .map(ParsedBlock::code)
    }
}

/// An actor-code problem: always `invalid-actor-code`, with the help that fits the mistake.
fn code_issue(message: String, help: Option<String>) -> Issue {
    Issue {
        rule: RULE,
        message,
        help,
    }
}

fn as_block(s: &str) -> Option<Block> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1], b[2]])
}

fn block_str(b: &Block) -> &str {
    // Blocks are only built from ASCII capitals.
    std::str::from_utf8(b).unwrap_or("???")
}

impl ActorBlocks {
    /// Read `code,kind,label` rows. Column order is free; extra columns are ignored.
    /// `label` names the file in errors.
    pub fn from_csv_reader<R: std::io::Read>(r: R, label: &str) -> Result<Self, Error> {
        let bad = |line: Option<u64>, m: String| Error::schema(label, line, m);
        let mut rd = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(r);
        let headers = rd
            .headers()
            .map_err(|e| bad(Some(1), format!("cannot read the header: {e}")))?
            .clone();
        if let Some(m) = super::repeated_column(&headers) {
            return Err(bad(Some(1), m));
        }
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    bad(
                        Some(1),
                        format!("missing column `{name}` (expected code,kind,label)"),
                    )
                })
        };
        let (ci, ki, li) = (col("code")?, col("kind")?, col("label")?);
        let mut out = ActorBlocks::default();
        for row in rd.records() {
            let row = row.map_err(|e| bad(None, e.to_string()))?;
            let line = row.position().map(|p| p.line());
            let code = row.get(ci).unwrap_or("");
            if code.is_empty() && row.iter().all(str::is_empty) {
                continue;
            }
            let block = as_block(code).ok_or_else(|| {
                bad(
                    line,
                    format!("block code \"{code}\" must be three capital letters"),
                )
            })?;
            let kind_s = row.get(ki).unwrap_or("");
            let kind = BlockKind::parse(kind_s).ok_or_else(|| {
                let kinds: Vec<_> = BlockKind::ALL.iter().map(|k| k.as_str()).collect();
                bad(
                    line,
                    format!(
                        "unknown kind \"{kind_s}\" for {code} (expected one of {})",
                        kinds.join(", ")
                    ),
                )
            })?;
            let label = row.get(li).unwrap_or("").to_string();
            let entry = out.blocks.entry(block).or_default();
            if entry.is_empty() {
                out.order.push(block);
            }
            if !entry.iter().any(|(k, _)| *k == kind) {
                entry.push((kind, label));
            }
        }
        if out.blocks.is_empty() {
            return Err(bad(None, "no actor code blocks".into()));
        }
        Ok(out)
    }

    /// The label of a block (its first row).
    pub fn label(&self, block: &str) -> Option<&str> {
        let b = as_block(block)?;
        self.blocks
            .get(&b)
            .and_then(|v| v.first())
            .map(|(_, l)| l.as_str())
    }

    /// The kinds a block is listed under.
    pub fn kinds(&self, block: &str) -> Vec<BlockKind> {
        as_block(block)
            .and_then(|b| self.blocks.get(&b))
            .map(|v| v.iter().map(|(k, _)| *k).collect())
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    fn find(&self, b: &Block, pred: impl Fn(BlockKind) -> bool) -> Option<(BlockKind, &str)> {
        self.blocks
            .get(b)?
            .iter()
            .find(|(k, _)| pred(*k))
            .map(|(k, l)| (*k, l.as_str()))
    }

    /// Parse and check a code against the grammar described in the module documentation.
    pub fn parse(&self, code: &str) -> Result<ParsedCode<'_>, Issue> {
        if code.is_empty() {
            return Err(code_issue("the actor code is empty".into(), None));
        }
        if !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(self.not_capitals(code));
        }
        let n = code.len();
        if !n.is_multiple_of(3) {
            return Err(self.bad_length(code));
        }
        if n / 3 > MAX_BLOCKS {
            return Err(code_issue(
                format!(
                    "{code} has {} blocks; CAMEO actor codes have at most {MAX_BLOCKS} three-letter blocks",
                    n / 3
                ),
                None,
            ));
        }
        let blocks: Vec<Block> = code
            .as_bytes()
            .chunks(3)
            .map(|c| [c[0], c[1], c[2]])
            .collect();
        let mut parsed = Vec::with_capacity(blocks.len());

        let root = &blocks[0];
        let root_kind = [
            BlockKind::Country,
            BlockKind::Region,
            BlockKind::International,
        ]
        .into_iter()
        .find_map(|want| self.find(root, |k| k == want));
        let Some((rk, rl)) = root_kind else {
            return Err(self.bad_root(code, root));
        };
        parsed.push(ParsedBlock {
            block: *root,
            kind: rk,
            label: rl,
        });

        for (i, b) in blocks.iter().enumerate().skip(1) {
            let country_ok = matches!(rk, BlockKind::Country | BlockKind::International)
                && parsed[1..].iter().all(|p| p.kind == BlockKind::Country);
            let found = if country_ok {
                self.find(b, |k| k == BlockKind::Country)
                    .or_else(|| self.find(b, |k| k != BlockKind::Country))
            } else {
                self.find(b, |k| k != BlockKind::Country)
            };
            match found {
                Some((k, l)) => parsed.push(ParsedBlock {
                    block: *b,
                    kind: k,
                    label: l,
                }),
                None => return Err(self.bad_later(code, i, b)),
            }
        }

        Ok(ParsedCode { blocks: parsed })
    }

    fn not_capitals(&self, code: &str) -> Issue {
        let cleaned: String = code
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let only_case = code.chars().all(|c| c.is_ascii_alphabetic());
        let message = if only_case {
            format!(
                "\"{code}\" is not a valid actor code: actor codes are written in capital letters"
            )
        } else {
            let bad: String = code
                .chars()
                .filter(|c| !c.is_ascii_alphabetic())
                .take(5)
                .collect();
            format!(
                "\"{code}\" is not a valid actor code: it contains {:?}; actor codes are capital letters only",
                bad
            )
        };
        let help = if cleaned.is_empty() {
            None
        } else {
            match self.parse(&cleaned) {
                Ok(_) => Some(format!("did you mean \"{cleaned}\"?")),
                Err(e) => Some(format!(
                    "written as \"{cleaned}\" it is still invalid: {}",
                    e.message
                )),
            }
        };
        code_issue(message, help)
    }

    fn bad_length(&self, code: &str) -> Issue {
        let n = code.len();
        let whole = n - n % 3;
        let tail = &code[whole..];
        let message = format!(
            "{code} has {n} letters; actor codes are made of three-letter blocks, and \"{tail}\" is incomplete"
        );
        let mut cands: Vec<String> = self
            .order
            .iter()
            .filter(|b| block_str(b).starts_with(tail))
            .filter(|b| {
                if whole == 0 {
                    self.find(b, BlockKind::is_root).is_some()
                } else {
                    self.find(b, |k| k != BlockKind::Country).is_some()
                }
            })
            .map(|b| self.describe(b))
            .collect();
        cands.truncate(5);
        let help = (!cands.is_empty()).then(|| {
            let head = &code[..whole];
            let first = self
                .order
                .iter()
                .find(|b| block_str(b).starts_with(tail))
                .map(|b| format!("{head}{}", block_str(b)));
            match first {
                Some(f) if cands.len() == 1 => format!("did you mean \"{f}\"? ({})", cands[0]),
                _ => format!("blocks starting with \"{tail}\": {}", cands.join(", ")),
            }
        });
        code_issue(message, help)
    }

    fn bad_root(&self, code: &str, root: &Block) -> Issue {
        let r = block_str(root);
        let known_kinds = self.kinds(r);
        let message = if known_kinds.is_empty() {
            format!("\"{r}\" in {code} is not a CAMEO country, region or international code")
        } else {
            format!(
                "\"{r}\" in {code} is a {} code; an actor code starts with a country, region or international code",
                known_kinds[0].as_str().replace('_', " ")
            )
        };
        // A misplaced root ("GOVSYR"): offer the code with the root moved to the front.
        let rotated = (0..code.len() / 3).skip(1).find_map(|i| {
            let b = &code[i * 3..i * 3 + 3];
            // Only a root-kind block can move to the front; this also keeps `parse` from
            // coming back here.
            self.find(&as_block(b)?, BlockKind::is_root)?;
            let cand = format!("{b}{}{}", &code[..i * 3], &code[i * 3 + 3..]);
            self.parse(&cand).ok().map(|_| cand)
        });
        let help = match rotated {
            Some(c) => Some(format!("did you mean \"{c}\"?")),
            None => self.closest(r, BlockKind::is_root).or_else(|| {
                let ex: Vec<String> = [
                    BlockKind::Country,
                    BlockKind::Region,
                    BlockKind::International,
                ]
                .into_iter()
                .filter_map(|k| {
                    self.order
                        .iter()
                        .find(|b| self.find(b, |x| x == k).is_some())
                        .map(|b| format!("{} {}", k.as_str(), self.describe(b)))
                })
                .collect();
                (!ex.is_empty())
                    .then(|| format!("the first block is for example a {}", ex.join(", or a ")))
            }),
        };
        code_issue(message, help)
    }

    fn bad_later(&self, code: &str, i: usize, b: &Block) -> Issue {
        let s = block_str(b);
        let pos = i + 1;
        let is_country = self.find(b, |k| k == BlockKind::Country).is_some();
        let message = if is_country {
            format!(
                "\"{s}\" in {code} (block {pos}) is a country code; a country may only follow the leading country or international code (a dependent territory, e.g. USAPRI, or a base country, e.g. MNCUSA)"
            )
        } else {
            format!(
                "\"{s}\" in {code} (block {pos}) is not a CAMEO role, sector or organisation code"
            )
        };
        let help = self.closest(s, |k| k != BlockKind::Country).or_else(|| {
            let roles: Vec<String> = self
                .order
                .iter()
                .filter(|b| self.find(b, |k| k == BlockKind::PrimaryRole).is_some())
                .map(|b| self.describe(b))
                .collect();
            (!roles.is_empty()).then(|| format!("primary roles are {}", roles.join(", ")))
        });
        code_issue(message, help)
    }

    fn describe(&self, b: &Block) -> String {
        let s = block_str(b);
        match self.label(s) {
            Some(l) if !l.is_empty() => format!("{s} ({l})"),
            _ => s.to_string(),
        }
    }

    /// Up to five known blocks of an accepted kind that resemble `s`, as a help line.
    fn closest(&self, s: &str, pred: impl Fn(BlockKind) -> bool) -> Option<String> {
        let mut scored: Vec<(usize, usize, f64, &Block)> = self
            .order
            .iter()
            .filter(|b| self.find(b, &pred).is_some())
            .map(|b| {
                let c = block_str(b);
                let shared = shared_letters(s, c);
                (
                    strsim::osa_distance(s, c),
                    shared,
                    strsim::jaro_winkler(s, c),
                    b,
                )
            })
            .filter(|(d, _, jw, _)| *d <= 1 || *jw >= 0.7)
            .collect();
        // On three letters Jaro-Winkler only sees letters in place, so letters in common break
        // ties first: MLI is closer to MIL than to ELI.
        scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.total_cmp(&a.2)));
        let names: Vec<String> = scored
            .iter()
            .take(5)
            .map(|(_, _, _, b)| self.describe(b))
            .collect();
        (!names.is_empty()).then(|| format!("closest known codes: {}", names.join(", ")))
    }
}

/// Letters two strings have in common, counted with multiplicity.
fn shared_letters(a: &str, b: &str) -> usize {
    let mut rest: Vec<char> = b.chars().collect();
    a.chars()
        .filter(|c| {
            rest.iter()
                .position(|r| r == c)
                .map(|p| rest.swap_remove(p))
                .is_some()
        })
        .count()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const FIXTURE: &str = "\
code,kind,label
SYR,country,Syria
TUR,country,Turkey
USA,country,United States
PRI,country,Puerto Rico
FRA,country,France
IRN,country,Iran
AFR,region,Africa
MEA,region,Middle East
IGO,international,intergovernmental organisation
NGO,international,non-governmental organisation
MNC,international,multinational corporation
GOV,primary_role,government
MIL,primary_role,military
REB,primary_role,rebels
OPP,primary_role,opposition
COP,primary_role,police
ELI,secondary_role,elites
MED,secondary_role,media
REF,secondary_role,refugees
MOD,tertiary_role,moderate
RAD,tertiary_role,radical
PTY,party,political party
MOS,religion,Muslim
CHR,religion,Christian
UNO,organisation,United Nations
WHO,organisation,World Health Organization
HCR,organisation,UNHCR
";

    pub(crate) fn blocks() -> ActorBlocks {
        ActorBlocks::from_csv_reader(FIXTURE.as_bytes(), "blocks.csv").unwrap()
    }

    #[test]
    fn loads_fixture() {
        let b = blocks();
        assert_eq!(b.len(), 27);
        assert_eq!(b.label("SYR"), Some("Syria"));
        assert_eq!(b.label("GOV"), Some("government"));
        assert_eq!(b.label("XXX"), None);
        assert_eq!(b.label("gov"), None);
        assert_eq!(b.kinds("MOS"), vec![BlockKind::Religion]);
    }

    #[test]
    fn load_errors_are_values() {
        let load = |text: &str| {
            ActorBlocks::from_csv_reader(text.as_bytes(), "b.csv")
                .unwrap_err()
                .to_string()
        };
        let e = load("code,kind\nSYR,country\n");
        assert!(e.starts_with("b.csv:1: ") && e.contains("label"), "{e}");
        let e = load("code,kind,label\nSY,country,x\n");
        assert!(e.starts_with("b.csv:2: ") && e.contains("\"SY\""), "{e}");
        let e = load("code,kind,label\nSYR,nation,x\n");
        assert!(e.contains("nation") && e.contains("primary_role"), "{e}");
        assert!(load("code,kind,label\n").contains("no actor code blocks"));
        assert!(ActorBlocks::from_csv_reader(&b"\xff\xfe"[..], "b.csv").is_err());
    }

    #[test]
    fn valid_codes() {
        let b = blocks();
        let p = b.parse("SYRGOV").unwrap();
        let roles = |p: &ParsedCode| p.roles().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(p.country(), Some("SYR"));
        assert_eq!(p.root(), "SYR");
        assert_eq!(roles(&p), ["GOV"]);
        let p = b.parse("SYRMIL").unwrap();
        assert_eq!(roles(&p), ["MIL"]);
        let p = b.parse("TURGOVMIL").unwrap();
        assert_eq!(roles(&p), ["GOV", "MIL"]);
        let p = b.parse("IGOUNOWHO").unwrap();
        assert_eq!(p.country(), None);
        assert_eq!(p.root(), "IGO");
        assert!(roles(&p).is_empty());
        assert_eq!(p.blocks[1].kind, BlockKind::Organisation);
        assert_eq!(p.blocks[2].label, "World Health Organization");
        let p = b.parse("SYR").unwrap();
        assert_eq!(p.blocks.len(), 1);
        let p = b.parse("USAPRI").unwrap();
        assert_eq!(p.country(), Some("USA"));
        assert_eq!(p.blocks[1].kind, BlockKind::Country);
        let p = b.parse("MNCUSA").unwrap();
        assert_eq!(p.country(), Some("USA"));
        let p = b.parse("MNCUSAPRIGOV").unwrap();
        assert_eq!(p.country(), Some("USA"));
        assert_eq!(p.blocks[2].kind, BlockKind::Country);
        assert!(b.parse("USAGOVPRI").is_err());
        assert!(b.parse("AFRREB").is_ok());
        assert!(b.parse("SYRGOVPTY").is_ok());
        assert!(b.parse("SYRREBMOSRAD").is_ok());
        assert!(b.parse("IGOUNOREFHCR").is_ok());
    }

    #[test]
    fn unknown_later_block_names_it_and_its_position() {
        let b = blocks();
        let e = b.parse("SYRXXX").unwrap_err();
        assert_eq!(e.rule, "invalid-actor-code");
        assert_eq!(
            e.message,
            "\"XXX\" in SYRXXX (block 2) is not a CAMEO role, sector or organisation code"
        );
        // Nothing resembles XXX: the help falls back to the primary roles.
        let h = e.help.unwrap();
        assert!(
            h.contains("GOV (government)") && h.contains("MIL (military)"),
            "{h}"
        );

        let e = b.parse("SYRGOVMLI").unwrap_err();
        assert!(e.message.contains("\"MLI\"") && e.message.contains("block 3"));
        let h = e.help.unwrap();
        assert!(h.starts_with("closest known codes: MIL (military)"), "{h}");
    }

    #[test]
    fn country_in_later_position() {
        let b = blocks();
        let e = b.parse("SYRGOVTUR").unwrap_err();
        assert!(e.message.contains("\"TUR\"") && e.message.contains("is a country code"));
        assert!(b.parse("GOVSYR").is_err());
        let e = b.parse("GOVSYR").unwrap_err();
        assert!(e.message.contains("primary role"), "{}", e.message);
        assert_eq!(e.help.as_deref(), Some("did you mean \"SYRGOV\"?"));
    }

    #[test]
    fn lower_case_gets_the_capitalised_suggestion() {
        let b = blocks();
        let e = b.parse("syrgov").unwrap_err();
        assert_eq!(e.rule, "invalid-actor-code");
        assert!(e.message.contains("capital letters"));
        assert_eq!(e.help.as_deref(), Some("did you mean \"SYRGOV\"?"));
        let e = b.parse("SYR GOV").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean \"SYRGOV\"?"));
        let e = b.parse("syrxxx").unwrap_err();
        assert!(e.help.unwrap().contains("still invalid"));
        let e = b.parse("É").unwrap_err();
        assert_eq!(e.help, None);
    }

    #[test]
    fn length_errors() {
        let b = blocks();
        let e = b.parse("SYRGO").unwrap_err();
        assert!(e.message.contains("5 letters") && e.message.contains("\"GO\""));
        assert_eq!(
            e.help.as_deref(),
            Some("did you mean \"SYRGOV\"? (GOV (government))")
        );
        let e = b.parse("SYRGOVMILREBOPPCOP").unwrap_err();
        assert!(e.message.contains("6 blocks"));
        assert!(b.parse("").is_err());
    }

    #[test]
    fn unknown_country() {
        let b = blocks();
        let e = b.parse("XYZGOV").unwrap_err();
        assert_eq!(
            e.message,
            "\"XYZ\" in XYZGOV is not a CAMEO country, region or international code"
        );
        assert!(e.help.is_some());
        let e = b.parse("SYYGOV").unwrap_err();
        assert!(e.help.unwrap().contains("SYR (Syria)"));
    }
}
