import Foundation

/// Writes references as Hayagriva YAML, the bibliography format typst reads natively.
///
/// Exists because typst's own format keeps what its `.bib` reader loses (site names, institutions, the
/// access date) and renders organisations and particles correctly when written as below. Hayagriva is
/// strict about types and dates but silently drops unknown fields, and its strings are *formattable*:
/// `{…}` protects case, `$…$` is math and `\` escapes, so literal `{ } $ \` are written `\{ \} \$ \\`.
/// See design/bibliography.md §2–§4; the expected output is the fixture `bib-sample/refs.yml`.
public enum HayagrivaWriter {
  /// The Hayagriva YAML for `references`: one top-level key per entry, entries separated by a blank line.
  public static func render(_ references: [Reference]) -> String {
    "# Hayagriva YAML for typst, written by Verbatim.\n" + references.map(entry).joined(separator: "\n")
  }

  /// A YAML value as written: a scalar on its key's line, or a block mapping or list below it.
  enum YAMLValue {
    case scalar(String)
    case mapping([(String, YAMLValue)])
    case list([YAMLValue])
  }

  static func entry(_ reference: Reference) -> String {
    var fields: [(String, YAMLValue)] = [("type", .scalar(entryType(reference.kind)))]
    func add(_ key: String, _ text: String?, _ casing: Casing? = nil) {
      guard let text, case let value = Reference.singleLine(text), !value.isEmpty else { return }
      fields.append((key, .scalar(YAMLScalar.text(casing.map { formattable(value, $0) } ?? value))))
    }
    add("title", reference.title, .headline)
    let authors = reference.authors.compactMap(person)
    if authors.count == 1 { fields.append(("author", authors[0])) }
    if authors.count > 1 { fields.append(("author", .list(authors))) }
    if let issued = reference.issued { fields.append(("date", .scalar(issued.dayString))) }
    add("genre", reference.genre, .headline)
    if let publisher = nonEmpty(reference.publisher) {
      var parts: [(String, YAMLValue)] = [("name", .scalar(YAMLScalar.text(formattable(publisher, .name))))]
      if let place = nonEmpty(reference.place) {
        parts.append(("location", .scalar(YAMLScalar.text(formattable(place, .name)))))
      }
      fields.append(("publisher", .mapping(parts)))
    } else {
      add("location", reference.place, .name)
    }
    var serials: [(String, YAMLValue)] = []
    if let doi = nonEmpty(reference.doi) { serials.append(("doi", .scalar(YAMLScalar.text(doi)))) }
    if let number = nonEmpty(reference.number) { serials.append(("serial", .scalar(YAMLScalar.text(number)))) }
    if !serials.isEmpty { fields.append(("serial-number", .mapping(serials))) }
    if let url = nonEmpty(reference.url) {
      var parts: [(String, YAMLValue)] = [("value", .scalar(YAMLScalar.text(url)))]
      if let accessed = reference.accessed { parts.append(("date", .scalar(accessed.dayString))) }
      fields.append(("url", .mapping(parts)))
    }
    add("language", reference.language)
    if let (type, title) = parent(of: reference) {
      let titleText = YAMLScalar.text(formattable(title, .name))
      fields.append(("parent", .mapping([("type", .scalar(type)), ("title", .scalar(titleText))])))
    }
    var lines = ["\(YAMLScalar.text(reference.key)):"]
    for (key, value) in fields { append(key, value, indent: "  ", to: &lines) }
    return lines.map { $0 + "\n" }.joined()
  }

  /// Appends `key: value`, or `key:` with the mapping or list two spaces deeper.
  static func append(_ key: String, _ value: YAMLValue, indent: String, to lines: inout [String]) {
    switch value {
    case .scalar(let text):
      lines.append("\(indent)\(key): \(text)")
    case .mapping(let pairs):
      lines.append("\(indent)\(key):")
      for (childKey, child) in pairs { append(childKey, child, indent: indent + "  ", to: &lines) }
    case .list(let items):
      lines.append("\(indent)\(key):")
      for item in items { appendItem(item, indent: indent + "  ", to: &lines) }
    }
  }

  /// Appends `- item`; an item's mapping or list starts on the dash's line (`- name: de Vries`).
  static func appendItem(_ value: YAMLValue, indent: String, to lines: inout [String]) {
    var nested: [String] = []
    switch value {
    case .scalar(let text):
      lines.append("\(indent)- \(text)")
      return
    case .mapping(let pairs):
      for (childKey, child) in pairs { append(childKey, child, indent: indent + "  ", to: &nested) }
    case .list(let items):
      for item in items { appendItem(item, indent: indent + "  ", to: &nested) }
    }
    if let first = nested.first { nested[0] = indent + "- " + first.dropFirst(indent.count + 2) }
    lines += nested
  }

  static func entryType(_ kind: Reference.Kind) -> String {
    switch kind {
    case .webpage: "web"
    case .report: "report"
    case .blogPost, .newspaperArticle, .magazineArticle, .journalArticle: "article"
    }
  }

  /// The publication an entry appeared in, as Hayagriva's `parent`: typst's APA style prints its
  /// title after the entry's (for a web page too: a `web` parent renders the site name, an
  /// `organization` field does not). A report's parent is its series.
  static func parent(of reference: Reference) -> (type: String, title: String)? {
    let type: String
    var title = reference.container
    switch reference.kind {
    case .webpage: type = "web"
    case .blogPost: type = "blog"
    case .newspaperArticle: type = "newspaper"
    case .magazineArticle, .journalArticle: type = "periodical"
    case .report:
      type = "anthology"
      title = reference.series ?? reference.container
    }
    return nonEmpty(title).map { (type, $0) }
  }

  /// A person as `Family, Given` when Hayagriva's name parser reads that back unchanged, else as a
  /// mapping: with a particle (`name: de Vries`; its `prefix` field renders "Vries, P. de" in APA), a
  /// suffix, no given name, or a comma or lowercase word that the parser would split or take for a
  /// particle. An organisation is always a mapping: a bare string is split into given and family names.
  /// Names are not formattable: they are written as they are.
  static func person(_ name: ReferenceName) -> YAMLValue? {
    switch name {
    case .organisation(let organisation):
      let text = Reference.singleLine(organisation)
      return text.isEmpty ? nil : .mapping([("name", .scalar(YAMLScalar.text(text)))])
    case .person(let person):
      let family = Reference.singleLine(person.family)
      let given = Reference.singleLine(person.given ?? "")
      let particle = Reference.singleLine(person.particle ?? "")
      let suffix = Reference.singleLine(person.suffix ?? "")
      let fullFamily = [particle, family].filter { !$0.isEmpty }.joined(separator: " ")
      guard !fullFamily.isEmpty else { return nil }
      if particle.isEmpty, suffix.isEmpty, !given.isEmpty, parsesAsOneName(family), parsesAsOneName(given),
        !family.split(separator: " ").contains(where: { $0.first?.isLowercase == true })
      {
        return .scalar(YAMLScalar.text("\(family), \(given)"))
      }
      var parts: [(String, YAMLValue)] = [("name", .scalar(YAMLScalar.text(fullFamily)))]
      if !given.isEmpty { parts.append(("given-name", .scalar(YAMLScalar.text(given)))) }
      if !suffix.isEmpty { parts.append(("suffix", .scalar(YAMLScalar.text(suffix)))) }
      return .mapping(parts)
    }
  }

  static func parsesAsOneName(_ part: String) -> Bool { !part.contains(where: { ",{}\\\"".contains($0) }) }

  static func nonEmpty(_ text: String?) -> String? {
    guard let text, case let value = Reference.singleLine(text), !value.isEmpty else { return nil }
    return value
  }
}

// MARK: - Formattable strings

extension HayagrivaWriter {
  /// How a citation style may re-case a string, and so which words need `{…}` to stay as published.
  enum Casing {
    /// An entry's own title or genre, which some styles sentence-case: every word with a capital is
    /// protected, except a plain first word (only its first letter capitalised).
    case headline
    /// A publication, series, publisher or place name, which styles title-case (typst's APA does):
    /// protected are the words that title case would change — `iPhone`, `TechCrunch`, `3D`, a
    /// capitalised `A` or `The` inside the name, a lowercase word that is not a small word.
    case name
  }

  /// Small words Hayagriva's title case writes in lowercase (found by rendering each with typst 0.15).
  static let smallWords: Set<String> = [
    "a", "above", "across", "against", "among", "an", "and", "around", "as", "at", "behind", "below", "beneath",
    "beside", "between", "but", "by", "down", "during", "for", "from", "front", "in", "inside", "into", "near",
    "nor", "of", "on", "onto", "or", "over", "since", "so", "the", "till", "to", "toward", "under", "underneath",
    "until", "up", "via", "with", "within", "yet",
  ]

  /// `text` as a Hayagriva formattable string: straight double quotes made typographic, `{ } $ \`
  /// escaped, words protected as `casing` asks (the word's letters only: `{Report}:`).
  ///
  /// Never starts with a `{…}` group: Hayagriva's case conversion then drops the space after the group
  /// ("{AT&T} {Cuts}" renders "AT&TCuts" in Chicago and MLA, "{GitHub} Blog" renders "GitHubBlog" as a
  /// container in APA). A first word to protect keeps its first letter outside (`A{T&T}`); one whose
  /// first letter is lowercase (`iPhone`, `arXiv`) protects the whole string instead.
  static func formattable(_ text: String, _ casing: Casing) -> String {
    let words = TitleWords.curlDoubleQuotes(Reference.singleLine(text)).split(separator: " ")
    var output: [String] = []
    var startsSentence = true
    var isFirstWord = true
    for word in words {
      let (lead, core, trail) = TitleWords.parts(word)
      let protect: Bool
      switch casing {
      case .headline:
        protect = TitleWords.carriesCase(core, isFirstWord: isFirstWord)
      case .name:
        protect = !core.isEmpty && !survivesTitleCase(core, startsSentence: startsSentence)
      }
      if let last = word.last, ".:?!".contains(last) {
        startsSentence = true
      } else if !core.isEmpty {
        startsSentence = false
      }
      if !core.isEmpty { isFirstWord = false }
      guard protect else {
        output.append(escaped(word))
        continue
      }
      if output.isEmpty, lead.isEmpty, let first = core.first {
        guard !first.isLowercase else { return "{" + escaped(words.joined(separator: " ")) + "}" }
        let rest = core.dropFirst()
        output.append(escaped(first) + (rest.isEmpty ? "" : "{" + escaped(rest) + "}") + escaped(trail))
        continue
      }
      output.append(escaped(lead) + "{" + escaped(core) + "}" + escaped(trail))
    }
    return output.joined(separator: " ")
  }

  /// Whether Hayagriva's title case leaves `word` as written. It capitalises each hyphen-separated
  /// part's first letter and lowercases the rest, keeps all-capital parts ("OECD", "U.S."), and writes
  /// small words in lowercase unless they start the string or follow `.`, `:`, `?` or `!`.
  static func survivesTitleCase(_ word: Substring, startsSentence: Bool) -> Bool {
    for (index, part) in word.split(separator: "-", omittingEmptySubsequences: false).enumerated() {
      let letters = part.filter { $0.isLetter || $0.isNumber }
      guard let first = letters.first else { continue }
      if !(startsSentence && index == 0), smallWords.contains(part.lowercased()) {
        if part.contains(where: \.isUppercase) { return false }
        continue
      }
      if letters.allSatisfy(\.isUppercase) { continue }
      if first.isLowercase || letters.dropFirst().contains(where: \.isUppercase) { return false }
    }
    return true
  }

  /// `{ } $ \` are markup in a formattable string; written with a backslash they are literal.
  static func escaped<S: StringProtocol>(_ text: S) -> String {
    var result = ""
    for character in text {
      if "{}$\\".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  static func escaped(_ character: Character) -> String { escaped(String(character)) }

}

// MARK: - YAML scalars

/// One YAML scalar as text: plain when every YAML 1.1 and 1.2 reader (libyaml, Yams, PyYAML,
/// Hayagriva's serde) reads it back as the same string, else single-quoted, or double-quoted with
/// escapes when it holds line breaks or characters YAML cannot show.
enum YAMLScalar {
  static func text(_ value: String) -> String {
    if needsEscapes(value) { return doubleQuoted(value) }
    if needsQuotes(value) { return "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
    return value
  }

  /// Words YAML 1.1 resolves to null or a boolean, and the merge and value keys.
  static let reservedWords: Set<String> = [
    "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
    "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "<<", "=",
  ]

  /// Whether a plain scalar would be read differently: empty, starting with an indicator or a space,
  /// holding `: ` or ` #`, ending with `:` or a space, holding brackets or a backslash (kept readable and
  /// safe in flow context), a reserved word, or something YAML reads as a number or a date.
  static func needsQuotes(_ value: String) -> Bool {
    guard let first = value.first, let last = value.last else { return true }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first == " " || last == " " || last == ":" { return true }
    if value.contains(": ") || value.contains(" #") || value.contains(where: { "[]{}\\".contains($0) }) {
      return true
    }
    if reservedWords.contains(value) { return true }
    return looksNumeric(value)
  }

  /// Integers, floats, sexagesimals, hex, octal and binary numbers, `.inf`/`.nan`, and timestamps, in
  /// YAML 1.1 or 1.2 (over-approximated: anything starting like a number made of number characters).
  static func looksNumeric(_ value: String) -> Bool {
    let unsigned = value.first == "+" || value.first == "-" ? value.dropFirst() : Substring(value)
    guard let first = unsigned.first, first.isASCII, first.isNumber || first == "." else { return false }
    let startsWithDate = unsigned.prefix(5).allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
    if startsWithDate, unsigned.count >= 5, unsigned.dropFirst(4).first == "-" { return true }
    return unsigned.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._:+-".contains($0)) }
  }

  /// Line breaks and characters outside YAML's printable set need a double-quoted scalar.
  static func needsEscapes(_ value: String) -> Bool {
    value.unicodeScalars.contains { !isPrintable($0) }
  }

  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  static func doubleQuoted(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where isPrintable(scalar): result.unicodeScalars.append(scalar)
      case _ where scalar.value <= 0xFF: result += "\\x" + hex(scalar.value, width: 2)
      case _ where scalar.value <= 0xFFFF: result += "\\u" + hex(scalar.value, width: 4)
      default: result += "\\U" + hex(scalar.value, width: 8)
      }
    }
    return result + "\""
  }

  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
