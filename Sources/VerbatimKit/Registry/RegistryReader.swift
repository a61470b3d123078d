import Foundation
internal import Yams

/// Turns the composed YAML tree of `Sources.yml` into a `Registry`, checking every key, type, tie kind,
/// reference, date and name on the way.
///
/// Exists apart from `RegistryLoader` so the loader only guards and parses: this reader never stops at
/// the first problem; it builds what it can and collects every problem, each at its own line and column.
struct RegistryReader {
  let file: String
  private(set) var problems: [RegistryProblem] = []
  /// Every `org:` written, to check once all organisations are known.
  private var references: [(id: String, node: Node)] = []
  /// Every id and name written, with the entry it belongs to.
  private var entries: [(id: String, what: String, key: Node)] = []
  private var names: [(name: String, key: String, entry: String, node: Node)] = []

  init(file: String) { self.file = file }

  static let topKeys = ["people", "organizations", "organisations", "sourceRules", "citations"]
  static let personKeys = ["names", "ids", "affiliations", "sites"]
  static let organizationKeys = ["names", "kind", "domains", "relations"]
  static let tieKeys = ["org", "kind", "role", "from", "to", "source"]
  static let ruleKeys = ["match", "labels", "scope", "source", "date"]
  static let matchKeys = ["url"]

  mutating func read(_ root: Node?) -> Registry {
    var registry = Registry(file: file)
    guard let root, !Self.isNull(root) else { return registry }
    let expected = "a mapping of people, organizations, sourceRules and citations"
    guard let top = mapping(root, "Sources.yml", expected: expected) else { return registry }
    let fields = fields(top, known: Self.topKeys, in: "at the top level")
    if let british = fields["organisations"]?.key, let american = fields["organizations"]?.key {
      let later = (british.mark?.line ?? 0) > (american.mark?.line ?? 0) ? british : american
      report(later, "'organizations' and 'organisations' are the same section: use only one")
    }
    for (key, value) in entries(fields["people"]?.value, "people") {
      registry.people.append(readPerson(key: key, value: value))
    }
    for section in ["organizations", "organisations"] {
      for (key, value) in entries(fields[section]?.value, section) {
        registry.organizations.append(readOrganization(key: key, value: value))
      }
    }
    if let rules = fields["sourceRules"]?.value, let list = sequence(rules, "'sourceRules'", of: "rules") {
      registry.sourceRules = list.compactMap { readRule($0) }
    }
    registry.citations = readCitations(fields["citations"]?.value)
    checkReferences(registry)
    checkDuplicates()
    return registry
  }

  // MARK: - Entries

  private mutating func readPerson(key: Node, value: Node) -> Person {
    let id = key.scalar?.string ?? ""
    let what = "person '\(id)'"
    entries.append((id, "person", key))
    var person = Person(id: id, names: [], location: location(key))
    guard let map = mapping(value, what, expected: "a mapping with 'names'") else { return person }
    let fields = fields(map, known: Self.personKeys, in: "in \(what)")
    person.names = readNames(fields["names"]?.value, of: what, at: key)
    if let ids = fields["ids"]?.value, let map = mapping(ids, "'ids' of \(what)", expected: "a mapping") {
      for (name, value) in map {
        guard let name = keyString(name), let text = string(value, "'ids.\(name)' of \(what)") else { continue }
        person.externalIDs[name] = text
      }
    }
    person.affiliations = readTies(fields["affiliations"]?.value, "'affiliations' of \(what)")
    person.sites = strings(fields["sites"]?.value, "'sites' of \(what)", item: "a site")
    return person
  }

  private mutating func readOrganization(key: Node, value: Node) -> Organization {
    let id = key.scalar?.string ?? ""
    let what = "organisation '\(id)'"
    entries.append((id, "organisation", key))
    var organization = Organization(id: id, names: [], location: location(key))
    guard let map = mapping(value, what, expected: "a mapping with 'names'") else { return organization }
    let fields = fields(map, known: Self.organizationKeys, in: "in \(what)")
    organization.names = readNames(fields["names"]?.value, of: what, at: key)
    organization.kind = string(fields["kind"]?.value, "'kind' of \(what)")
    organization.domains = strings(fields["domains"]?.value, "'domains' of \(what)", item: "a domain")
    organization.relations = readTies(fields["relations"]?.value, "'relations' of \(what)")
    return organization
  }

  private mutating func readNames(_ node: Node?, of what: String, at key: Node) -> [String] {
    guard let node, !Self.isNull(node) else {
      report(key, "\(what) has no 'names' (at least one name is required)")
      return []
    }
    let list = strings(node, "'names' of \(what)", item: "a name")
    if list.isEmpty, case .sequence(let items) = node, items.isEmpty {
      report(node, "'names' of \(what) must list at least one name")
    }
    if case .sequence(let items) = node {
      for item in items {
        let key = Self.nameKey(item.scalar?.string ?? "")
        if !key.isEmpty { names.append((item.scalar!.string, key, what, item)) }
      }
    }
    return list
  }

  private mutating func readTies(_ node: Node?, _ what: @autoclosure () -> String) -> [Tie] {
    guard let node, let list = sequence(node, what(), of: "ties") else { return [] }
    var ties: [Tie] = []
    for item in list {
      guard let map = mapping(item, "a tie in \(what())", expected: "a mapping with 'org' and 'kind'") else { continue }
      let fields = fields(map, known: Self.tieKeys, in: "in a tie")
      let org = string(fields["org"]?.value, "'org'")
      let kindText = string(fields["kind"]?.value, "'kind'")
      if Self.isAbsent(fields["org"]?.value) {
        report(item, "a tie has no 'org' (the id of the organisation it points to)")
      }
      if let org, let node = fields["org"]?.value { references.append((org, node)) }
      var kind: Tie.Kind?
      if let kindText, let node = fields["kind"]?.value {
        kind = Tie.Kind(rawValue: kindText)
        if kind == nil {
          let allowed = Tie.Kind.allCases.map(\.rawValue)
          let hint = Self.suggestion(kindText, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
          report(node, "unknown tie kind '\(kindText)'\(hint); expected one of: \(allowed.joined(separator: ", "))")
        }
      } else if Self.isAbsent(fields["kind"]?.value) {
        report(item, "a tie has no 'kind' (employment, founder, competitor, …)")
      }
      let from = date(fields["from"]?.value, "from")
      let to = date(fields["to"]?.value, "to")
      if let from, let to, let node = fields["to"]?.value, Tie.compare(from, to) == .orderedDescending {
        report(node, "'to' \(to) is before 'from' \(from)")
      }
      guard let kind, let org else { continue }
      ties.append(
        Tie(
          kind: kind, organization: org, role: string(fields["role"]?.value, "'role'"), from: from, to: to,
          source: string(fields["source"]?.value, "'source'"), location: location(item)))
    }
    return ties
  }

  private mutating func readRule(_ node: Node) -> SourceRule? {
    guard let map = mapping(node, "a source rule", expected: "a mapping with 'match' and 'labels'") else { return nil }
    let fields = fields(map, known: Self.ruleKeys, in: "in a source rule")
    var url: String?
    if let match = fields["match"]?.value {
      if let matchMap = mapping(match, "'match'", expected: "a mapping such as { url: \"example.org\" }") {
        let matchFields = self.fields(matchMap, known: Self.matchKeys, in: "in 'match'")
        url = string(matchFields["url"]?.value, "'url'")
        if url == nil { report(match, "'match' has no 'url' (the text a page's URL must contain)") }
        if url == "", let node = matchFields["url"]?.value { report(node, "'url' must not be empty") }
      }
    } else {
      report(node, "a source rule has no 'match'")
    }
    let labelsNode = fields["labels"]?.value
    let labels = strings(labelsNode, "'labels'", item: "a label")
    if labelsNode == nil || Self.isNull(labelsNode) || labelsNode?.sequence?.isEmpty == true {
      report(labelsNode ?? node, "a source rule must list at least one label in 'labels'")
    }
    guard let url, !url.isEmpty else { return nil }
    return SourceRule(
      urlContains: url, labels: labels, scope: string(fields["scope"]?.value, "'scope'"),
      source: string(fields["source"]?.value, "'source'"), date: date(fields["date"]?.value, "date"),
      location: location(node))
  }

  // MARK: - Cross-checks

  private mutating func checkReferences(_ registry: Registry) {
    let organizations = Set(registry.organizations.map(\.id))
    let people = Set(registry.people.map(\.id))
    for (id, node) in references where !organizations.contains(id) {
      if people.contains(id) {
        report(node, "'\(id)' is a person: 'org' must be the id of an organisation")
      } else {
        report(node, "unknown organisation '\(id)': no such id under 'organizations'")
      }
    }
  }

  /// Ids used twice, and names (compared without case, accents or extra spaces) used by two entries; each
  /// place is reported, naming the others.
  private mutating func checkDuplicates() {
    for group in Self.repeated(entries.count, by: { entries[$0].id }) {
      for index in group {
        let list = group.filter { $0 != index }.map { "\(entries[$0].what) at \(place(entries[$0].key))" }
        let entry = entries[index]
        report(entry.key, "duplicate id '\(entry.id)': also the id of the \(list.joined(separator: ", the "))")
      }
    }
    for indices in Self.repeated(names.count, by: { names[$0].key }) {
      let group = indices.map { names[$0] }
      guard Set(group.map(\.entry)).count > 1 else { continue }
      for use in group {
        let others = group.filter { $0.entry != use.entry }
        let list = others.map { "\($0.entry) at \(place($0.node))" }.joined(separator: ", ")
        report(use.node, "duplicate name '\(use.name)': also a name of \(list)")
      }
    }
  }

  /// The indices `0..<count` that share a key with another, grouped by key, in index order. Unlike
  /// `Dictionary(grouping:)` it makes no group (and copies no node) for the many keys used once: that
  /// was a tenth of the load time of a 100,000-entry registry.
  private static func repeated(_ count: Int, by key: (Int) -> String) -> [[Int]] {
    var first: [String: Int] = [:]
    first.reserveCapacity(count)
    var groups: [String: [Int]] = [:]
    for index in 0..<count {
      let name = key(index)
      if let earlier = first[name] {
        groups[name, default: [earlier]].append(index)
      } else {
        first[name] = index
      }
    }
    return Array(groups.values)
  }

  /// The key lookups use (`RegistryIndex.key`): names that collide there are reported as duplicates here.
  static func nameKey(_ name: String) -> String { RegistryIndex.key(name) }

  // MARK: - Typed reads

  /// The mapping's fields by key; keys that are not strings or not `known` are reported.
  mutating func fields(_ map: Node.Mapping, known: [String], in what: @autoclosure () -> String) -> [String: (
    key: Node, value: Node
  )] {
    var result: [String: (key: Node, value: Node)] = [:]
    for (key, value) in map {
      guard let name = keyString(key) else { continue }
      if known.contains(name) {
        result[name] = (key, value)
      } else if let close = Self.suggestion(name, among: known) {
        report(key, "unknown key '\(name)' \(what()) (did you mean '\(close)'?)")
      } else {
        report(key, "unknown key '\(name)' \(what()); expected \(Self.list(known))")
      }
    }
    return result
  }

  /// The id-keyed entries of `people` or `organizations` (null is an empty section).
  private mutating func entries(_ node: Node?, _ section: String) -> [(Node, Node)] {
    guard let node, let map = mapping(node, "'\(section)'", expected: "a mapping of ids to entries") else { return [] }
    return map.compactMap { key, value in
      guard let id = keyString(key) else { return nil }
      if id.isEmpty || id.contains(where: \.isWhitespace) {
        report(key, "invalid id '\(id)': ids must be non-empty and without spaces")
      }
      return (key, value)
    }
  }

  mutating func keyString(_ key: Node) -> String? {
    guard case .scalar(let scalar) = key else {
      report(key, "keys must be plain strings, not \(Self.describe(key))")
      return nil
    }
    return scalar.string
  }

  /// A mapping, or nil (null counts as empty); anything else is reported.
  mutating func mapping(_ node: Node, _ what: @autoclosure () -> String, expected: String) -> Node.Mapping? {
    if case .mapping(let map) = node { return map }
    if Self.isNull(node) { return Node.Mapping([]) }
    report(node, "\(what()) must be \(expected), not \(Self.describe(node))")
    return nil
  }

  mutating func sequence(_ node: Node, _ what: @autoclosure () -> String, of items: String) -> Node.Sequence? {
    if case .sequence(let list) = node { return list }
    if Self.isNull(node) { return Node.Sequence([]) }
    report(node, "\(what()) must be a list of \(items), not \(Self.describe(node))")
    return nil
  }

  /// A scalar's text as written, nil when absent or null; anything else is reported.
  mutating func string(_ node: Node?, _ what: @autoclosure () -> String) -> String? {
    guard let node, !Self.isNull(node) else { return nil }
    guard case .scalar(let scalar) = node else {
      report(node, "\(what()) must be a string, not \(Self.describe(node))")
      return nil
    }
    return scalar.string
  }

  /// A list of non-empty strings (absent or null: empty).
  private mutating func strings(_ node: Node?, _ what: @autoclosure () -> String, item: String) -> [String] {
    guard let node, let list = sequence(node, what(), of: "strings") else { return [] }
    var result: [String] = []
    for element in list {
      guard let text = string(element, "\(item) in \(what())") else {
        if Self.isNull(element) { report(element, "\(item) in \(what()) must not be empty") }
        continue
      }
      if text.trimmingWhitespace().isEmpty {
        report(element, "\(item) in \(what()) must not be empty")
      } else {
        result.append(text)
      }
    }
    return result
  }

  /// An ISO date as written (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); anything else is reported.
  mutating func date(_ node: Node?, _ key: String) -> String? {
    guard let text = string(node, "'\(key)'"), let node else { return nil }
    guard Self.isISODate(text) else {
      report(node, "invalid date '\(text)' in '\(key)': expected YYYY, YYYY-MM or YYYY-MM-DD")
      return nil
    }
    return text
  }

  static func isISODate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].utf8.count == 4, parts.dropFirst().allSatisfy({ $0.utf8.count == 2 }),
      parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
    else { return false }
    let year = Int(parts[0])!
    guard parts.count > 1 else { return true }
    let month = Int(parts[1])!
    guard (1...12).contains(month) else { return false }
    guard parts.count > 2 else { return true }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return (1...days).contains(Int(parts[2])!)
  }

  // MARK: - Helpers

  /// The closest of `candidates` within two edits (ignoring case), for "did you mean".
  static func suggestion(_ word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
    return best.0
  }

  /// Edits (insertions, deletions, substitutions, swaps of neighbours) from `a` to `b`: `domian` → `domain` is 1.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    guard !x.isEmpty, !y.isEmpty else { return max(x.count, y.count) }
    var rows = [Array(0...y.count), Array(0...y.count), Array(0...y.count)]  // i-2, i-1, i
    for i in 1...x.count {
      rows[2][0] = i
      for j in 1...y.count {
        var d = min(rows[1][j] + 1, rows[2][j - 1] + 1, rows[1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, rows[0][j - 2] + 1) }
        rows[2][j] = d
      }
      rows = [rows[1], rows[2], rows[0]]
    }
    return rows[1][y.count]
  }

  static func isAbsent(_ node: Node?) -> Bool { node == nil || isNull(node) }

  static func isNull(_ node: Node?) -> Bool {
    if case .scalar(let scalar)? = node { return isNull(scalar) }
    return false
  }

  static func isNull(_ scalar: Node.Scalar) -> Bool {
    scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  static func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar) where isNull(scalar): return "null"
    case .scalar(let scalar):
      let shown = scalar.string.count > 40 ? String(scalar.string.prefix(37)) + "..." : scalar.string
      return "the single value '\(shown)'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  static func list(_ words: [String]) -> String {
    let quoted = words.map { "'\($0)'" }
    return quoted.count < 2 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
  }

  func location(_ node: Node) -> RegistryLocation {
    RegistryLocation(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  func place(_ node: Node) -> String { "\(node.mark?.line ?? 1):\(node.mark?.column ?? 1)" }

  mutating func report(_ node: Node, _ message: String) {
    let at = location(node)
    problems.append(RegistryProblem(file: file, line: at.line, column: at.column, message: message))
  }
}
