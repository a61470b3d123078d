import Foundation

/// A JSON Schema (draft 2020-12) validator for the small subset Verbatim's output contracts use: `type`
/// (a name or a list, `null` included), `properties`, `required`, `additionalProperties` (a boolean, or a lone
/// `$ref` every other member must satisfy, for maps keyed by ids), `items`,
/// `enum`, `const`, `minimum`, `$ref` to `#/$defs/…` and `$defs`, plus the annotations `$schema`, `$id`,
/// `title`, `description` and `$comment`.
///
/// Exists so tests can hold the renderers to `docs/*.schema.json` without a dependency. Any other keyword
/// makes `init` throw: a schema cannot silently rely on a rule this validator would ignore. Values are those
/// of `JSONSerialization` (where Linux gives booleans as `NSNumber`s) or plain Swift values.
public struct JSONSchemaValidator {
  /// Why a schema cannot be used, with where in the schema (`#/$defs/quote/properties/id`).
  public struct SchemaError: Error, CustomStringConvertible {
    public var location: String
    public var message: String
    public var description: String { "\(location): \(message)" }
  }

  private let root: Schema
  private let definitions: [String: Schema]

  public init(schema: Any) throws {
    guard case .object(let top) = Value(schema) else {
      throw SchemaError(location: "#", message: "a schema must be an object")
    }
    var definitions: [String: Schema] = [:]
    if case .object(let defs)? = top["$defs"] {
      for (name, definition) in defs.sorted(by: { $0.key < $1.key }) {
        definitions[name] = try Schema(definition, at: "#/$defs/" + escapePointer(name))
      }
    }
    root = try Schema(.object(top), at: "#", isRoot: true)
    self.definitions = definitions
    try checkReferences()
  }

  /// Every way `value` breaks the schema, each as `$.path: message`; empty when it conforms.
  public func validate(_ value: Any) -> [String] {
    var errors: [String] = []
    check(Value(value), against: root, at: "$", into: &errors)
    return errors
  }

  // MARK: - Validation

  private func check(_ value: Value, against schema: Schema, at path: String, into errors: inout [String]) {
    if let reference = schema.reference, let target = definitions[reference] {
      check(value, against: target, at: path, into: &errors)
    }
    if let types = schema.types, !types.contains(where: { value.hasType($0) }) {
      errors.append("\(path): expected \(types.joined(separator: " or ")), found \(value.typeName) \(value.brief)")
      return  // the other keywords would only repeat the mismatch
    }
    if let constant = schema.constant, value != constant {
      errors.append("\(path): \(value.brief) is not the constant \(constant.brief)")
    }
    if let allowed = schema.allowed, !allowed.contains(value) {
      errors.append("\(path): \(value.brief) is not one of [\(allowed.map(\.brief).joined(separator: ", "))]")
    }
    if let minimum = schema.minimum, case .number(let number) = value, number < minimum {
      errors.append("\(path): \(value.brief) is less than the minimum \(Value.number(minimum).brief)")
    }
    if case .object(let members) = value {
      for name in schema.required where members[name] == nil {
        errors.append("\(Self.path(path, key: name)): required property is missing")
      }
      for (name, member) in members.sorted(by: { $0.key < $1.key }) {
        if let property = schema.properties[name] {
          check(member, against: property, at: Self.path(path, key: name), into: &errors)
        } else if let additional = schema.additionalSchema {
          check(member, against: additional, at: Self.path(path, key: name), into: &errors)
        } else if schema.additionalProperties == false {
          errors.append("\(Self.path(path, key: name)): property is not allowed (additionalProperties is false)")
        }
      }
    }
    if case .array(let elements) = value, let items = schema.items {
      for (index, element) in elements.enumerated() {
        check(element, against: items, at: "\(path)[\(index)]", into: &errors)
      }
    }
  }

  /// `$.a.b` for identifier-like keys, `$.a["odd key"]` otherwise.
  private static func path(_ base: String, key: String) -> String {
    func isLetter(_ scalar: Unicode.Scalar) -> Bool {
      scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
    let scalars = key.unicodeScalars
    let plain =
      scalars.first.map(isLetter) == true && scalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    return plain ? "\(base).\(key)" : "\(base)[\(Value.string(key).brief)]"
  }

  /// Every `$ref` names a definition, and no definition refers back to itself through `$ref`s alone
  /// (which would recurse without reading any of the value).
  private func checkReferences() throws {
    var all: [Schema] = [root] + definitions.sorted { $0.key < $1.key }.map(\.value)
    while let schema = all.popLast() {
      if let reference = schema.reference, definitions[reference] == nil {
        throw SchemaError(location: schema.location, message: "$ref target #/$defs/\(reference) does not exist")
      }
      all.append(contentsOf: schema.properties.sorted { $0.key < $1.key }.map(\.value))
      if let items = schema.items { all.append(items) }
      if let additional = schema.additionalSchema { all.append(additional) }
    }
    for (name, definition) in definitions.sorted(by: { $0.key < $1.key }) {
      var seen: Set<String> = [name]
      var next = definition.reference
      while let current = next {
        guard seen.insert(current).inserted else {
          throw SchemaError(location: definition.location, message: "$ref cycle through #/$defs/\(current)")
        }
        next = definitions[current]?.reference
      }
    }
  }
}

/// One schema object, its keywords checked and parsed.
private final class Schema {
  static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$comment"]
  static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]

  let location: String
  var types: [String]?
  var properties: [String: Schema] = [:]
  var required: [String] = []
  var additionalProperties = true
  /// The schema of members not named in `properties`, when `additionalProperties` is a `$ref`.
  var additionalSchema: Schema?
  var items: Schema?
  var allowed: [Value]?
  var constant: Value?
  var minimum: Double?
  /// The definition name of a `#/$defs/name` reference.
  var reference: String?

  init(_ value: Value, at location: String, isRoot: Bool = false) throws {
    self.location = location
    func fail(_ message: String) -> JSONSchemaValidator.SchemaError {
      JSONSchemaValidator.SchemaError(location: location, message: message)
    }
    guard case .object(let keywords) = value else { throw fail("a schema must be an object") }
    for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) {
      let here = location + "/" + keyword
      switch keyword {
      case _ where Self.annotations.contains(keyword):
        guard case .string = argument else { throw fail("\(keyword) must be a string") }
      case "type":
        let names: [Value]
        if case .array(let list) = argument { names = list } else { names = [argument] }
        let list = try names.map { name in
          guard case .string(let text) = name, Self.typeNames.contains(text) else {
            throw fail("unknown type \(name.brief)")
          }
          return text
        }
        guard !list.isEmpty, Set(list).count == list.count else { throw fail("type must list distinct types") }
        types = list
      case "properties":
        guard case .object(let members) = argument else { throw fail("properties must be an object") }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
          properties[name] = try Schema(member, at: here + "/" + escapePointer(name))
        }
      case "required":
        guard case .array(let names) = argument else { throw fail("required must be an array of strings") }
        required = try names.map { name in
          guard case .string(let text) = name else { throw fail("required must be an array of strings") }
          return text
        }
        if Set(required).count != required.count { throw fail("required lists a property twice") }
      case "additionalProperties":
        switch argument {
        case .bool(let flag): additionalProperties = flag
        case .object(let members) where members.count == 1 && members["$ref"] != nil:
          additionalSchema = try Schema(argument, at: here)
        default:
          throw fail(##"unsupported: additionalProperties must be a boolean or {"$ref": "#/$defs/name"}"##)
        }
      case "items":
        items = try Schema(argument, at: here)
      case "enum":
        guard case .array(let values) = argument, !values.isEmpty else { throw fail("enum must be a non-empty array") }
        allowed = values
      case "const":
        constant = argument
      case "minimum":
        guard case .number(let number) = argument else { throw fail("minimum must be a number") }
        minimum = number
      case "$ref":
        let prefix = "#/$defs/"
        guard case .string(let target) = argument, target.hasPrefix(prefix) else {
          throw fail("unsupported $ref \(argument.brief): only #/$defs/name is supported")
        }
        let name = String(target.dropFirst(prefix.count))
        guard !name.isEmpty, !name.contains("/") else {
          throw fail("unsupported $ref \(argument.brief): only #/$defs/name is supported")
        }
        reference = name.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      case "$defs":
        guard isRoot else { throw fail("unsupported: $defs is only supported at the root") }
        guard case .object = argument else { throw fail("$defs must be an object") }
      default:
        throw fail("unsupported keyword \(Value.string(keyword).brief)")
      }
    }
  }
}

/// A JSON value, with booleans told apart from numbers.
private enum Value: Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([Value])
  case object([String: Value])
  /// Something JSON cannot hold (a `Date`, a custom type), named by its type.
  case foreign(String)

  /// The class of `NSNumber(value: true)`: `JSONSerialization` booleans (`__NSCFBoolean` on both Darwin and
  /// Linux), where `1 as? Bool` and `true as? Int` both succeed and cannot tell them apart.
  private static let booleanClass: AnyClass = type(of: NSNumber(value: true))

  init(_ any: Any) {
    switch any {
    case is NSNull: self = .null
    case let bool as Bool where type(of: any) == Bool.self: self = .bool(bool)
    case let number as NSNumber where Self.isBoolean(number): self = .bool(number.boolValue)
    case let string as String: self = .string(string)
    case let number as NSNumber: self = .number(number.doubleValue)
    case let array as [Any]: self = .array(array.map(Value.init))
    case let object as [String: Any]: self = .object(object.mapValues(Value.init))
    default:
      if let optional = any as? any OptionalValue {
        self = optional.wrappedAny.map(Value.init) ?? .null
      } else {
        self = .foreign(String(describing: type(of: any)))
      }
    }
  }

  private static func isBoolean(_ number: NSNumber) -> Bool {
    if booleanClass != NSNumber.self { return type(of: number) == booleanClass }
    return String(cString: number.objCType) == "c"
  }

  func hasType(_ name: String) -> Bool {
    switch (name, self) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
      ("number", .number):
      return true
    case ("integer", .number(let number)): return number.rounded(.towardZero) == number && number.isFinite
    default: return false
    }
  }

  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number(let number): number.rounded(.towardZero) == number ? "integer" : "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    case .foreign: "non-JSON value"
    }
  }

  /// The value as JSON, shortened: strings quoted, containers summarised.
  var brief: String {
    switch self {
    case .null: return "null"
    case .bool(let bool): return bool ? "true" : "false"
    case .number(let number):
      if number.rounded(.towardZero) == number, abs(number) < 1e15 { return String(Int64(number)) }
      return String(number)
    case .string(let string):
      let shown = string.count > 60 ? String(string.prefix(57)) + "..." : string
      var out = "\""
      for scalar in shown.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out + "\""
    case .array(let elements): return "[\(elements.count) items]"
    case .object(let members): return "{\(members.count) keys}"
    case .foreign(let name): return "of type \(name)"
    }
  }
}

/// A definition name as a JSON Pointer token (`~` → `~0`, `/` → `~1`), for locations in schema errors.
private func escapePointer(_ name: String) -> String {
  name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

/// Lets `Value.init` unwrap an `Optional` passed as `Any` (a `nil` in a Swift dictionary literal is JSON null).
private protocol OptionalValue { var wrappedAny: Any? { get } }
extension Optional: OptionalValue {
  fileprivate var wrappedAny: Any? { self.map { $0 as Any } }
}
