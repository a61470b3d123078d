import Foundation
import Testing

@testable import VerbatimKit

@Suite("TextDirective")
struct TextDirectiveTests {
  static let epoch =
    "https://epoch.ai/blog/how-much-does-it-cost-to-train-frontier-ai-models#:~:text=The%20cost%20of%20training%20frontier,a%20billion%20dollars%20by%202027."

  @Test("real-world range directive") func epochRange() {
    let directives = TextDirective.parse(url: Self.epoch)
    #expect(directives == [TextDirective(start: "The cost of training frontier", end: "a billion dollars by 2027.")])
    #expect(directives.first?.prefix == nil)
    #expect(directives.first?.suffix == nil)
    #expect(directives.first?.displayText == "The cost of training frontier … a billion dollars by 2027.")
    #expect(TextDirective.elementID(url: Self.epoch) == nil)
  }

  @Test(
    "valid directive shapes",
    arguments: [
      ("https://example.com#:~:text=an-,example,-text", TextDirective(prefix: "an", start: "example", suffix: "text")),
      ("#:~:text=example", TextDirective(start: "example")),
      ("#:~:text=an-,example", TextDirective(prefix: "an", start: "example")),
      ("#:~:text=example,-text", TextDirective(start: "example", suffix: "text")),
      ("#:~:text=s,e", TextDirective(start: "s", end: "e")),
      ("#:~:text=p-,s,e", TextDirective(prefix: "p", start: "s", end: "e")),
      ("#:~:text=s,e,-x", TextDirective(start: "s", end: "e", suffix: "x")),
      ("#:~:text=p-,s,e,-x", TextDirective(prefix: "p", start: "s", end: "e", suffix: "x")),
      ("#:~:text=a%2Cb%2Dc", TextDirective(start: "a,b-c")),
      ("#:~:text=a%2cb%2dc", TextDirective(start: "a,b-c")),
      ("#:~:text=x%2D-,mid,-%2Cy", TextDirective(prefix: "x-", start: "mid", suffix: ",y")),
      ("#:~:text=caf%C3%A9", TextDirective(start: "café")),
      ("#:~:text=café", TextDirective(start: "café")),
      ("#:~:text=%E2%80%94dash", TextDirective(start: "—dash")),
      ("#:~:text=a+b", TextDirective(start: "a+b")),
      ("#:~:text=50%25", TextDirective(start: "50%")),
      ("#:~:text=a%26b", TextDirective(start: "a&b")),
      ("#:~:text=a:~:b", TextDirective(start: "a:~:b")),
      ("#:~:text=a=b", TextDirective(start: "a=b")),
      (":~:text=bare", TextDirective(start: "bare")),
      ("sec:~:text=bare", TextDirective(start: "bare")),
    ])
  func validShapes(url: String, expected: TextDirective) {
    #expect(TextDirective.parse(url: url) == [expected])
  }

  @Test(
    "invalid directives are dropped",
    arguments: [
      "#:~:text=a-b",  // literal hyphen in the start
      "#:~:text=a,b-c",  // literal hyphen in the end
      "#:~:text=a,b,c,d,e",  // five pieces
      "#:~:text=p-,a,b,c,-s",  // five pieces even with prefix and suffix
      "#:~:text=a,b,c",  // three pieces without prefix or suffix
      "#:~:text=a,b,c,d",  // four pieces without prefix or suffix
      "#:~:text=p-,a,b,c",  // three remain after the prefix
      "#:~:text=,b",  // empty start
      "#:~:text=a,",  // empty end
      "#:~:text=a,,b",  // empty middle piece
      "#:~:text=",  // nothing at all
      "#:~:text=%ZZ",  // bad escape
      "#:~:text=a%2",  // truncated escape
      "#:~:text=a%",  // lone percent
      "#:~:text=%FF",  // invalid UTF-8
      "#:~:text=%C3",  // truncated UTF-8 sequence
      "#:~:text=%C3%28",  // invalid continuation byte
      "#:~:text=-,x",  // empty prefix
      "#:~:text=x,-",  // empty suffix
      "#:~:text=a-",  // prefix with nothing after it
      "#:~:text=-a",  // suffix with nothing before it
      "#:~:text=a-,-b",  // prefix and suffix but no start
      "#:~:text=a--,b",  // prefix still contains a hyphen
      "#:~:text=-a-",  // prefix "-a" contains a hyphen
      "#:~:text=a,--b",  // suffix still contains a hyphen
      "#:~:text=p-,%ZZ",  // bad escape in the start after a valid prefix
      "#:~:text=%ZZ-,a",  // bad escape in the prefix
      "#:~:text=a,-%FF",  // invalid UTF-8 in the suffix
      "#:~:TEXT=a",  // the key is case-sensitive
      "#:~:textual=a",  // not a text= piece
      "#:~:text",  // no '='
      "#:~:unknown=x",  // other directive
    ])
  func invalid(url: String) {
    #expect(TextDirective.parse(url: url) == [])
  }

  @Test("multiple directives, unknown ones ignored") func multiple() {
    let url = "https://x.org/a#:~:text=a&text=b&unknown=x"
    #expect(TextDirective.parse(url: url) == [TextDirective(start: "a"), TextDirective(start: "b")])
  }

  @Test("valid directives survive invalid neighbours") func mixed() {
    let url = "https://x.org/a#:~:text=bad-term&text=good&text=%ZZ&&text=p-,s,-x&text=%FF"
    #expect(
      TextDirective.parse(url: url) == [TextDirective(start: "good"), TextDirective(prefix: "p", start: "s", suffix: "x")]
    )
  }

  @Test("element id before the directive") func elementIDBeforeDirective() {
    #expect(TextDirective.parse(url: "#install:~:text=brew") == [TextDirective(start: "brew")])
    #expect(TextDirective.elementID(url: "#install:~:text=brew") == "install")
    #expect(TextDirective.elementID(url: "https://brew.sh/#install:~:text=brew") == "install")
    #expect(TextDirective.elementID(url: "install:~:text=brew") == "install")
  }

  @Test(
    "element ids",
    arguments: [
      ("https://x.org/a#sec", "sec" as String?), ("https://x.org/a#sec:~:", "sec"), ("https://x.org/a#:~:", nil),
      ("https://x.org/a#:~:text=a", nil), ("https://x.org/a", nil), ("https://x.org/a#", nil),
      ("#a%20b:~:text=x", "a%20b"), ("https://x.org/#/route:~:text=x", "/route"),
      ("https://x.org/a#one:~:text=x:~:two", "one"), ("#x#y:~:text=z", "x#y"),
    ])
  func elementIDs(url: String, expected: String?) {
    #expect(TextDirective.elementID(url: url) == expected)
  }

  @Test(
    "no directives",
    arguments: [
      "https://x.org/a#:~:",  // trailing delimiter with nothing after it
      "https://x.org/a",  // no fragment
      "https://x.org/a#sec",  // fragment without a directive
      "https://x.org/a#text=foo",  // text= without the :~: delimiter
      "https://x.org/:~:text=foo",  // ':~:' in the path, not in a fragment
      "https://x.org/a?q=:~:text=foo",  // ':~:' in the query
      "",
    ])
  func noDirectives(url: String) {
    #expect(TextDirective.parse(url: url) == [])
  }

  @Test("the directive starts after the first '#'") func firstHash() {
    #expect(TextDirective.parse(url: "https://x.org/#a#:~:text=z") == [TextDirective(start: "z")])
    #expect(TextDirective.parse(url: "https://x.org/p:~:q#:~:text=z") == [TextDirective(start: "z")])
  }

  @Test("display text") func displayText() {
    #expect(TextDirective(start: "only").displayText == "only")
    #expect(TextDirective(prefix: "p", start: "only", suffix: "s").displayText == "only")
    #expect(TextDirective(start: "from", end: "to").displayText == "from … to")
  }

  @Test("Codable round trip") func codable() throws {
    let directive = TextDirective(prefix: "p", start: "s", end: "e", suffix: nil)
    let data = try JSONEncoder().encode(directive)
    #expect(try JSONDecoder().decode(TextDirective.self, from: data) == directive)
    let json = #"{"start":"x","end":"y"}"#
    #expect(
      try JSONDecoder().decode(TextDirective.self, from: Data(json.utf8)) == TextDirective(start: "x", end: "y"))
  }
}
