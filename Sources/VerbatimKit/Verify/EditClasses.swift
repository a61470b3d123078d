/// One word-level difference between a quote and the page passage it was aligned to.
struct WordEdit: Sendable, Equatable {
  enum Kind: String, Sendable {
    case substitution
    case insertion  // in the quote, not on the page
    case deletion  // on the page, not in the quote
  }

  enum Class: String, Sendable, CaseIterable {
    case negation, number, quantifier, modal, comparison, name, person, spelling, article, punctuation, other

    var isMaterial: Bool {
      switch self {
      case .negation, .number, .quantifier, .modal, .comparison, .name, .person: return true
      case .spelling, .article, .punctuation, .other: return false
      }
    }
  }

  var kind: Kind
  var quoteWords: [String]
  var pageWords: [String]
  var classes: [Class]

  var isMaterial: Bool { classes.contains { $0.isMaterial } }
}

/// A word as the classifier sees it.
struct EditWord: Sendable, Equatable {
  var key: String
  var text: String
  /// Capitalised word not at sentence start, or an acronym (see `TokenizedText.isName`).
  var isName: Bool
}

enum EditClassifier {
  static let negations: Set<String> = [
    "not", "no", "never", "none", "nor", "neither", "without", "cannot", "hardly", "scarcely",
    "nobody", "nothing", "nowhere",
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand",
    "ne", "pas", "jamais", "aucun", "aucune", "rien",
    "nunca", "nada", "nadie", "ningun", "ninguno", "ninguna", "tampoco",
  ]
  static let numberWords: Set<String> = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
    "trillion", "hundreds", "thousands", "millions", "billions", "dozen", "dozens", "half", "twice", "thrice",
    "double", "triple", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "percent", "pct", "%", "‰",
  ]
  static let units: Set<String> = [
    "km", "kg", "mg", "cm", "mm", "ml", "mi", "ft", "lb", "lbs", "oz", "mph", "kph", "kmh", "kw", "kwh", "mw",
    "mwh", "gw", "gwh", "twh", "gb", "mb", "kb", "tb", "ghz", "mhz", "hz", "usd", "eur", "gbp", "bn",
    "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "decade", "decades", "century", "centuries",
  ]
  static let quantifiers: Set<String> = [
    "all", "every", "some", "most", "many", "few", "fewer", "only", "any", "each", "several", "much", "more",
    "less", "both",
  ]
  static let modals: Set<String> = [
    "will", "would", "may", "might", "must", "should", "can", "could", "shall", "ought",
  ]
  static let comparisons: Set<String> = [
    "more", "most", "less", "least", "better", "best", "worse", "worst", "fewer", "fewest",
  ]
  static let pronouns: Set<String> = [
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
    "you", "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself",
    "she", "her", "hers", "herself", "they", "them", "their", "theirs", "themselves", "it", "its", "itself",
  ]
  static let articles: Set<String> = ["a", "an", "the"]

  /// Whole-word spelling pairs not caught by edit distance ≤ 1.
  static let knownPairs: Set<String> = [
    "grey|gray", "tyre|tire", "plough|plow", "cheque|check", "kerb|curb", "programme|program",
    "jewellery|jewelry", "amongst|among", "whilst|while", "learnt|learned", "spelt|spelled",
    "dreamt|dreamed", "burnt|burned", "towards|toward", "catalogue|catalog", "dialogue|dialog",
    "analogue|analog", "centre|center", "metre|meter", "theatre|theater", "fibre|fiber", "litre|liter",
  ]
  /// British → American suffixes (longest first).
  static let suffixPairs: [(String, String)] = [
    ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"),
    ("iser", "izer"), ("ise", "ize"), ("ysing", "yzing"), ("ysed", "yzed"), ("yse", "yze"),
    ("ogues", "ogs"), ("ogue", "og"), ("tres", "ters"), ("tre", "ter"), ("bres", "bers"), ("bre", "ber"),
    ("ours", "ors"), ("our", "or"), ("lled", "led"), ("lling", "ling"), ("ence", "ense"), ("mme", "m"),
  ]

  // MARK: - Classification

  static func classify(quote: [EditWord], page: [EditWord]) -> [WordEdit.Class] {
    var found = Set<WordEdit.Class>()
    let qx = quote.flatMap { expand($0.key) }
    let px = page.flatMap { expand($0.key) }

    func changed(_ member: (String) -> Bool, canon: (String) -> String = { $0 }) -> Bool {
      qx.filter(member).map(canon).sorted() != px.filter(member).map(canon).sorted()
    }
    if changed({ negations.contains($0) }) { found.insert(.negation) }
    if changed(isNumber, canon: numberCanon) { found.insert(.number) }
    if changed({ quantifiers.contains($0) }) { found.insert(.quantifier) }
    if changed({ modals.contains($0) }) { found.insert(.modal) }
    if changed({ comparisons.contains($0) })
      || quote.contains(where: { q in page.contains { degreeVariants(q.key, $0.key) } })
    {
      found.insert(.comparison)
    }
    let qNames = quote.filter(\.isName).map(\.key).sorted()
    let pNames = page.filter(\.isName).map(\.key).sorted()
    if qNames != pNames { found.insert(.name) }
    func personWords(_ words: [EditWord]) -> [String] {
      words.filter { !TokenizedText.isAllCaps($0.text) }.flatMap { expand($0.key) }
        .filter { pronouns.contains($0) }.sorted()
    }
    if personWords(quote) != personWords(page) { found.insert(.person) }

    // Minor classes describe the whole edit.
    let qk = quote.map(\.key)
    let pk = page.map(\.key)
    if alphanumerics(qk) == alphanumerics(pk) {
      found.insert(.punctuation)
    } else if qx.map(numberCanon) == px.map(numberCanon) {
      found.insert(.spelling)  // contraction or number-format variant
    } else {
      let qa = qk.filter { !articles.contains($0) }
      let pa = pk.filter { !articles.contains($0) }
      let articleChange = qk.filter { articles.contains($0) }.sorted() != pk.filter { articles.contains($0) }.sorted()
      if qa.count == pa.count {
        var allMinor = true
        var anySpelling = false
        for (a, b) in zip(qa, pa) where a != b {
          if spellingVariants(a, b) || alphanumerics([a]) == alphanumerics([b]) {
            anySpelling = true
          } else {
            allMinor = false
          }
        }
        if allMinor {
          if anySpelling { found.insert(.spelling) }
          if articleChange { found.insert(.article) }
        }
      }
    }
    if found.isEmpty { found.insert(.other) }
    return WordEdit.Class.allCases.filter { found.contains($0) }
  }

  /// Splits contractions into words: don't → do not, won't → will not, cannot → can not,
  /// we'll → we will, I'd → i would, it's → it 's, n'est → ne est.
  private static let irregularContractions: [String: [String]] = [
    "won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"],
    "ain't": ["is", "not"], "cannot": ["can", "not"],
  ]
  private static let contractionSuffixes: [(String, String)] = [
    ("n't", "not"), ("'ll", "will"), ("'d", "would"), ("'ve", "have"), ("'re", "are"), ("'m", "am"),
    ("'s", "'s"),
  ]

  static func expand(_ key: String) -> [String] {
    if let parts = irregularContractions[key] { return parts }
    guard key.utf8.contains(UInt8(ascii: "'")) else { return [key] }
    for (suffix, word) in contractionSuffixes where key.hasSuffix(suffix) && key.count > suffix.count {
      return [String(key.dropLast(suffix.count)), word]
    }
    if key.hasPrefix("n'") && key.count > 2 { return ["ne", String(key.dropFirst(2))] }
    return [key]
  }

  static func isNumber(_ key: String) -> Bool {
    if numberWords.contains(key) || units.contains(key) { return true }
    for s in key.unicodeScalars {
      if s.properties.numericType != nil || s.properties.generalCategory == .currencySymbol { return true }
    }
    return false
  }

  /// Number key for comparison: `1,000` ≡ `1000`, `percent` ≡ `%`.
  static func numberCanon(_ key: String) -> String {
    if key == "percent" || key == "pct" { return "%" }
    guard key.contains(",") else { return key }
    let groups = key.split(separator: ",", omittingEmptySubsequences: false)
    let grouped = groups.dropFirst().allSatisfy { group in
      group.prefix { $0.isASCII && $0.isNumber }.count == 3
        && (group.count == 3 || group.dropFirst(3).first == ".")
    }
    return grouped ? key.replacingAll(",", with: "") : key
  }

  /// `old`/`older`, `larger`/`largest`, `big`/`bigger`, `happy`/`happier`.
  static func degreeVariants(_ a: String, _ b: String) -> Bool {
    guard a != b else { return false }
    let ba = degreeBases(a)
    let bb = degreeBases(b)
    if ba.contains(b) || bb.contains(a) { return true }
    return !ba.isEmpty && !bb.isEmpty && !ba.isDisjoint(with: bb)
  }

  static func degreeBases(_ word: String) -> Set<String> {
    let chars = Array(word)
    for suffix in ["est", "er"] where word.hasSuffix(suffix) {
      let stem = Array(chars.dropLast(suffix.count))
      guard stem.count >= 2 else { return [] }
      var bases: Set<String> = [String(stem), String(stem) + "e"]
      if stem.last == "i" { bases.insert(String(stem.dropLast()) + "y") }
      if stem.count >= 3 && stem[stem.count - 1] == stem[stem.count - 2] { bases.insert(String(stem.dropLast())) }
      return bases
    }
    return []
  }

  /// organise/organize, colour/color, centre/center, cost/costs: edit distance ≤ 1 with the longer
  /// word ≥ 5 characters, a British/American suffix pair, or a known pair.
  static func spellingVariants(_ a: String, _ b: String) -> Bool {
    guard a != b else { return false }
    if knownPairs.contains("\(a)|\(b)") || knownPairs.contains("\(b)|\(a)") { return true }
    if americanised(a) == americanised(b) { return true }
    return max(a.count, b.count) >= 5 && editDistanceAtMostOne(Array(a), Array(b))
  }

  private static func americanised(_ word: String) -> String {
    for (british, american) in suffixPairs where word.hasSuffix(british) && word.count > british.count + 1 {
      return String(word.dropLast(british.count)) + american
    }
    return word
  }

  static func editDistanceAtMostOne(_ a: [Character], _ b: [Character]) -> Bool {
    if abs(a.count - b.count) > 1 { return false }
    var i = 0
    var j = 0
    var edits = 0
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        i += 1
        j += 1
        continue
      }
      edits += 1
      if edits > 1 { return false }
      if a.count > b.count {
        i += 1
      } else if b.count > a.count {
        j += 1
      } else {
        i += 1
        j += 1
      }
    }
    return edits + (a.count - i) + (b.count - j) <= 1
  }

  /// Keys concatenated without punctuation (`e-mail` ≡ `email`, `1,000` ≡ `1000`).
  static func alphanumerics(_ keys: [String]) -> String {
    var out = String.UnicodeScalarView()
    for key in keys {
      for s in key.unicodeScalars {
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
          .initialPunctuation, .finalPunctuation, .otherPunctuation:
          continue
        default:
          out.append(s)
        }
      }
    }
    return String(out)
  }
}

extension String {
  /// Stdlib-only replacement (no Foundation searching).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
