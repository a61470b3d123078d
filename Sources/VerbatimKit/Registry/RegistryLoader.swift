import Foundation
internal import Yams

/// One thing wrong with `Sources.yml`, where it was written (1-based line and column, columns counted in
/// Unicode scalars like the YAML parser's), worded for `FILE:LINE:COLUMN: error: MESSAGE`.
public struct RegistryProblem: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `FILE:LINE:COLUMN: error: MESSAGE`, the format editors and CI annotators recognise.
  public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Every problem found in one `Sources.yml`, in file order. A registry with any problem is refused as a
/// whole: a half-read registry would silently drop ties and conflicts of interest.
public struct RegistryErrors: Error, Sendable, CustomStringConvertible {
  public var problems: [RegistryProblem]

  public init(_ problems: [RegistryProblem]) { self.problems = problems }

  public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads `Sources.yml` strictly: YAML syntax, unknown keys, types, tie kinds, references, dates, duplicate
/// ids and names are all checked, and every problem found is reported with its line and column.
///
/// Exists because the registry is evidence: a typo such as `afiliations` must stop the run, not quietly
/// remove a conflict of interest. Hostile files are refused before any YAML parser sees them: anchors and
/// aliases (no alias bomb is ever expanded), deep nesting and files over 32 MB.
public enum RegistryLoader {
  /// Files above this size are refused unread: 100,000 entries written out take about 10 MB.
  public static let maximumBytes = 32 * 1024 * 1024
  /// Collections nested deeper than this are refused.
  public static let maximumDepth = 32

  public static func load(path: String) -> Result<Registry, RegistryErrors> {
    switch FileBytes.read(path: path, limit: maximumBytes) {
    case .failure(.tooLarge(let size)):
      return .failure(RegistryErrors([tooLarge(size, file: path)]))
    case .failure(.system(let reason)):
      return .failure(
        RegistryErrors([RegistryProblem(file: path, line: 1, column: 1, message: "cannot read the file: \(reason)")]))
    case .success(let bytes):
      guard let text = String(validating: bytes, as: UTF8.self) else {
        let (line, column) = invalidUTF8Position(bytes)
        return .failure(
          RegistryErrors([RegistryProblem(file: path, line: line, column: column, message: "not valid UTF-8 text")]))
      }
      return load(bytes: bytes, text: text, file: path)
    }
  }

  public static func load(text: String, file: String) -> Result<Registry, RegistryErrors> {
    load(bytes: Array(text.utf8), text: text, file: file)
  }

  private static func load(bytes: [UInt8], text: String, file: String) -> Result<Registry, RegistryErrors> {
    switch compose(bytes: bytes, text: text, file: file) {
    case .failure(let errors):
      return .failure(errors)
    case .success(let root):
      var reader = RegistryReader(file: file)
      let registry = reader.read(root)
      let problems = reader.problems
      return problems.isEmpty ? .success(registry) : .failure(RegistryErrors(sorted(problems)))
    }
  }

  /// The file's YAML as plain values (strings as written, `NSNull`, arrays, dictionaries), after the same
  /// safety checks as `load`; for checking the file against `docs/registry.schema.json`.
  static func plainValues(text: String, file: String) -> Result<Any, RegistryErrors> {
    compose(bytes: Array(text.utf8), text: text, file: file).map { root in root.map(plain) ?? NSNull() }
  }

  private static func plain(_ node: Node) -> Any {
    switch node {
    case .scalar(let scalar): return RegistryReader.isNull(scalar) ? NSNull() : scalar.string
    case .sequence(let sequence): return sequence.map(plain)
    case .mapping(let mapping):
      return Dictionary(mapping.map { ($0.key.scalar?.string ?? "", plain($0.value)) }) { first, _ in first }
    case .alias: return NSNull()
    }
  }

  /// The composed tree, once size, anchors, nesting and syntax have been checked.
  private static func compose(bytes: [UInt8], text: String, file: String) -> Result<Node?, RegistryErrors> {
    func fail(_ line: Int, _ column: Int, _ message: String) -> Result<Node?, RegistryErrors> {
      .failure(RegistryErrors([RegistryProblem(file: file, line: line, column: column, message: message)]))
    }
    if bytes.count > maximumBytes { return .failure(RegistryErrors([tooLarge(bytes.count, file: file)])) }
    let (finding, deepest) = RegistryYAMLGuard.scan(bytes)
    switch finding {
    case .anchor(let line, let column)?:
      return fail(line, column, "anchors and aliases are not supported in Sources.yml (write each value out)")
    case .tooDeep(let line, let column)?:
      return fail(line, column, depthMessage)
    case nil:
      break
    }
    let root: Node?
    do {
      // `.basic`: scalars are read as written, so no type is resolved; resolving them (a regular
      // expression per scalar, for every key hashed in the duplicate-key check) was most of the
      // load time of a 100,000-entry registry.
      root = try Yams.compose(yaml: text, .basic, .default, .utf8)
    } catch let error as YamlError {
      let (line, column, message) = describe(error, bytes: bytes)
      return fail(line, column, message)
    } catch {
      return fail(1, 1, "invalid YAML: \(error)")
    }
    // The guard's estimate never falls below the real nesting: only a text it estimates near the limit
    // is walked to find the exact depth (walking every node was a tenth of a large registry's load).
    if deepest >= maximumDepth, let root, let (line, column) = tooDeep(root, depth: 1) {
      return fail(line, column, depthMessage)
    }
    return .success(root)
  }

  private static let depthMessage =
    "nesting deeper than \(maximumDepth) levels is not supported in Sources.yml"

  private static func tooLarge(_ size: Int, file: String) -> RegistryProblem {
    RegistryProblem(
      file: file, line: 1, column: 1,
      message: "the file is \(size) bytes; Sources.yml files larger than 32 MB are refused")
  }

  /// Where the first collection nested deeper than `maximumDepth` starts, if any, in document order.
  /// Recursive without risk: `RegistryYAMLGuard` has refused anything nested deeper than twice the limit
  /// (and no stack of copied nodes is built: copying every node was a tenth of a large registry's load).
  private static func tooDeep(_ node: Node, depth: Int) -> (Int, Int)? {
    switch node {
    case .mapping(let mapping):
      if depth > maximumDepth { return (node.mark?.line ?? 1, node.mark?.column ?? 1) }
      for (key, value) in mapping {
        if let found = tooDeep(key, depth: depth + 1) ?? tooDeep(value, depth: depth + 1) { return found }
      }
    case .sequence(let sequence):
      if depth > maximumDepth { return (node.mark?.line ?? 1, node.mark?.column ?? 1) }
      for child in sequence {
        if let found = tooDeep(child, depth: depth + 1) { return found }
      }
    case .scalar, .alias: break
    }
    return nil
  }

  private static func describe(_ error: YamlError, bytes: [UInt8]) -> (Int, Int, String) {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let during = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
      return (mark.line, mark.column, "invalid YAML: \(problem)\(during)")
    case .reader(let problem, let offset, _, _):
      let (line, column) = position(ofByte: offset ?? 0, in: bytes)
      return (line, column, "invalid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
      return (context.mark.line, context.mark.column, "duplicate key \(keys): a key may appear only once in a mapping")
    default:
      return (1, 1, "invalid YAML: \(error)")
    }
  }

  private static func sorted(_ problems: [RegistryProblem]) -> [RegistryProblem] {
    problems.enumerated().sorted { a, b in
      (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
    }.map(\.element)
  }

  /// Line and column (in Unicode scalars) of a byte offset.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
    var line = 1
    var column = 1
    for byte in bytes.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  private static func invalidUTF8Position(_ bytes: [UInt8]) -> (Int, Int) {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var line = 1
    var column = 1
    while case .scalarValue(let scalar) = decoder.decode(&iterator) {
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
