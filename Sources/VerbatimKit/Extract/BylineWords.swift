/// A byline prefix such as "By", "Written by", "Von" or "著者：".
struct BylinePrefix: Sendable {
  /// Folded (lowercase, accent-free) words to match.
  let words: [String]
  /// Only strip when followed by a separator ("Text:", "文・").
  var needsSeparator = false
  /// Only strip when followed by at least two capitalised words ("Par Jean Dupont", not "Di Maio").
  var needsName = false
}

/// Multi-word phrases indexed by their first word; `match` returns the end of the longest match.
struct PhraseIndex: Sendable {
  private let byFirstWord: [String: [[String]]]

  init(_ phrases: [[String]]) {
    var index: [String: [[String]]] = [:]
    for p in phrases where !p.isEmpty { index[p[0], default: []].append(p) }
    byFirstWord = index.mapValues { $0.sorted { $0.count > $1.count } }
  }

  func match(_ t: [AuthorNames.Token], _ i: Int) -> Int? {
    guard i < t.count, t[i].isWord, let candidates = byFirstWord[t[i].key] else { return nil }
    for p in candidates {
      if let end = AuthorNames.match(t, i, p) { return end }
    }
    return nil
  }
}

/// Word lists used by `AuthorNames`. Every entry is folded with `AuthorNames.fold`
/// (lowercase, diacritics removed), so lists may be written with accents.
enum BylineWords {
  private static func set(_ words: [String]) -> Set<String> {
    Set(words.map(AuthorNames.fold))
  }

  private static func phrases(_ list: [String]) -> [[String]] {
    list.map { $0.split(separator: " ").map { AuthorNames.fold(String($0)) } }
  }

  // MARK: Prefixes and phrases

  /// Byline prefixes indexed by first word, longest first.
  static let prefixes: [String: [BylinePrefix]] = {
    var out = phrases([
      "written by", "posted by", "words by", "story by", "reported by", "reporting by", "text by",
      "report by", "article by", "authored by", "compiled by", "interview by", "published by",
      "contributed by", "by", "geschrieben von", "verfasst von", "écrit par", "rédigé par",
      "escrito por", "redactado por", "scritto da", "geschreven door", "view all posts by",
      "all posts by", "posts by", "more by", "more from", "articles by", "stories by", "a story by",
      "an article by", "ein beitrag von", "beitrag von", "ein artikel von", "artikel von", "un article de",
      "article de", "un artículo de", "artículo de", "un articolo di", "articolo di", "artigo de",
      "um artigo de", "een artikel van", "artikel van",
      "more stories by", "more articles by", "more stories from", "view all articles by",
      "author", "authors", "autor", "autorin", "autoren", "auteur", "auteurs", "autore", "autori",
      "autora", "opinion by", "analysis by", "commentary by", "essay by", "column by", "review by",
      "interviewed by", "story and photos by", "text and photos by", "words and photos by",
      "words and pictures by", "as told to", "автор", "авторы", "著者", "筆者", "執筆", "記者", "记者", "作者", "글",
    ]).map { BylinePrefix(words: $0) }
    out += phrases(["von", "par", "por", "di", "door", "av"]).map { BylinePrefix(words: $0, needsName: true) }
    out += phrases([
      "text", "texte", "texto", "testo", "tekst", "words", "story", "report", "interview", "byline",
      "reporter", "redaktion", "redacción", "redazione", "redactie", "story and photos", "text and photos",
      "words and pictures", "текст", "文", "取材", "文責", "取材 文",
    ]).map { BylinePrefix(words: $0, needsSeparator: true) }
    return Dictionary(grouping: out) { $0.words[0] }.mapValues { $0.sorted { $0.words.count > $1.words.count } }
  }()

  /// Intro phrases stripped from the front of each name segment.
  static let introPhrases = PhraseIndex(
    phrases([
      "view all posts by", "view all articles by", "all posts by", "posts by", "more by", "more from",
      "articles by", "stories by", "more stories by", "more articles by", "more stories from",
      "written by", "reporting by", "posted by", "by",
    ]))

  /// Removed wherever they occur.
  static let removablePhrases = PhraseIndex(
    phrases(["view orcid profile", "orcid profile", "orcid id", "orcid", "view profile"]))

  /// Social-button and navigation text: everything from here to the end of the segment is dropped.
  static let junkWords = set([
    "follow", "folgen", "suivre", "seguir", "segui", "volgen", "twitter", "facebook", "instagram",
    "linkedin", "bluesky", "mastodon", "tiktok", "youtube", "whatsapp", "email", "e-mail", "mail",
    "contact", "kontakt", "contacto", "contatto", "bio", "biography", "profile", "profil", "perfil",
    "shares", "share", "teilen", "partager", "compartir", "condividi", "delen", "comments", "comment",
    "kommentare", "commentaires", "comentarios", "commenti", "subscribe", "abonnieren", "newsletter",
    "rss", "website", "homepage", "sponsored", "advertisement", "anzeige", "tweet", "print", "verified",
  ])

  static let junkPhrases = PhraseIndex(
    phrases([
      "read more", "see full", "see all", "see more", "full bio", "more by", "more from", "more stories",
      "more articles", "more posts", "more about", "more on", "view all", "view more", "view posts",
      "all posts", "all stories", "all articles", "latest from", "latest posts", "latest articles",
      "latest stories", "special to", "about the author", "about me", "about us", "click here", "leave a",
      "weitere artikel", "mehr von", "mehr zum", "alle artikel", "plus de", "voir plus", "tous les",
      "ver más", "leer más", "leggi anche", "tutti gli", "lees meer", "meer van", "alle artikelen",
    ]))

  /// Mid-string phrases after which nothing is an author (editing, translation, extra reporting, dates).
  static let cutPhrases = PhraseIndex(
    phrases([
      "additional reporting", "reporting by", "with reporting", "contributed to", "edited by",
      "editing by", "translated by", "translation by", "übersetzt von", "traduit par", "traducido por",
      "tradotto da", "mis à jour", "mise à jour", "last updated", "last modified", "last update",
      "contributed reporting", "also contributed", "fact checked", "reviewed by", "medically reviewed",
      "first published", "originally published",
    ]))

  /// Words that introduce the author after a leading date ("Posted on March 3 by Jane Doe").
  static let bylineIntros = set(["by", "von", "par", "por", "door", "av", "di"])
  /// Date-tail starts after which a later "by" names an editor, not the author.
  static let editMarkers = set([
    "updated", "update", "last", "modified", "aktualisiert", "bijgewerkt", "actualizado", "actualizada",
    "aggiornato", "aggiornata", "atualizado", "atualizada", "mis", "mise", "edited", "editing",
    "reviewed", "translated", "additional", "reporting", "with", "fact", "medically", "更新",
  ])

  /// Cut phrases whose preceding names are contributors, not authors.
  static let contributorPhrases = PhraseIndex(phrases(["contributed to", "contributed reporting", "also contributed"]))

  // MARK: Photo credits

  static let creditWords = set([
    "photo", "photos", "photograph", "photographs", "photography", "foto", "fotos", "fotografie",
    "fotografía", "fotografia", "fotografias", "bild", "bilder", "image", "images", "illustration",
    "illustrations", "graphic", "graphics", "grafik", "video", "videos", "picture", "pictures",
    "credit", "credits", "crédit", "crédits", "crédito", "créditos", "source", "quelle", "fuente",
    "fonte", "bron", "bildquelle", "写真", "撮影", "画像", "図", "사진", "图片", "摄影",
  ])
  static let creditJoins = set(["by", "von", "di", "da", "de", "par", "por", "door", "av", "af", "courtesy"])
  static let stockAgencies = set([
    "getty", "gettyimages", "shutterstock", "istock", "istockphoto", "alamy", "unsplash", "pexels",
    "pixabay", "dreamstime", "depositphotos", "imago", "picture-alliance", "adobestock",
  ])

  // MARK: Dates

  static let monthsUnambiguous = set([
    "january", "february", "september", "october", "november", "december", "januar", "februar",
    "märz", "oktober", "dezember", "janvier", "février", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "enero", "febrero", "marzo", "septiembre", "setiembre", "octubre",
    "noviembre", "diciembre", "gennaio", "febbraio", "settembre", "ottobre", "dicembre", "janeiro",
    "fevereiro", "setembro", "outubro", "novembro", "dezembro", "januari", "februari", "maart",
  ])
  static let months: Set<String> = monthsUnambiguous.union(
    set([
      "march", "april", "may", "june", "july", "august", "mai", "juni", "juli", "mars", "avril", "juin",
      "abril", "mayo", "junio", "julio", "agosto", "aprile", "maggio", "giugno", "luglio", "março",
      "maio", "junho", "julho", "mei", "augustus", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
      "sep", "sept", "oct", "nov", "dec", "okt", "dez", "janv", "févr", "avr", "juil", "déc", "ene",
      "abr", "ago", "dic", "gen", "giu", "lug", "ott", "set", "out", "mrt", "mär",
    ]))
  static let weekdays = set([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
    "domenica", "segunda", "terça", "quarta", "quinta", "sexta", "maandag", "dinsdag", "woensdag",
    "donderdag", "vrijdag", "zaterdag", "zondag",
  ])
  /// Words that start the date/time tail of a byline.
  static let dateMarkers = set([
    "updated", "published", "posted", "modified", "aktualisiert", "veröffentlicht", "publié", "publiée",
    "actualizado", "actualizada", "publicado", "publicada", "aggiornato", "aggiornata", "pubblicato",
    "pubblicata", "bijgewerkt", "gepubliceerd", "atualizado", "atualizada", "更新", "公開", "投稿",
    "掲載", "配信", "更新日", "公開日", "投稿日", "发布", "업데이트", "입력", "수정",
  ])
  /// Words swallowed together with a date that follows them ("on", "Mon", "Last", "EST", ...).
  static let dateWalkBack: Set<String> = weekdays.union(months).union(dateMarkers).union(
    set([
      "on", "at", "am", "pm", "a.m", "p.m", "um", "le", "el", "il", "op", "den", "the", "of", "last",
      "de", "del", "du", "à", "with", "and", "und", "additional", "est", "edt", "gmt", "utc", "cet",
      "cest", "pst", "pdt", "bst", "et", "pt", "ct", "cdt", "cst", "mez", "mesz", "jst", "kst", "ist",
      "uhr", "hrs", "first", "originally", "date",
    ]))
  /// Letters glued to a leading number that make it a date/time ("3rd", "10am", "2021年").
  static let numberSuffixes = set([
    "st", "nd", "rd", "th", "am", "pm", "a.m", "p.m", "h", "hrs", "er", "e", "º", "ª", "uhr",
  ])
  /// Words after a bare number that make it a date/time ("3 hours ago", "5 min read").
  static let timeWords = set([
    "am", "pm", "a.m", "p.m", "hour", "hours", "hrs", "hr", "minute", "minutes", "mins", "min",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "ago", "uhr", "h", "stunden",
    "minuten", "tagen", "tage", "heures", "jours", "horas", "minutos", "días", "ore", "minuti",
    "giorni", "uur", "dagen", "read",
  ])

  // MARK: Name structure

  static let conjunctions: Set<String> = [
    "and", "And", "AND", "und", "Und", "UND", "et", "ET", "y", "e", "en", "i", "og", "with", "With", "WITH",
    "mit", "avec", "con", "com", "met", "med",
  ]
  static let titles = set([
    "dr", "dr.", "prof", "prof.", "professor", "profesor", "professeur", "professore", "mr", "mrs",
    "ms", "mx", "miss", "herr", "frau", "mme", "mlle", "madame", "monsieur", "sra", "dott",
    "dott.ssa", "ing", "dipl.-ing", "prof.dr", "univ.-prof", "rev",
  ])
  static let particles = set([
    "van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del", "della", "dello", "degli",
    "dei", "des", "dos", "das", "do", "ten", "ter", "te", "zu", "zur", "vom", "bin", "ibn", "bint",
    "al", "el", "af", "op", "van't", "d'", "ben", "abu",
  ])
  static let orgConnectives = set([
    "of", "for", "and", "the", "für", "und", "der", "die", "das", "de", "des", "du", "la", "le", "et",
    "y", "e", "di", "del", "della", "van", "voor", "en", "on", "at", "in",
  ])
  static let suffixes = set(["jr", "sr", "jnr", "snr", "ii", "iii", "iv"])
  static let romanNumerals = set(["ii", "iii", "iv", "vi", "vii", "viii", "ix"])
  /// Degrees dropped after a name, any case.
  static let degrees = set([
    "phd", "ph.d", "dphil", "d.phil", "mba", "msc", "m.sc", "bsc", "b.sc", "mph", "m.d", "frcp",
    "frcs", "facp", "llm", "ll.m", "dds", "j.d", "m.a", "b.a", "m.s", "b.s", "m.phil", "mphil",
    "edd", "ed.d", "psyd", "psy.d", "faan", "mrcp", "pharmd",
  ])
  /// Degrees dropped only when written in capitals ("MD", not the given-name abbreviation "Md").
  static let capsDegrees = set(["md", "rn", "jd", "cpa", "cfa", "llb", "np", "dnp", "lcsw"])

  // MARK: Roles and places

  static let coreRoles = set([
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor",
    "contributor", "contributors", "columnist", "columnists", "photographer", "photojournalist",
    "producer", "analyst", "host", "anchor", "intern", "fellow", "professor", "lecturer",
    "researcher", "journalist", "journalists", "blogger", "critic", "commentator", "reviewer",
    "author", "novelist", "illustrator", "cartoonist", "videographer", "editorialist", "staff",
    "freelancer", "stringer", "correspondente", "correspondante", "correspondant", "journaliste",
    "rédacteur", "rédactrice", "chroniqueur", "chroniqueuse", "envoyé", "envoyée", "éditorialiste",
    "reportrice", "periodista", "corresponsal", "redactor", "redactora", "columnista", "editora",
    "fotógrafo", "fotógrafa", "enviado", "enviada", "cronista", "giornalista", "inviato", "inviata",
    "corrispondente", "redattore", "redattrice", "jornalista", "repórter", "colunista", "redator",
    "redatora", "verslaggever", "redacteur", "redakteur", "redakteurin", "korrespondent",
    "korrespondentin", "reporterin", "journalistin", "autorin", "fotograf", "fotografin",
    "kolumnist", "kolumnistin", "ceo", "cfo", "cto", "coo", "founder", "co-founder", "cofounder",
    "president", "chairman", "chairwoman", "chairperson", "director", "manager", "executive",
    "officer", "spokesperson", "spokesman", "spokeswoman", "secretary", "minister", "senator",
    "candidate", "student", "teacher", "lawyer", "attorney", "physician", "scientist", "historian",
    "consultant", "expert", "advisor", "adviser", "strategist", "activist", "volontär", "volontärin", "praktikant",
    "praktikantin", "moderator",
    "moderatorin", "ライター", "編集者", "カメラマン", "作家", "記者", "기자", "记者", "特派員", "編集委員", "論説委員", "編集長", "特约记者",
  ])
  /// German compounds: "Wirtschaftsredakteur", "Auslandskorrespondentin".
  static let roleSuffixes = set([
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "reporterin", "journalistin",
    "kolumnist", "kolumnistin",
  ])
  static let cjkRoleSuffixes = ["記者", "记者", "기자", "特派員", "編集委員", "論説委員", "編集長", "ライター", "編集者", "カメラマン"]
  /// Words that qualify a role ("Senior", "Climate" in "Senior Climate Editor").
  static let roleModifiers = set([
    "staff", "senior", "sr", "junior", "chief", "deputy", "associate", "assistant", "managing",
    "executive", "contributing", "special", "guest", "freelance", "political", "politics", "foreign",
    "national", "international", "business", "economics", "economic", "finance", "financial",
    "science", "health", "medical", "tech", "technology", "sports", "sport", "culture", "cultural",
    "arts", "entertainment", "music", "film", "books", "food", "travel", "fashion", "opinion",
    "features", "feature", "news", "digital", "data", "investigative", "investigations", "legal",
    "education", "environment", "environmental", "climate", "energy", "world", "europe", "european",
    "us", "u.s", "uk", "congressional", "diplomatic", "defense", "defence", "security", "crime",
    "courts", "social", "media", "video", "photo", "audio", "podcast", "weather", "metro", "city",
    "local", "regional", "general", "lead", "acting", "former", "visiting", "research", "markets",
    "breaking", "copy", "night", "web", "online", "weekend", "picture", "graphics", "global",
    "washington", "london", "paris", "berlin", "brussels", "beijing", "moscow", "tokyo",
    "grand", "adjoint", "adjointe", "spécial", "spéciale", "especial", "leitender", "leitende",
    "stellvertretender", "stellvertretende", "freier", "freie",
  ])
  /// "Jane Doe in Washington", "Jane Doe For The Mail On Sunday".
  static let placePrepositions: Set<String> = [
    "in", "for", "from", "at", "of", "aus", "für", "à", "reporting", "based",
  ]
  static let placeFirstWords = set([
    "new", "los", "las", "san", "são", "rio", "hong", "buenos", "tel", "kuala", "cape", "salt",
  ])
  /// Place words that end a name when glued after it ("Jane Doe New Delhi").
  static let gluedPlaceWords = set(["new", "hong", "buenos", "tel", "kuala"])
  static let placeLastWords = set([
    "city", "county", "valley", "province", "island", "islands", "coast", "district", "region",
    "kingdom", "republic", "states", "dc",
  ])

  // MARK: Rejection

  /// Whole names that are never authors.
  static let blocked = set([
    "admin", "administrator", "administrador", "amministratore", "anonymous", "anon", "anonym",
    "anonyme", "anónimo", "anonimo", "anonima", "unknown", "unbekannt", "inconnu", "desconocido",
    "sconosciuto", "onbekend", "null", "nil", "none", "undefined", "nan", "guest", "gast", "invité",
    "invitado", "ospite", "editor", "editors", "editorial", "staff", "staff writer", "follow author",
    "follow", "username", "user", "users", "author", "authors", "autor", "autoren", "auteur",
    "autore", "no author", "webmaster", "site admin", "site administrator", "super admin",
    "superuser", "super user", "test", "test user", "default", "root", "system", "moderator",
    "wordpress", "contributor", "contributors", "guest author", "guest post", "guest contributor",
    "your name", "name", "first last", "firstname lastname", "admin user", "sponsored",
    "advertisement", "anzeige", "partner", "promoted", "sponsored content", "paid post",
    "press release", "pressemitteilung", "news", "press", "media", "team", "our team", "the team",
    "home", "jr", "sr", "jnr", "snr", "breaking news", "world news", "latest news", "top news",
    "local news",
  ])
  /// Function words and web-page chrome; a person name containing one is junk.
  static let commonWords = set([
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "from", "by", "and", "or", "is", "are",
    "was", "were", "be", "been", "this", "that", "these", "those", "it", "its", "as", "not", "no",
    "yes", "here", "there", "click", "read", "view", "all", "posts", "news", "home", "about",
    "contact", "share", "menu", "search", "login", "logout", "sign", "comments", "comment", "reply",
    "subscribe", "next", "previous", "prev", "top", "see", "also", "latest", "popular", "related",
    "article", "articles", "story", "stories", "video", "videos", "photo", "photos", "image",
    "images", "untitled", "default", "sidebar", "footer", "header", "navigation", "skip", "content",
    "loading", "advertisement", "sponsored", "cookie", "cookies", "privacy", "policy", "terms",
    "error", "welcome", "hello", "you", "your", "we", "our", "my", "me", "die", "und", "mit", "für",
    "ein", "eine", "ist", "nicht", "les", "pour", "un", "une", "est", "los", "las", "para", "con",
    "gli", "che", "het", "een", "door", "voor", "met", "og", "weitere", "artikel", "plus", "suite",
    "lire", "leer", "leggi", "altro", "lees", "meer", "startseite", "accueil", "inicio", "opinion",
    "politics", "sports", "business", "technology", "world", "local", "national", "blog", "archive",
    "archives", "category", "tag", "tags", "posted", "written", "updated", "published", "follow",
    "unknown", "with", "why", "how", "what", "when", "where", "now", "live", "explained", "updates",
    "trending", "breaking", "watch", "listen", "says", "pick", "picks", "exclusive",
  ])
  /// Common words that are also short Asian names when capitalised ("Nguyễn Văn An").
  static let nameLikeCommonWords = set(["an", "to", "do", "no", "my", "me", "on", "so"])
  /// Lowercase heads allowed before an inner capital: "McDonald", "DeSantis", "LaGuardia".
  static let camelCasePrefixes = set([
    "mc", "mac", "de", "di", "da", "la", "le", "van", "von", "du", "fitz", "st", "o", "d", "l", "al", "el", "ben",
    "ibn",
  ])
  /// Words that are never a whole name on their own.
  static let lonelyWords: Set<String> = titles.union(suffixes).union(romanNumerals).union(months)
    .union(weekdays).union(dateMarkers).union(
      set([
        "von", "par", "por", "di", "door", "av", "by", "de", "van", "close", "et", "al", "and", "last",
        "著者", "筆者", "執筆", "記者", "记者", "作者", "文責", "取材", "写真", "撮影",
      ]))

  // MARK: Organisations

  static let knownOrganisations = set([
    "reuters", "associated press", "the associated press", "ap", "afp", "agence france-presse",
    "agence france presse", "dpa", "deutsche presse-agentur", "bloomberg", "bloomberg news", "upi",
    "united press international", "ansa", "efe", "agencia efe", "europa press", "kyodo",
    "kyodo news", "jiji", "jiji press", "xinhua", "tass", "ria novosti", "interfax", "pa",
    "press association", "pa media", "aap", "cp", "the canadian press", "canadian press", "kna",
    "epd", "sid", "apa", "belga", "anp", "lusa", "ani", "pti", "ians", "yonhap", "bernama",
    "antara", "cnn", "bbc", "bbc news", "npr", "nasa", "nytimes", "abc", "cbs", "nbc", "fox news",
    "staff", "redaktion", "rédaction", "redacción", "redazione", "redactie", "newsroom",
    "editorial board", "the editorial board", "editors", "the editors", "wire", "wires", "agencies",
    "news desk", "newsdesk", "web desk", "news service", "wire services", "news agencies", "nhk",
    "epa", "epa-efe", "agencias", "agenzie", "agences", "le monde", "el pais", "der spiegel", "spiegel",
    "la repubblica",
    "la stampa", "le figaro", "corriere della sera", "編集部", "共同通信", "時事通信", "연합뉴스", "新华社",
  ])
  /// Known organisations that may appear in lowercase ("dpa").
  static let lowercaseOrganisations = set(["dpa", "afp", "ap", "epd", "kna", "sid", "apa", "ansa", "efe", "reuters"])
  /// "The Guardian", "Die Redaktion", "Team Verbatim".
  static let organisationFirstWords = set(["the", "die", "das", "team"])
  /// Second word after a known organisation: "Reuters Staff", "AFP News".
  static let organisationTails = set([
    "staff", "news", "wire", "reporters", "editors", "team", "desk", "service", "report", "writers",
  ])
  static let organisationSuffixes = set([
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "gmbh", "ag", "kg", "sa", "sas", "sarl",
    "srl", "spa", "bv", "nv", "oy", "plc", "corp", "corporation", "co", "company", "group", "media",
    "news", "press", "presse", "prensa", "stampa", "pers", "agency", "agentur", "agence", "agencia",
    "team", "desk", "board", "editors", "redaktion", "rédaction", "redacción", "redazione",
    "redactie", "newsroom", "network", "networks", "magazine", "magazin", "times", "post", "journal",
    "daily", "tribune", "herald", "gazette", "zeitung", "review", "report", "reports", "wire",
    "wires", "service", "services", "bureau", "institute", "institut", "instituto", "istituto",
    "university", "universität", "université", "universidad", "università", "universiteit",
    "foundation", "stiftung", "fondation", "fundación", "fondazione", "association", "verband",
    "society", "council", "committee", "commission", "department", "ministry", "ministerium",
    "office", "center", "centre", "lab", "labs", "laboratory", "studio", "studios", "radio", "tv",
    "television", "channel", "online", "partners", "associates", "consulting", "solutions",
    "systems", "technologies", "publishing", "publications", "publishers", "verlag", "editions",
    "éditions", "books", "club", "union", "party", "college", "academy", "hospital", "clinic",
    "museum", "library", "government", "administration", "authority", "organisation",
    "organization", "federation", "alliance", "coalition", "collective", "community", "initiative",
    "insider", "weekly", "monthly", "today", "observer", "guardian", "telegraph", "independent",
    "economist", "chronicle", "courier", "express", "mirror", "standard", "globe",
  ])
  /// Words that make any name an organisation wherever they appear.
  static let organisationWords = set([
    "university", "universität", "université", "universidad", "università", "universiteit",
    "institute", "institut", "instituto", "istituto", "foundation", "stiftung", "fondation",
    "fundación", "association", "ministry", "ministerium", "department", "council", "committee",
    "commission", "corporation", "agency", "agence", "agencia", "agentur", "redaktion", "rédaction",
    "redacción", "redazione", "redactie", "newsroom", "editorial", "news", "gmbh", "inc", "ltd",
    "llc", "nachrichten", "zeitung", "center", "centre", "radio", "deutsche", "nations",
  ])
  static let cjkOrganisationSuffixes = [
    "編集部", "編輯部", "编辑部", "報道部", "取材班", "新聞社", "新聞", "通信社", "通信", "放送", "株式会社",
    "協会", "大学", "研究所", "財団", "委員会", "日報", "新闻", "新闻社", "日报", "社", "뉴스", "일보",
    "신문", "방송", "편집국", "편집부",
  ]
}
