import Testing

@testable import VerbatimKit

private func one(_ text: String) -> JSONValue? {
  let values = LenientJSON.parseAll(text)
  return values.count == 1 ? values[0] : nil
}

private func obj(_ members: (String, JSONValue)...) -> JSONValue { .object(members) }

// MARK: - Strict JSON basics

@Test func parsesPlainObject() {
  let v = one(#"{"name": "Ada", "age": 36, "ok": true, "no": false, "nil": null, "list": [1, "two"]}"#)
  #expect(
    v
      == obj(
        ("name", .string("Ada")), ("age", .number(36)), ("ok", .bool(true)), ("no", .bool(false)),
        ("nil", .null), ("list", .array([.number(1), .string("two")]))))
}

@Test func preservesKeyOrderAndDuplicates() {
  let v = one(#"{"z": 1, "a": 2, "m": 3, "a": 4}"#)
  #expect(v?.objectValue?.map(\.0) == ["z", "a", "m", "a"])
  #expect(v?["a"] == .number(2))  // first matching key
  #expect(v?["missing"] == nil)
  #expect(JSONValue.string("x")["a"] == nil)
}

@Test func numbers() {
  let v = one("[0, -1, 42, 3.5, -2.25e3, 1E2, 1e-2, 2.5E+1, 12345678901234567890, -0.0, 007, 9007199254740993]")
  let expected: [Double] = [
    0, -1, 42, 3.5, -2250, 100, 0.01, 25, 12_345_678_901_234_567_168, 0, 7, 9_007_199_254_740_992,
  ]
  #expect(v == .array(expected.map { .number($0) }))
  #expect(JSONValue.number(42).stringValue == "42")
  #expect(JSONValue.number(-2250).stringValue == "-2250")
  #expect(JSONValue.number(3.5).stringValue == "3.5")
  #expect(JSONValue.number(0.01).stringValue == "0.01")
}

@Test func lenientNumbers() {
  #expect(
    one("[.5, 5., +3, -.25, 1e]")
      == .array([
        .number(0.5), .number(5), .number(3), .number(-0.25),
        .number(1), .string("e"),
      ]))
}

@Test func unicodeEscapes() {
  #expect(one(#""\ud83d\ude00""#) == .string("😀"))
  #expect(one(#""\u00e9\u00E9 \u4e2d \u0041""#) == .string("éé 中 A"))
  #expect(one(#""caf\u00e9 😀 raw""#) == .string("café 😀 raw"))
  #expect(one(#""\n\t\r\b\f\/\\\"""#) == .string("\n\t\r\u{8}\u{C}/\\\""))
}

@Test func loneSurrogatesBecomeReplacementCharacter() {
  #expect(one(#""\uD83D""#) == .string("\u{FFFD}"))
  #expect(one(#""a\uD83Db""#) == .string("a\u{FFFD}b"))
  #expect(one(#""\uDE00x""#) == .string("\u{FFFD}x"))
  #expect(one(#""\uD83D\u0041""#) == .string("\u{FFFD}A"))
}

// MARK: - Leniencies

@Test func rawControlCharactersInStrings() {
  let v = one("{\"description\": \"line one\nline two\tend\r\n\"}")
  #expect(v?["description"] == .string("line one\nline two\tend\r\n"))
}

@Test func trailingCommas() {
  #expect(
    one(#"{"a": [1, 2,], "b": {"c": 3,},}"#)
      == obj(("a", .array([.number(1), .number(2)])), ("b", obj(("c", .number(3))))))
  #expect(one("[1,,2,]") == .array([.number(1), .number(2)]))
}

@Test func lineAndBlockComments() {
  let text = """
    // leading comment
    { /* block
       comment */ "a": 1, // trailing
      "url": "http://example.com/path" /* after */ }
    """
  #expect(one(text) == obj(("a", .number(1)), ("url", .string("http://example.com/path"))))
}

@Test func htmlCommentWrapper() {
  #expect(one("<!--\n{\"@type\": \"Thing\"}\n-->") == obj(("@type", .string("Thing"))))
}

@Test func cdataWrappers() {
  #expect(one("//<![CDATA[\n{\"a\": 1}\n//]]>") == obj(("a", .number(1))))
  #expect(one("<![CDATA[{\"a\": [1]}]]>") == obj(("a", .array([.number(1)]))))
  #expect(one("/*<![CDATA[*/ {\"a\": 2} /*]]>*/") == obj(("a", .number(2))))
}

@Test func concatenatedValues() {
  #expect(LenientJSON.parseAll(#"{"a":1}{"b":2}"#) == [obj(("a", .number(1))), obj(("b", .number(2)))])
  #expect(LenientJSON.parseAll("{\"a\":1}\n[2]\n{\"b\":3}").count == 3)
}

@Test func semicolonSeparatedValues() {
  #expect(LenientJSON.parseAll(#"{"a":1}; {"b":2};"#) == [obj(("a", .number(1))), obj(("b", .number(2)))])
}

@Test func singleQuotedStrings() {
  #expect(one(#"{'name': 'Bob', "x": 'say "hi"'}"#) == obj(("name", .string("Bob")), ("x", .string("say \"hi\""))))
}

@Test func escapedApostrophe() {
  #expect(one(#"{"t": "it\'s", 'u': 'don\'t'}"#) == obj(("t", .string("it's")), ("u", .string("don't"))))
}

@Test func htmlEntitiesAreLeftAlone() {
  #expect(
    one(#"{"name": "Tom &amp; Jerry &#39;s &quot;show&quot;"}"#)?["name"]
      == .string("Tom &amp; Jerry &#39;s &quot;show&quot;"))
}

@Test func invalidEscapesKeepTheCharacter() {
  #expect(one(#""a\xb\qc\é\u12""#) == .string("axbqcéu12"))
}

@Test func byteOrderMark() {
  #expect(one("\u{FEFF}{\"a\": 1}") == obj(("a", .number(1))))
  #expect(LenientJSON.parseAll(bytes: [0xEF, 0xBB, 0xBF] + Array("[true]".utf8)) == [.array([.bool(true)])])
}

@Test func nanInfinityAndFriends() {
  #expect(
    one("[NaN, Infinity, -Infinity, undefined, True, None]")
      == .array([.null, .null, .null, .null, .bool(true), .null]))
}

@Test func unquotedKeysAndBareWords() {
  #expect(
    one("{name: 'X', @type: Person, count: 2}")
      == obj(("name", .string("X")), ("@type", .string("Person")), ("count", .number(2))))
}

@Test func missingCommasAndValues() {
  #expect(
    one("{\"a\": 1\n\"b\": [1 2 3]}") == obj(("a", .number(1)), ("b", .array([.number(1), .number(2), .number(3)]))))
  #expect(one(#"{"a": , "b": 2, "c"}"#) == obj(("a", .null), ("b", .number(2)), ("c", .null)))
}

@Test func unescapedQuotesInsideStrings() {
  #expect(
    one(#"{"name": "The "Best" Book", "n": 1}"#) == obj(("name", .string(#"The "Best" Book"#)), ("n", .number(1))))
}

@Test func truncatedInputIsClosed() {
  #expect(
    one(#"{"a": [1, {"b": "unterminated"#) == obj(("a", .array([.number(1), obj(("b", .string("unterminated")))]))))
}

@Test func mismatchedAndStrayClosers() {
  #expect(one(#"{"a": [1, 2}"#) == obj(("a", .array([.number(1), .number(2)]))))
  #expect(LenientJSON.parseAll(#"{"a": 1}}]"#) == [obj(("a", .number(1)))])
  #expect(one(#"[1, }, 2]"#) == .array([.number(1), .number(2)]))
}

@Test func garbageAroundValues() {
  #expect(LenientJSON.parseAll("window.x = {\"a\": 1}; </script>") == [obj(("a", .number(1)))])
  #expect(LenientJSON.parseAll("").isEmpty)
  #expect(LenientJSON.parseAll("   \n ").isEmpty)
  #expect(LenientJSON.parse("no json here") == nil)
  #expect(one("{\"a\": <>, \"b\": 1}") == obj(("a", .null), ("b", .number(1))))
}

@Test func unicodeWhitespace() {
  #expect(one("{\u{00A0}\"a\":\u{2028}1\u{200B}}") == obj(("a", .number(1))))
}

// MARK: - Limits

@Test func deepNestingFailsWithoutCrashing() {
  #expect(LenientJSON.parseAll(String(repeating: "[", count: 10_000)).isEmpty)
  #expect(LenientJSON.parseAll(String(repeating: "{\"a\":", count: 10_000)).isEmpty)
  let balanced = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
  #expect(LenientJSON.parseAll(balanced).isEmpty)
}

@Test func nestingLimitIsExactly512() {
  let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
  let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
  #expect(LenientJSON.parse(ok) != nil)
  #expect(LenientJSON.parse(tooDeep) == nil)
}

@Test func recoversAfterTooDeepValue() {
  let deep = String(repeating: "[", count: 600) + "\"]\"" + String(repeating: "]", count: 600)
  #expect(LenientJSON.parseAll(deep + " {\"a\": 1}") == [obj(("a", .number(1)))])
}

@Test func bigInputParses() {
  var parts: [String] = []
  var size = 0
  while size < 2_000_000 {
    let item = #"{"@type": "Thing", "id": \#(parts.count), "name": "item \#(parts.count) \u00e9", "v": 1.5}"#
    size += item.utf8.count + 1
    parts.append(item)
  }
  let text = "[" + parts.joined(separator: ",") + "]"
  let values = LenientJSON.parseAll(text)
  #expect(values.count == 1)
  let items = values.first?.arrayValue ?? []
  #expect(items.count == parts.count)
  #expect(items.last?["id"]?.stringValue == String(parts.count - 1))
  #expect(items.first?["name"] == .string("item 0 é"))
}

// MARK: - Accessors

@Test func accessors() {
  #expect(JSONValue.null.arrayValue.isEmpty)
  #expect(JSONValue.array([.number(1)]).arrayValue == [.number(1)])
  #expect(JSONValue.string("x").arrayValue == [.string("x")])
  #expect(JSONValue.bool(true).stringValue == nil)
  #expect(JSONValue.string("x").objectValue == nil)
  #expect(JSONValue.number(1e20).stringValue == "1e+20")
}

@Test func hashable() {
  let a = one(#"{"a": [1, {"b": null}], "c": "d"}"#)
  let b = one(#"{ "a" : [ 1 , { "b" : null } ] , "c" : "d" }"#)
  #expect(a == b)
  #expect(Set([a, b]).count == 1)
  #expect(one(#"{"a": 1, "b": 2}"#) != one(#"{"b": 2, "a": 1}"#))
}

@Test func everyTruncationParsesWithoutCrashing() {
  let fixture = Array(
    ##"<!-- {"@graph": [{'@type': "Article", "n": -1.5e3, "s": "a\u00e9\ud83d\ude00\x", /* c */ "t": [1,,2,],}]} -->"##
      .utf8)
  for end in 0...fixture.count {
    let values = LenientJSON.parseAll(bytes: Array(fixture[..<end]))
    #expect(values.count <= 1)
  }
  #expect(LenientJSON.parseAll(bytes: fixture).first?["@graph"]?.arrayValue.first?["s"] == .string("aé😀x"))
}
