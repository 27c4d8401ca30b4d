//! News-like text in French and English: how actors are named in a sentence, one sentence
//! pattern family per CAMEO root, background sentences, and the assembly of a document.

use super::rng::Rng;
use super::world::de;
use crate::normalize::dates::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Article {
    None,
    Le,
    La,
    Les,
    L,
    The,
}

/// A noun phrase split from its article, so that French can contract `de le` to `du`.
#[derive(Clone, Debug)]
pub struct Mention {
    pub article: Article,
    pub bare: String,
    pub plural: bool,
}

impl Mention {
    pub fn parse(s: &str, plural: bool) -> Mention {
        let split = [
            ("le ", Article::Le),
            ("la ", Article::La),
            ("les ", Article::Les),
            ("l'", Article::L),
            ("the ", Article::The),
        ]
        .into_iter()
        .find_map(|(p, a)| s.strip_prefix(p).map(|rest| (a, rest)));
        let (article, bare) = split.unwrap_or((Article::None, s));
        Mention {
            article,
            bare: bare.to_string(),
            plural: plural || article == Article::Les,
        }
    }

    pub fn subject(&self) -> String {
        let b = &self.bare;
        match self.article {
            Article::None => b.clone(),
            Article::Le => format!("le {b}"),
            Article::La => format!("la {b}"),
            Article::Les => format!("les {b}"),
            Article::L => format!("l'{b}"),
            Article::The => format!("the {b}"),
        }
    }

    /// `du X`, `de la X`, `des X`, `de l'X`, `de X`, `d'X`.
    pub fn de(&self) -> String {
        let b = &self.bare;
        match self.article {
            Article::None => de(b),
            Article::Le => format!("du {b}"),
            Article::La => format!("de la {b}"),
            Article::Les => format!("des {b}"),
            Article::L => format!("de l'{b}"),
            Article::The => format!("of the {b}"),
        }
    }

    /// `au X`, `à la X`, `aux X`, `à l'X`, `à X`.
    pub fn a(&self) -> String {
        let b = &self.bare;
        match self.article {
            Article::None | Article::The => format!("à {b}"),
            Article::Le => format!("au {b}"),
            Article::La => format!("à la {b}"),
            Article::Les => format!("aux {b}"),
            Article::L => format!("à l'{b}"),
        }
    }
}

/// How a document is typeset: what copy and paste later changes in quotes.
#[derive(Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    /// Typographic apostrophes and quotation marks rather than straight ones.
    pub curly: bool,
    /// Hard line breaks inside paragraphs.
    pub wrap: bool,
}

// Sentence patterns by CAMEO root (01..20). {S} source, {a} its French auxiliary, {T} target,
// {dT} `de` + target, {aT} `à` + target, {L} place, {dL} `de` + place, {Q} quoted speech.
const EVENTS_FR: [&[&str]; 20] = [
    &[
        "{S} {a} déclaré que la situation à {L} restait très préoccupante",
        "{S} {a} affirmé lors d'une conférence de presse à {L} : {Q}",
        "{S} {a} commenté les accusations portées contre {T} au sujet des événements de {L}",
    ],
    &[
        "{S} {a} appelé {T} à cesser les hostilités autour de {L}",
        "{S} {a} exhorté {T} à rouvrir les routes menant à {L}",
        "{S} {a} lancé un appel {aT} pour permettre l'accès humanitaire à {L}",
    ],
    &[
        "{S} {a} promis de travailler avec {T} à la reconstruction {dL}",
        "{S} {a} annoncé vouloir coopérer avec {T} pour sécuriser la région {dL}",
    ],
    &[
        "{S} {a} rencontré {T} à {L} pour évoquer la situation sécuritaire",
        "{S} {a} eu un entretien téléphonique avec {T} au sujet de la situation à {L}",
        "{S} {a} reçu une délégation {dT} à {L}",
    ],
    &[
        "{S} {a} salué le rôle {dT} dans la médiation engagée à {L}",
        "{S} {a} signé une déclaration commune avec {T} lors d'une rencontre à {L}",
    ],
    &[
        "{S} {a} conclu un accord de partage de renseignements avec {T} à {L}",
        "{S} {a} remis du matériel de déminage {aT} à {L}",
    ],
    &[
        "{S} {a} livré une aide humanitaire {aT} à {L}",
        "{S} {a} acheminé des vivres et des médicaments {aT} dans la région {dL}",
    ],
    &[
        "{S} {a} libéré des prisonniers réclamés par {T} à {L}",
        "{S} {a} accepté de retirer ses combattants {dL} à la demande {dT}",
        "{S} {a} levé le blocus imposé {aT} autour de {L}",
    ],
    &[
        "{S} {a} ouvert une enquête sur les agissements {dT} à {L}",
        "{S} {a} dépêché des enquêteurs à {L} pour examiner les accusations visant {T}",
    ],
    &[
        "{S} {a} exigé le retrait immédiat {dT} de la région {dL}",
        "{S} {a} réclamé {aT} la libération des détenus {dL}",
    ],
    &[
        "{S} {a} vivement critiqué {T} pour le rôle joué dans les violences à {L}",
        "{S} {a} accusé {T} d'avoir aggravé la crise à {L}",
        "{S} {a} dénoncé la situation à {L} : {Q}",
    ],
    &[
        "{S} {a} rejeté la proposition de cessez-le-feu présentée par {T} pour {L}",
        "{S} {a} refusé de rencontrer {T} à {L}",
    ],
    &[
        "{S} {a} menacé {T} de représailles si les attaques contre {L} se poursuivaient",
        "{S} {a} averti {T} qu'une offensive sur {L} aurait de graves conséquences",
    ],
    &[
        "{S} {a} organisé une manifestation contre {T} à {L}",
        "{S} {a} protesté contre la présence {dT} à {L}",
    ],
    &[
        "{S} {a} déployé des renforts face {aT} près de {L}",
        "{S} {a} placé des troupes en état d'alerte face {aT} autour de {L}",
    ],
    &[
        "{S} {a} suspendu toute relation avec {T} après les incidents de {L}",
        "{S} {a} rappelé le représentant dépêché auprès {dT} après les événements de {L}",
    ],
    &[
        "{S} {a} arrêté plusieurs membres {dT} à {L}",
        "{S} {a} imposé un couvre-feu aux partisans {dT} dans la région {dL}",
    ],
    &[
        "{S} {a} enlevé plusieurs membres {dT} près de {L}",
        "{S} {a} mené un attentat contre {T} à {L}",
    ],
    &[
        "{S} {a} bombardé des positions {dT} près de {L}",
        "{S} {a} attaqué {T} à {L}",
        "{S} {a} pris le contrôle {dL} après de violents combats contre {T}",
    ],
    &["{S} {a} commis des exactions de masse contre des civils proches {dT} à {L}"],
];

const EVENTS_EN: [&[&str]; 20] = [
    &[
        "{S} said the situation in {L} remained deeply worrying",
        "{S} told reporters in {L}: {Q}",
        "{S} commented on accusations against {T} over the events in {L}",
    ],
    &[
        "{S} called on {T} to stop the fighting around {L}",
        "{S} urged {T} to reopen the roads leading to {L}",
        "{S} appealed to {T} to allow humanitarian access to {L}",
    ],
    &[
        "{S} pledged to work with {T} on rebuilding {L}",
        "{S} said it was ready to cooperate with {T} to secure the {L} area",
    ],
    &[
        "{S} met {T} in {L} to discuss the security situation",
        "{S} spoke by phone with {T} about the situation in {L}",
        "{S} received a delegation from {T} in {L}",
    ],
    &[
        "{S} praised the role of {T} in the mediation under way in {L}",
        "{S} signed a joint statement with {T} at a meeting in {L}",
    ],
    &[
        "{S} agreed to share intelligence with {T} in {L}",
        "{S} handed mine-clearing equipment to {T} in {L}",
    ],
    &[
        "{S} delivered humanitarian aid to {T} in {L}",
        "{S} sent food and medicine to {T} in the {L} area",
    ],
    &[
        "{S} released prisoners whose freedom {T} had demanded in {L}",
        "{S} agreed to withdraw its fighters from {L} at the request of {T}",
        "{S} lifted the blockade imposed on {T} around {L}",
    ],
    &[
        "{S} opened an investigation into the conduct of {T} in {L}",
        "{S} sent investigators to {L} to examine accusations against {T}",
    ],
    &[
        "{S} demanded the immediate withdrawal of {T} from the {L} area",
        "{S} demanded that {T} release the detainees held in {L}",
    ],
    &[
        "{S} strongly criticised {T} over the violence in {L}",
        "{S} accused {T} of worsening the crisis in {L}",
        "{S} denounced the situation in {L}: {Q}",
    ],
    &[
        "{S} rejected the ceasefire proposal put forward by {T} for {L}",
        "{S} refused to meet {T} in {L}",
    ],
    &[
        "{S} threatened {T} with reprisals if the attacks on {L} continued",
        "{S} warned {T} that an offensive on {L} would have serious consequences",
    ],
    &[
        "{S} organised a protest against {T} in {L}",
        "{S} protested against the presence of {T} in {L}",
    ],
    &[
        "{S} sent reinforcements to face {T} near {L}",
        "{S} put troops on alert against {T} around {L}",
    ],
    &[
        "{S} suspended all ties with {T} after the incidents in {L}",
        "{S} recalled its envoy to {T} after the events in {L}",
    ],
    &[
        "{S} arrested several members of {T} in {L}",
        "{S} imposed a curfew on supporters of {T} in the {L} area",
    ],
    &[
        "{S} abducted several members of {T} near {L}",
        "{S} carried out a bombing against {T} in {L}",
    ],
    &[
        "{S} shelled positions held by {T} near {L}",
        "{S} attacked {T} in {L}",
        "{S} took control of {L} after heavy fighting with {T}",
    ],
    &["{S} carried out mass killings of civilians close to {T} in {L}"],
];

const SPEECH_FR: &[&str] = &[
    "nous ne laisserons pas {L} sans protection",
    "la situation humanitaire est catastrophique",
    "le dialogue reste la seule issue possible",
    "les civils paient le prix de cette guerre",
    "nous exigeons une enquête indépendante",
    "aucune solution militaire n'est possible",
    "les responsables devront rendre des comptes",
];

const SPEECH_EN: &[&str] = &[
    "we will not leave {L} unprotected",
    "the humanitarian situation is catastrophic",
    "dialogue remains the only way out",
    "civilians are paying the price of this war",
    "we demand an independent investigation",
    "there is no military solution",
    "those responsible will be held to account",
];

// Background sentences. {C} the country, {dC} `de` + country, {A} its adjective (French
// feminine plural), {Am} French masculine adjective, {L} and {M} places, {dL}, {dS} `de` +
// an actor, {S} an actor, {n} a number, {G} a news agency, {Q} speech.
const FILLERS_FR: &[&str] = &[
    "La région {dL} est le théâtre de violents affrontements depuis plusieurs mois.",
    "Selon un bilan établi par des organisations locales, au moins {n} personnes ont été tuées depuis le début de l'année à {L}.",
    "Aucune réaction {dS} n'a pu être obtenue.",
    "Des milliers d'habitants ont fui vers {L} ces dernières semaines, selon les Nations unies.",
    "{Q}, a déclaré un responsable local sous couvert d'anonymat.",
    "Les négociations entre {C} et ses voisins sont au point mort depuis plusieurs semaines.",
    "{C} traverse une grave crise économique et politique.",
    "Les routes reliant {L} à {M} restent coupées, selon des témoins.",
    "Le prix du pain a triplé en un an à {L}, où les coupures d'électricité se multiplient.",
    "Plusieurs écoles ont fermé leurs portes dans la région {dL}.",
    "L'agence {G} n'a pas pu vérifier ces informations de manière indépendante.",
    "Les autorités {A} n'ont pas commenté ces informations.",
    "Le gouvernement {Am} a promis de rétablir l'ordre dans les prochains jours.",
    "Les habitants {dL} disent vivre dans la peur depuis le début des combats autour de {M}.",
    "Les organisations humanitaires réclament depuis des semaines un accès sans entrave à {L}.",
    "Une source sécuritaire a fait état de tirs sporadiques dans la nuit près de {M}.",
    "Le bilan de ces violences n'a pas pu être établi de source indépendante.",
    "La population {dL} manque d'eau potable et de médicaments, selon des travailleurs humanitaires.",
    "Des dizaines de milliers de déplacés ont trouvé refuge dans la région {dL}.",
    "Des élections locales sont prévues dans la région {dL} avant la fin de l'année.",
];

const FILLERS_EN: &[&str] = &[
    "The {L} area has seen heavy fighting for several months.",
    "At least {n} people have been killed in {L} since the start of the year, according to local groups.",
    "No comment could be obtained from {S}.",
    "Thousands of residents have fled to {L} in recent weeks, according to the United Nations.",
    "{Q}, a local official said on condition of anonymity.",
    "Talks between {C} and its neighbours have stalled for several weeks.",
    "{C} is going through a deep economic and political crisis.",
    "The roads linking {L} to {M} remain cut, witnesses said.",
    "The price of bread has tripled in a year in {L}, where power cuts are increasingly frequent.",
    "Several schools have closed in the {L} area.",
    "{G} could not independently verify the reports.",
    "{A} authorities did not comment on the reports.",
    "The {A} government promised to restore order in the coming days.",
    "Residents of {L} say they have lived in fear since the fighting around {M} began.",
    "Aid groups have for weeks demanded unhindered access to {L}.",
    "A security source reported sporadic gunfire overnight near {M}.",
    "The toll from the violence could not be independently confirmed.",
    "Residents of {L} lack clean water and medicine, aid workers said.",
    "Tens of thousands of displaced people have found refuge in the {L} area.",
    "Local elections are due in the {L} area before the end of the year.",
];

const TITLES_FR: &[&str] = &[
    "{C} : regain de tension autour de {L}",
    "{C} : au moins {n} morts dans des combats près de {L}",
    "Crise à {L} : les appels au calme se multiplient",
    "{C} : la situation se dégrade dans la région {dL}",
];

const TITLES_EN: &[&str] = &[
    "{C}: tension rises around {L}",
    "{C}: at least {n} dead in fighting near {L}",
    "Crisis in {L}: calls for calm multiply",
    "{C}: situation worsens in the {L} area",
];

/// A sentence pattern for an event of root `root` (1..=20).
pub fn event_pattern(rng: &mut Rng, lang: Lang, root: u8) -> &'static str {
    let table = if lang == Lang::Fr {
        &EVENTS_FR
    } else {
        &EVENTS_EN
    };
    let i = usize::from(root.clamp(1, 20)) - 1;
    rng.pick::<&str>(table[i])
}

pub fn has_target(pattern: &str) -> bool {
    pattern.contains("T}")
}

/// Values for the placeholders of a pattern.
#[derive(Default)]
pub struct Fill<'a> {
    pub source: Option<&'a Mention>,
    pub target: Option<&'a Mention>,
    pub place: &'a str,
    pub other_place: &'a str,
    pub country: Option<&'a Mention>,
    pub adjective: &'a str,
    pub adjective_m: &'a str,
    pub agency: &'a str,
    pub number: u32,
}

/// Speech between the document's quotation marks, with French spaces inside guillemets.
fn speech(rng: &mut Rng, style: Style, place: &str) -> String {
    let table = if style.lang == Lang::Fr {
        SPEECH_FR
    } else {
        SPEECH_EN
    };
    let said = rng.pick(table).replace("{L}", place);
    match (style.lang, style.curly) {
        (Lang::Fr, true) => format!("«\u{a0}{said}\u{a0}»"),
        (Lang::Fr, false) => format!("« {said} »"),
        (Lang::En, true) => format!("\u{201c}{said}\u{201d}"),
        (Lang::En, false) => format!("\"{said}\""),
    }
}

/// Fills a pattern's placeholders and sets it in the document's typography.
pub fn render(rng: &mut Rng, pattern: &str, fill: &Fill, style: Style) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    let none = Mention::parse("", false);
    let (s, t) = (fill.source.unwrap_or(&none), fill.target.unwrap_or(&none));
    let c = fill.country.unwrap_or(&none);
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let token = &rest[open + 1..open + close];
        match token {
            "S" => out.push_str(&s.subject()),
            "a" => out.push_str(if s.plural { "ont" } else { "a" }),
            "dS" => out.push_str(&s.de()),
            "T" => out.push_str(&t.subject()),
            "dT" => out.push_str(&t.de()),
            "aT" => out.push_str(&t.a()),
            "L" => out.push_str(fill.place),
            "M" => out.push_str(fill.other_place),
            "dL" => out.push_str(&de(fill.place)),
            "C" => out.push_str(&c.subject()),
            "dC" => out.push_str(&c.de()),
            "A" => out.push_str(fill.adjective),
            "Am" => out.push_str(fill.adjective_m),
            "G" => out.push_str(fill.agency),
            "n" => out.push_str(&fill.number.to_string()),
            "Q" => out.push_str(&speech(rng, style, fill.place)),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    typeset(out, style)
}

/// Typographic apostrophes, and French non-breaking spaces before a colon.
fn typeset(s: String, style: Style) -> String {
    if !style.curly {
        return s;
    }
    let s = if s.contains('\'') {
        s.replace('\'', "\u{2019}")
    } else {
        s
    };
    if style.lang == Lang::Fr && s.contains(" :") {
        s.replace(" :", "\u{a0}:")
    } else {
        s
    }
}

/// A sentence's first letter in capitals.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    let mut out = String::with_capacity(s.len() + 2);
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    out
}

/// Background sentence number `k`: a document takes them in turn, so none repeats before all
/// have been used.
pub fn filler(rng: &mut Rng, k: usize, fill: &Fill, style: Style) -> String {
    let table = if style.lang == Lang::Fr {
        FILLERS_FR
    } else {
        FILLERS_EN
    };
    let pattern = table[k % table.len()];
    capitalize(&render(rng, pattern, fill, style))
}

pub fn title(rng: &mut Rng, fill: &Fill, style: Style) -> String {
    let table = if style.lang == Lang::Fr {
        TITLES_FR
    } else {
        TITLES_EN
    };
    let pattern = *rng.pick(table);
    capitalize(&render(rng, pattern, fill, style))
}

/// What copy and paste does to a passage: straight apostrophes and quotation marks, ordinary
/// spaces. eventc forgives all of it.
pub fn as_pasted(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2019}' => '\'',
            '«' | '»' | '\u{201c}' | '\u{201d}' => '"',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect()
}

/// Paragraphs joined by blank lines, each broken into lines of at most `width` characters
/// when the document is hard-wrapped (only at ordinary spaces, as a text editor would).
pub fn assemble(paragraphs: &[String], style: Style, width: usize) -> String {
    let mut out = String::with_capacity(paragraphs.iter().map(|p| p.len() + 2).sum());
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        if !style.wrap {
            out.push_str(p);
            continue;
        }
        let mut line = 0;
        for (j, w) in p.split(' ').enumerate() {
            let len = w.chars().count();
            if j > 0 {
                if line + 1 + len > width {
                    out.push('\n');
                    line = 0;
                } else {
                    out.push(' ');
                    line += 1;
                }
            }
            out.push_str(w);
            line += len;
        }
    }
    out.push('\n');
    out
}
