//! The fixed vocabulary synthetic documents and dictionaries are built from.

/// A country the synthetic news is about: CAMEO code, French name with its article, English
/// name, French adjective (masculine singular, feminine plural), English adjective.
pub struct CountryWords {
    pub code: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    pub adj_fr: &'static str,
    pub adj_fr_fp: &'static str,
    pub adj_en: &'static str,
    /// Roughly the middle of the country, for made-up places around it.
    pub latitude: f64,
    pub longitude: f64,
}

macro_rules! countries {
    ($(($code:literal, $fr:literal, $en:literal, $am:literal, $afp:literal, $ae:literal, $lat:literal, $lon:literal)),* $(,)?) => {
        &[$(CountryWords { code: $code, fr: $fr, en: $en, adj_fr: $am, adj_fr_fp: $afp, adj_en: $ae, latitude: $lat, longitude: $lon }),*]
    };
}

#[rustfmt::skip]
pub const COUNTRIES: &[CountryWords] = countries![
    ("SYR", "la Syrie", "Syria", "syrien", "syriennes", "Syrian", 35.0, 38.0),
    ("IRQ", "l'Irak", "Iraq", "irakien", "irakiennes", "Iraqi", 33.0, 44.0),
    ("LBN", "le Liban", "Lebanon", "libanais", "libanaises", "Lebanese", 33.9, 35.9),
    ("JOR", "la Jordanie", "Jordan", "jordanien", "jordaniennes", "Jordanian", 31.0, 36.0),
    ("TUR", "la Turquie", "Turkey", "turc", "turques", "Turkish", 39.0, 35.0),
    ("IRN", "l'Iran", "Iran", "iranien", "iraniennes", "Iranian", 32.0, 53.0),
    ("YEM", "le Yémen", "Yemen", "yéménite", "yéménites", "Yemeni", 15.5, 47.5),
    ("SAU", "l'Arabie saoudite", "Saudi Arabia", "saoudien", "saoudiennes", "Saudi", 24.0, 45.0),
    ("EGY", "l'Égypte", "Egypt", "égyptien", "égyptiennes", "Egyptian", 26.5, 30.0),
    ("LBY", "la Libye", "Libya", "libyen", "libyennes", "Libyan", 27.0, 17.0),
    ("TUN", "la Tunisie", "Tunisia", "tunisien", "tunisiennes", "Tunisian", 34.0, 9.0),
    ("DZA", "l'Algérie", "Algeria", "algérien", "algériennes", "Algerian", 28.0, 2.0),
    ("MAR", "le Maroc", "Morocco", "marocain", "marocaines", "Moroccan", 32.0, -6.0),
    ("MLI", "le Mali", "Mali", "malien", "maliennes", "Malian", 17.0, -4.0),
    ("NER", "le Niger", "Niger", "nigérien", "nigériennes", "Nigerien", 17.0, 9.0),
    ("BFA", "le Burkina Faso", "Burkina Faso", "burkinabè", "burkinabè", "Burkinabe", 12.3, -1.5),
    ("TCD", "le Tchad", "Chad", "tchadien", "tchadiennes", "Chadian", 15.0, 19.0),
    ("NGA", "le Nigeria", "Nigeria", "nigérian", "nigérianes", "Nigerian", 9.0, 8.0),
    ("SDN", "le Soudan", "Sudan", "soudanais", "soudanaises", "Sudanese", 15.0, 30.0),
    ("SSD", "le Soudan du Sud", "South Sudan", "sud-soudanais", "sud-soudanaises", "South Sudanese", 7.0, 30.0),
    ("ETH", "l'Éthiopie", "Ethiopia", "éthiopien", "éthiopiennes", "Ethiopian", 9.0, 39.0),
    ("SOM", "la Somalie", "Somalia", "somalien", "somaliennes", "Somali", 6.0, 46.0),
    ("KEN", "le Kenya", "Kenya", "kényan", "kényanes", "Kenyan", 0.5, 38.0),
    ("COD", "la RDC", "the DR Congo", "congolais", "congolaises", "Congolese", -3.0, 23.0),
    ("CAF", "la Centrafrique", "the Central African Republic", "centrafricain", "centrafricaines", "Central African", 7.0, 21.0),
    ("CMR", "le Cameroun", "Cameroon", "camerounais", "camerounaises", "Cameroonian", 6.0, 12.0),
    ("MOZ", "le Mozambique", "Mozambique", "mozambicain", "mozambicaines", "Mozambican", -18.0, 35.0),
    ("AFG", "l'Afghanistan", "Afghanistan", "afghan", "afghanes", "Afghan", 34.0, 66.0),
    ("PAK", "le Pakistan", "Pakistan", "pakistanais", "pakistanaises", "Pakistani", 30.0, 70.0),
    ("IND", "l'Inde", "India", "indien", "indiennes", "Indian", 22.0, 79.0),
    ("MMR", "la Birmanie", "Myanmar", "birman", "birmanes", "Burmese", 21.0, 96.0),
    ("UKR", "l'Ukraine", "Ukraine", "ukrainien", "ukrainiennes", "Ukrainian", 49.0, 32.0),
    ("RUS", "la Russie", "Russia", "russe", "russes", "Russian", 56.0, 45.0),
    ("GEO", "la Géorgie", "Georgia", "géorgien", "géorgiennes", "Georgian", 42.0, 43.5),
    ("ARM", "l'Arménie", "Armenia", "arménien", "arméniennes", "Armenian", 40.2, 45.0),
    ("AZE", "l'Azerbaïdjan", "Azerbaijan", "azerbaïdjanais", "azerbaïdjanaises", "Azerbaijani", 40.3, 47.7),
    ("COL", "la Colombie", "Colombia", "colombien", "colombiennes", "Colombian", 4.0, -73.0),
    ("VEN", "le Venezuela", "Venezuela", "vénézuélien", "vénézuéliennes", "Venezuelan", 7.0, -66.0),
    ("MEX", "le Mexique", "Mexico", "mexicain", "mexicaines", "Mexican", 23.0, -102.0),
    ("HTI", "Haïti", "Haiti", "haïtien", "haïtiennes", "Haitian", 19.0, -72.5),
    ("ISR", "Israël", "Israel", "israélien", "israéliennes", "Israeli", 31.5, 34.9),
    ("PSE", "la Palestine", "Palestine", "palestinien", "palestiniennes", "Palestinian", 31.9, 35.2),
    ("USA", "les États-Unis", "the United States", "américain", "américaines", "American", 39.0, -98.0),
    ("GBR", "le Royaume-Uni", "the United Kingdom", "britannique", "britanniques", "British", 54.0, -2.0),
    ("FRA", "la France", "France", "français", "françaises", "French", 46.5, 2.5),
];

/// A person's role: the CAMEO role block, and how French (with its article, masculine then
/// feminine) and English write the title.
pub struct Title {
    pub role: &'static str,
    pub fr_m: &'static str,
    pub fr_f: &'static str,
    pub en: &'static str,
}

macro_rules! titles {
    ($(($role:literal, $m:literal, $f:literal, $en:literal)),* $(,)?) => {
        &[$(Title { role: $role, fr_m: $m, fr_f: $f, en: $en }),*]
    };
}

#[rustfmt::skip]
pub const TITLES: &[Title] = titles![
    ("GOV", "le ministre", "la ministre", "Minister"),
    ("MIL", "le général", "la générale", "General"),
    ("REB", "le commandant rebelle", "la commandante rebelle", "rebel commander"),
    ("OPP", "l'opposant", "l'opposante", "opposition leader"),
    ("MED", "le journaliste", "la journaliste", "journalist"),
    ("LEG", "le député", "la députée", "lawmaker"),
    ("JUD", "le juge", "la juge", "Judge"),
    ("BUS", "l'homme d'affaires", "la femme d'affaires", "business leader"),
    ("HRI", "le militant des droits humains", "la militante des droits humains", "rights activist"),
    ("ELI", "le notable", "la notable", "community leader"),
];

/// People of international bodies: code, French title (masculine, feminine), English title.
#[rustfmt::skip]
pub const INTERNATIONAL: &[(&str, &str, &str, &str)] = &[
    ("IGOUNO", "l'envoyé de l'ONU", "l'envoyée de l'ONU", "UN envoy"),
    ("IGOEEC", "le représentant de l'UE", "la représentante de l'UE", "EU representative"),
    ("IGOARL", "l'émissaire de la Ligue arabe", "l'émissaire de la Ligue arabe", "Arab League envoy"),
    ("IGOWFP", "le directeur du PAM", "la directrice du PAM", "WFP director"),
    ("NGOHRW", "le chercheur de Human Rights Watch", "la chercheuse de Human Rights Watch", "Human Rights Watch researcher"),
    ("NGOAMN", "le porte-parole d'Amnesty International", "la porte-parole d'Amnesty International", "Amnesty International spokesperson"),
    ("NGOMSF", "le coordinateur de MSF", "la coordinatrice de MSF", "MSF coordinator"),
];

/// Groups named after a town: French name (with its article, `{}` for the town), whether
/// French makes it plural, English name, role block, dictionary kind.
#[rustfmt::skip]
pub const GROUPS: &[(&str, bool, &str, &str, &str)] = &[
    ("la Brigade de {}", false, "the {} Brigade", "REB", "group"),
    ("le Front de libération de {}", false, "the {} Liberation Front", "INS", "group"),
    ("les Forces de défense de {}", true, "the {} Defence Forces", "UAF", "group"),
    ("le Mouvement pour le renouveau de {}", false, "the {} Renewal Movement", "OPP", "group"),
    ("Radio {}", false, "Radio {} FM", "MED", "media"),
    ("le Courrier de {}", false, "the {} Courier", "MED", "media"),
    ("la police de {}", false, "the {} police", "COP", "organisation"),
    ("le conseil municipal de {}", false, "the {} city council", "GOV", "organisation"),
    ("le syndicat des enseignants de {}", false, "the {} Teachers' Union", "LAB", "organisation"),
    ("l'hôpital de {}", false, "the {} General Hospital", "HLH", "organisation"),
    ("l'université de {}", false, "the University of {}", "EDU", "organisation"),
    ("la Chambre de commerce de {}", false, "the {} Chamber of Commerce", "BUS", "organisation"),
];

#[rustfmt::skip]
pub const FIRST_M: &[&str] = &[
    "Ahmed", "Mohamed", "Omar", "Karim", "Youssef", "Hassan", "Samir", "Tarek", "Nabil", "Walid",
    "Ibrahim", "Khaled", "Mustafa", "Emre", "Mehmet", "Kemal", "Olusegun", "Chinedu", "Amadou",
    "Moussa", "Ibrahima", "Abdoulaye", "Jean", "Pierre", "Michel", "François", "Élie", "Joël",
    "Dmitri", "Oleksandr", "Sergueï", "Giorgi", "Aram", "Carlos", "José", "Andrés", "Rafael",
    "Arjun", "Rahul", "Imran", "Aung", "Tesfaye", "Abdi", "David", "Thomas", "Daniel",
];

pub const FIRST_F: &[&str] = &[
    "Fatima", "Aïcha", "Leila", "Nour", "Rania", "Salma", "Yasmine", "Zeynep", "Ayşe", "Elif",
    "Ngozi", "Aminata", "Mariam", "Awa", "Marie", "Hélène", "Claire", "Sophie", "Chloé", "Anaïs",
    "Olena", "Natalia", "Tamar", "Ana", "Lucía", "María", "Priya", "Ayesha", "Malala", "Hiwot",
    "Amina", "Sarah", "Rachel", "Laura", "Emma",
];

/// Syllables synthetic surnames and towns are made of; the accented vowels give coders
/// something to drop.
pub const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "r", "s", "t", "z", "kh", "sh", "dj", "q",
    "w", "y", "v", "p", "br", "tr", "gh", "th",
];
pub const VOWELS: &[&str] = &[
    "a", "a", "a", "e", "e", "i", "i", "o", "o", "u", "ou", "ai", "é", "ü",
];
pub const CODAS: &[&str] = &["", "", "", "n", "r", "l", "m", "s", "k", "t", "d", "z"];
pub const SURNAME_ENDS: &[&str] = &["", "", "", "i", "ov", "an", "ane", "ez", "ski", "ah", "ou"];
pub const TOWN_ENDS: &[&str] = &[
    "", "", "", "a", "abad", "ville", "iyah", "kent", "ouma", "ine",
];

pub const AGENCIES: &[&str] = &[
    "AFP",
    "Reuters",
    "AP",
    "Anadolu",
    "Al Jazeera",
    "BBC Monitoring",
    "Xinhua",
    "RFI",
    "Le Monde",
    "The Guardian",
];

pub const CODER_NOTES_FR: &[&str] = &[
    "Source nommée par son titre seulement.",
    "Date lue dans le paragraphe précédent.",
    "Cible déduite du contexte de l'article.",
    "Événement rapporté par une seule source.",
    "Lieu précisé plus loin dans le texte.",
];

pub const CODER_NOTES_EN: &[&str] = &[
    "Source named by title only.",
    "Date taken from the previous paragraph.",
    "Target inferred from the article's context.",
    "Single-source report.",
    "Place given later in the text.",
];
