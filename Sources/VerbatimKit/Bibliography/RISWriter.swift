import Foundation

/// Writes references as RIS, the tagged format Zotero, EndNote, Mendeley and most reference managers
/// import.
///
/// Exists because RIS is the lowest common denominator of reference managers: one `TAG  - value` line
/// per field, records from `TY` to `ER`, CRLF line endings, UTF-8, and a blank line between records
/// (as Zotero's RIS translator writes them). RIS has no escaping, so line breaks inside a value are
/// collapsed to spaces, and an organisation's comma is dropped because importers split an `AU` value on
/// commas. See design/bibliography.md §2–§4.
public enum RISWriter {
  /// The RIS text for `references`, in the given order.
  public static func render(_ references: [Reference]) -> String {
    references.map(record).joined(separator: lineBreak)
  }

  static let lineBreak = "\r\n"

  /// One record, `TY` to `ER`, each line ending in CRLF.
  static func record(_ reference: Reference) -> String {
    var lines: [String] = []
    func add(_ tag: String, _ value: String?) {
      guard let value else { return }
      let text = Reference.singleLine(value)
      if !text.isEmpty { lines.append(line(tag, text)) }
    }
    lines.append(line("TY", risType(for: reference.kind)))
    add("ID", reference.key)
    for author in reference.authors { add("AU", authorValue(author)) }
    add("TI", reference.title)
    // A report's series is the container RIS importers show ("T2"); a report has no other container.
    add("T2", reference.kind == .report ? reference.series ?? reference.container : reference.container)
    add("SE", reference.section)
    add("M3", reference.genre)
    add("SN", reference.number)
    add("PB", reference.publisher)
    add("CY", reference.place)
    add("DA", reference.issued.map(slashed))
    add("PY", reference.issued.map { String($0.dayString.prefix(4)) })
    add("DO", reference.doi)
    add("UR", reference.url)
    add("Y2", reference.accessed.map(slashed))
    add("LA", reference.language)
    lines.append("ER  - ")
    return lines.map { $0 + lineBreak }.joined()
  }

  /// `TAG  - value`: two spaces, a hyphen and a space, as every RIS reader expects.
  static func line(_ tag: String, _ value: String) -> String { "\(tag)  - \(value)" }

  static func risType(for kind: Reference.Kind) -> String {
    switch kind {
    case .webpage: "ELEC"
    case .blogPost: "BLOG"
    case .newspaperArticle: "NEWS"
    case .magazineArticle: "MGZN"
    case .report: "RPRT"
    case .journalArticle: "JOUR"
    }
  }

  /// `Last, First[, Suffix]` for a person; an organisation's name without commas, so that an importer
  /// keeps it as one (corporate) name.
  static func authorValue(_ name: ReferenceName) -> String {
    switch name {
    case .organisation(let organisation):
      return withoutCommas(organisation)
    case .person(let person):
      let family = withoutCommas([person.particle, person.family].compactMap { $0 }.joined(separator: " "))
      let given = withoutCommas(person.given ?? "")
      let suffix = withoutCommas(person.suffix ?? "")
      if !suffix.isEmpty { return "\(family), \(given), \(suffix)" }  // `King, , Jr.` keeps Jr. out of the given name
      return given.isEmpty ? family : "\(family), \(given)"
    }
  }

  /// `YYYY/MM/DD/` with empty parts for what is unknown: `2024/06//`, `2024///`.
  static func slashed(_ date: ReferenceDate) -> String {
    let parts = date.dayString.split(separator: "-")
    return parts.joined(separator: "/") + String(repeating: "/", count: 4 - parts.count)
  }

  /// Commas split a name in RIS: `Acme, Inc.` → `Acme Inc.`.
  static func withoutCommas(_ text: String) -> String {
    Reference.singleLine(text.replacingOccurrences(of: ",", with: " "))
  }
}
