import Testing

@testable import VerbatimKit

@Suite("URLIdentity")
struct URLIdentityTests {
  // MARK: Classification

  @Test(
    "scheme classification",
    arguments: [
      ("http://a.org", URLScheme.web), ("https://a.org/x", .web), ("HtTpS://a.org", .web),
      ("www.a.org", .web), ("WWW.a.org/x", .web), ("www.a.org:8080/x", .web),
      ("mailto:a@b.org", .mailto), ("MAILTO:a@b.org?subject=hi", .mailto),
      ("obsidian://open?vault=x", .nonWeb), ("Obsidian://open", .nonWeb),
      ("zotero://select/items/1", .nonWeb), ("file:///tmp/x.pdf", .nonWeb),
      ("ftp://ftp.org/f", .nonWeb), ("javascript:alert(1)", .nonWeb),
      ("data:text/plain,hi", .nonWeb), ("tel:+123", .nonWeb), ("httpx://a.org", .nonWeb),
      ("notes/x.md", .relative), ("#anchor", .relative), ("../a.md", .relative),
      ("/abs/path", .relative), ("x.md#h", .relative), ("//example.com/x", .relative),
      ("", .relative), ("www/x.md", .relative), ("wwwnotes.md", .relative),
      ("1http://a.org", .relative), ("a b:c", .relative),
    ])
  func classification(written: String, expected: URLScheme) {
    #expect(URLIdentity(written).scheme == expected)
  }

  @Test(
    "non-web URLs have no key, fetch URL or host",
    arguments: ["mailto:a@b.org", "obsidian://open?vault=x", "ftp://ftp.org/f", "notes/x.md", "#anchor", ""])
  func nonWebHasNoKey(written: String) {
    let id = URLIdentity(written)
    #expect(id.key == nil)
    #expect(id.fetchURL == nil)
    #expect(id.host == nil)
    #expect(id.written == written)
  }

  @Test("scheme raw values") func schemeRawValues() {
    #expect(URLScheme.nonWeb.rawValue == "non-web")
    #expect(URLScheme(rawValue: "web") == .web)
    #expect(URLScheme(rawValue: "non-web") == .nonWeb)
  }

  // MARK: Keys

  @Test(
    "dedupe keys",
    arguments: [
      ("https://news.org/story", "https://news.org/story"),
      ("HTTPS://NEWS.ORG/Story", "https://news.org/Story"),
      ("https://news.org", "https://news.org/"),
      ("https://news.org?q=1", "https://news.org/?q=1"),
      ("https://news.org/a?", "https://news.org/a"),
      ("https://news.org/a/b/../C", "https://news.org/a/b/../C"),
      ("https:news.org/a", "https://news.org/a"),
      ("  https://news.org/a \n", "https://news.org/a"),
      // Fragments never reach the key.
      ("https://news.org/a#:~:text=x", "https://news.org/a"),
      ("https://app.org/#/settings", "https://app.org/"),
      ("https://news.org/a?b=1#frag", "https://news.org/a?b=1"),
      // Ports.
      ("http://news.org:80/a", "http://news.org/a"),
      ("https://news.org:443/a", "https://news.org/a"),
      ("http://news.org:443/a", "http://news.org:443/a"),
      ("https://news.org:80/a", "https://news.org:80/a"),
      ("https://news.org:8443/a", "https://news.org:8443/a"),
      ("http://news.org:0080/a", "http://news.org/a"),
      ("http://news.org:08080/a", "http://news.org:8080/a"),
      ("http://news.org:/a", "http://news.org/a"),
      ("http://News.org:80", "http://news.org/"),
      // www. links.
      ("www.example.com/page", "http://www.example.com/page"),
      ("WWW.Example.COM", "http://www.example.com/"),
      ("www.example.com:8080/x?utm_source=a", "http://www.example.com:8080/x"),
      // Userinfo kept as written; only the host is lower-cased.
      ("https://user:Pass@Example.com/x", "https://user:Pass@example.com/x"),
      ("https://a@b@Host.org/", "https://a@b@host.org/"),
      // IPv6 literals.
      ("https://[2001:DB8::1]:8080/x", "https://[2001:db8::1]:8080/x"),
      ("https://[::1]:443/", "https://[::1]/"),
      ("http://[::1]", "http://[::1]/"),
      // Trailing dot.
      ("https://news.org./a", "https://news.org/a"),
      // Percent-encoding: spaces and non-ASCII encoded, existing escapes kept as written.
      ("https://x.org/a b/ü?q=ä b", "https://x.org/a%20b/%C3%BC?q=%C3%A4%20b"),
      ("https://x.org/%c3%bc?q=%7e", "https://x.org/%c3%bc?q=%7e"),
      ("https://x.org/日本", "https://x.org/%E6%97%A5%E6%9C%AC"),
      ("https://x.org/a+b?c=d+e", "https://x.org/a+b?c=d+e"),
    ])
  func key(written: String, expected: String) {
    #expect(URLIdentity(written).key == expected)
  }

  @Test(
    "IDN hosts are lower-cased and punycoded",
    arguments: [
      ("https://bücher.org/a", "https://xn--bcher-kva.org/a", "xn--bcher-kva.org"),
      ("https://Bücher.ORG/a", "https://xn--bcher-kva.org/a", "xn--bcher-kva.org"),
      ("https://BÜCHER.org/", "https://xn--bcher-kva.org/", "xn--bcher-kva.org"),
      ("https://b%C3%BCcher.org/", "https://xn--bcher-kva.org/", "xn--bcher-kva.org"),
      ("https://XN--BCHER-KVA.ORG/", "https://xn--bcher-kva.org/", "xn--bcher-kva.org"),
      ("https://faß.de/", "https://xn--fa-hia.de/", "xn--fa-hia.de"),
      ("https://münchen.de", "https://xn--mnchen-3ya.de/", "xn--mnchen-3ya.de"),
      ("http://例子.测试/", "http://xn--fsqu00a.xn--0zwm56d/", "xn--fsqu00a.xn--0zwm56d"),
      ("http://例子。测试/", "http://xn--fsqu00a.xn--0zwm56d/", "xn--fsqu00a.xn--0zwm56d"),
      ("http://例子．测试/", "http://xn--fsqu00a.xn--0zwm56d/", "xn--fsqu00a.xn--0zwm56d"),
      ("http://例子｡测试/", "http://xn--fsqu00a.xn--0zwm56d/", "xn--fsqu00a.xn--0zwm56d"),
      ("http://例子.测试。/", "http://xn--fsqu00a.xn--0zwm56d/", "xn--fsqu00a.xn--0zwm56d"),
      ("https://ＥＸＡＭＰＬＥ.com/x", "https://example.com/x", "example.com"),
      ("https://ΠΑΡΆΔΕΙΓΜΑ.gr/", "https://xn--hxajbheg2az3al.gr/", "xn--hxajbheg2az3al.gr"),
      ("https://İstanbul.tr/", "https://xn--istanbul-o0e.tr/", "xn--istanbul-o0e.tr"),
      ("https://☃.net/", "https://xn--n3h.net/", "xn--n3h.net"),
      ("https://u\u{308}.com/", "https://xn--tda.com/", "xn--tda.com"),
      ("www.bücher.org", "http://www.xn--bcher-kva.org/", "www.xn--bcher-kva.org"),
    ])
  func idnHosts(written: String, key: String, host: String) {
    let id = URLIdentity(written)
    #expect(id.key == key)
    #expect(id.host == host)
  }

  // MARK: Tracking parameters

  static let trackingNames = [
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "utm_whatever",
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_eid", "mc_cid", "igshid", "_ga",
    "_gl", "yclid", "twclid", "ref_src", "ref_url", "s_cid", "mkt_tok", "oly_anon_id", "oly_enc_id",
    "vero_id", "__hssc", "__hstc", "__hsfp", "hsCtaTracking", "_hsenc", "_hsmi", "UTM_Source", "FBCLID",
  ]

  @Test("each tracking parameter is removed", arguments: trackingNames)
  func trackingParameterRemoved(name: String) {
    let id = URLIdentity("https://x.org/p?keep=1&\(name)=v&z")
    #expect(id.key == "https://x.org/p?keep=1&z")
    #expect(id.fetchURL == "https://x.org/p?keep=1&\(name)=v&z")
  }

  @Test(
    "tracking removal keeps other parameters in order and verbatim",
    arguments: [
      ("https://news.org/a?utm_source=x&id=3&fbclid=abc&b=%20c", "https://news.org/a?id=3&b=%20c"),
      ("https://news.org/a?utm_source=x&utm_medium=y", "https://news.org/a"),
      ("https://news.org/a?fbclid", "https://news.org/a"),
      ("https://news.org/a?z=2&a=1&gclid=9", "https://news.org/a?z=2&a=1"),
      ("https://x.org/p?a=1&&b=2", "https://x.org/p?a=1&b=2"),
      ("https://x.org/p?&", "https://x.org/p"),
      ("https://x.org/p?utm=1&ref=abc&source=x", "https://x.org/p?utm=1&ref=abc&source=x"),
      ("https://x.org/p?q=utm_source%3Dx", "https://x.org/p?q=utm_source%3Dx"),
      ("https://x.org/p?A=B&a=b", "https://x.org/p?A=B&a=b"),
      ("https://x.org/p?gclid=1#utm_source=2", "https://x.org/p"),
    ])
  func trackingRemoval(written: String, expected: String) {
    #expect(URLIdentity(written).key == expected)
  }

  // MARK: Fetch URLs

  @Test(
    "fetch URLs",
    arguments: [
      ("https://news.org/story", "https://news.org/story"),
      ("https://bücher.org/a b#frag", "https://xn--bcher-kva.org/a%20b"),
      ("https://news.org/a?utm_source=x#:~:text=y", "https://news.org/a?utm_source=x"),
      ("www.example.com/page", "http://www.example.com/page"),
      ("http://news.org:80/a", "http://news.org:80/a"),
      ("HTTPS://NEWS.ORG/Story", "https://news.org/Story"),
      ("https://news.org", "https://news.org/"),
      ("https://news.org/a?", "https://news.org/a?"),
      ("https://news.org./a", "https://news.org./a"),
      ("https://user:pw@x.org/", "https://user:pw@x.org/"),
      ("https://[2001:DB8::1]:8080/x#y", "https://[2001:db8::1]:8080/x"),
      ("https://x.org/%c3%bc/ä", "https://x.org/%c3%bc/%C3%A4"),
      ("https://app.org/#/settings", "https://app.org/"),
    ])
  func fetchURL(written: String, expected: String) {
    #expect(URLIdentity(written).fetchURL == expected)
  }

  // MARK: Hosts and fragments

  @Test(
    "hosts",
    arguments: [
      ("https://user@News.ORG:8080/x", "news.org"), ("www.a.org", "www.a.org"),
      ("https://[2001:DB8::1]/", "[2001:db8::1]"), ("https://news.org./", "news.org"),
      ("https://news.org?x#y", "news.org"),
    ])
  func host(written: String, expected: String) {
    #expect(URLIdentity(written).host == expected)
  }

  @Test("a web URL without a host has a nil host") func missingHost() {
    let id = URLIdentity("http://")
    #expect(id.scheme == .web)
    #expect(id.host == nil)
    #expect(id.key == "http:///")
  }

  @Test(
    "fragments",
    arguments: [
      ("https://news.org/a#:~:text=x", ":~:text=x" as String?), ("https://app.org/#/settings", "/settings"),
      ("https://a.org/", nil), ("https://a.org/#", ""), ("#anchor", "anchor"),
      ("notes/x.md#Heading%20One", "Heading%20One"), ("https://a.org/#a#b", "a#b"),
      ("https://a.org/#ü x", "ü x"), ("mailto:a@b.org", nil), ("www.a.org/#top", "top"),
    ])
  func fragment(written: String, expected: String?) {
    #expect(URLIdentity(written).fragment == expected)
  }

  @Test("written is kept exactly") func writtenKept() {
    let id = URLIdentity("  HTTPS://Bücher.org/a b  ")
    #expect(id.written == "  HTTPS://Bücher.org/a b  ")
    #expect(id.key == "https://xn--bcher-kva.org/a%20b")
  }

  @Test("spellings of one source share a key") func spellingsShareKey() {
    let spellings = [
      "https://bücher.org/a?utm_source=x", "HTTPS://BÜCHER.ORG:443/a#:~:text=y",
      "https://xn--bcher-kva.org/a?", "https://Bücher.org./a?fbclid=1&gclid=2",
    ]
    let keys = Set(spellings.map { URLIdentity($0).key })
    #expect(keys == ["https://xn--bcher-kva.org/a"])
  }

  @Test("identities are hashable by value") func hashable() {
    #expect(URLIdentity("https://a.org/") == URLIdentity("https://a.org/"))
    #expect(URLIdentity("https://a.org/") != URLIdentity("https://A.org/"))
    #expect(Set([URLIdentity("x"), URLIdentity("x")]).count == 1)
  }

  // MARK: Punycode (RFC 3492)

  @Test(
    "punycode encoder matches RFC 3492 and reference output",
    arguments: [
      ("bücher", "bcher-kva"), ("faß", "fa-hia"), ("例子", "fsqu00a"), ("测试", "0zwm56d"),
      ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"), ("他們爲什麽不說中文", "ihqwctvzc91f659drss3x8bo0yb"),
      ("почемужеонинеговорятпорусски", "b1abfaaepdrnnbgefbadotcwatmq2g4l"), ("münchen", "mnchen-3ya"),
      ("ü", "tda"), ("日本語", "wgv71a119e"), ("☃", "n3h"), ("ドメイン名例", "eckwd4c7cu47r2wf"),
      ("mañana", "maana-pta"), ("παράδειγμα", "hxajbheg2az3al"), ("abc", "abc-"),
    ])
  func punycode(input: String, expected: String) {
    #expect(Punycode.encode(input) == expected)
  }
}

/// The shortcut for URLs already in key form must give exactly what the full parse gives.
@Suite("URLIdentity shortcut")
struct URLIdentityShortcutTests {
  static let urls = [
    "https://news.org/a", "http://news.org/", "https://sub.news-site.org/2024/05/story-1.html",
    "https://news.org/a_(b)", "https://news.org/a;b=c/d", "https://x.org/~user/p+q",
  ]

  @Test("canonical URLs take the shortcut and match the full parse", arguments: urls)
  func shortcut(url: String) {
    #expect(URLIdentity.canonicalHost(url) != nil)
    #expect(URLIdentity(url) == URLIdentity(parsing: url))
  }

  static let others = [
    "https://News.org/a", "HTTPS://news.org/a", "https://news.org", "https://news.org/a?b=1",
    "https://news.org/a#x", "https://news.org:443/a", "https://news.org./a", "https://bücher.org/a",
    "https://news.org/a b", "https://news.org/%7Euser", "https://news.org\\a", "https://.news.org/a",
    "http:///a",
  ]

  @Test("anything else takes the full parse", arguments: others)
  func full(url: String) {
    #expect(URLIdentity.canonicalHost(url) == nil)
    #expect(URLIdentity(url) == URLIdentity(parsing: url))
  }
}
