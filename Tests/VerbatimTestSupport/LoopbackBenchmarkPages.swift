extension LoopbackContent {
  /// The size `benchmarkPage` reaches at least (the last paragraph may pass it by ~1 KB).
  public static let benchmarkPageSize = 50_000

  /// `/pages/N.html`: a deterministic HTML article of ~50 KB for benchmark page `n`, with the
  /// title "Benchmark page N", a lead paragraph naming N (see `benchmarkLead`), sections of
  /// prose picked from a fixed pool by a generator seeded with N, and links to other pages.
  ///
  /// Assembled by copying pre-built paragraphs, so a page costs microseconds and nothing is
  /// cached per page: a benchmark may ask for any number of distinct pages.
  public static func benchmarkPage(_ n: Int) -> [UInt8] {
    var random = SplitMix64(seed: UInt64(bitPattern: Int64(n)) &+ 0x5EED)
    var page = [UInt8]()
    page.reserveCapacity(benchmarkPageSize + 4096)
    func add(_ text: String) { page.append(contentsOf: text.utf8) }
    add(
      """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Benchmark page \(n)</title>
      <meta name="description" content="Benchmark page \(n) of the Verbatim loopback corpus.">
      <link rel="canonical" href="/pages/\(n).html"></head>
      <body><header><nav><a href="/">Home</a> · <a href="/pages/\(max(n - 1, 0)).html">Previous</a> · \
      <a href="/pages/\(n + 1).html">Next</a></nav></header>
      <article><h1>Benchmark page \(n)</h1>
      <p class="lead">\(benchmarkLead(n))</p>

      """)
    var paragraphs = 0
    while page.count < benchmarkPageSize {
      if paragraphs % 6 == 0 { add("<h2>Section \(paragraphs / 6 + 1)</h2>\n") }
      page.append(contentsOf: paragraphPool[Int(random.next() % UInt64(paragraphPool.count))])
      if paragraphs % 4 == 3 {
        let other = Int(random.next() % 1000)
        add("<p>See also <a href=\"/pages/\(other).html\">benchmark page \(other)</a>.</p>\n")
      }
      paragraphs += 1
    }
    add("</article>\n<footer><p>© Verbatim loopback corpus</p></footer></body></html>\n")
    return page
  }

  /// The lead sentence of benchmark page `n`, unique to it: a quote a benchmark can verify.
  public static func benchmarkLead(_ n: Int) -> String {
    "This is benchmark page \(n) of the Verbatim loopback corpus."
  }

  /// 128 `<p>` paragraphs of 60–140 words of pseudo-prose, built once.
  static let paragraphPool: [[UInt8]] = {
    let words = """
      the of and a to in is that it was for on are as with his they at be this from have or by \
      one had not but what all were when we there can an your which their said if do will each \
      about how up out them then she many some so these would other into has more her two like \
      him see time could no make than first been its who now people my made over did down only \
      way find use may water long little very after words called just where most know get \
      through back much before go good new write our used me man too any day same right look \
      think also around another came come work three word must because does part even place well \
      such here take why things help put years different away again off went old number great \
      tell men say small every found still between name should home big give air line set own \
      under read last never us left end along while might next sound below saw something thought
      """.split(whereSeparator: { $0 == " " || $0 == "\n" })
    var random = SplitMix64(seed: 2025)
    return (0..<128).map { _ in
      var text = "<p>"
      let count = 60 + Int(random.next() % 81)
      var startSentence = true
      for index in 0..<count {
        var word = String(words[Int(random.next() % UInt64(words.count))])
        if startSentence { word = word.prefix(1).uppercased() + word.dropFirst() }
        text += word
        startSentence = index == count - 1 || random.next() % 11 == 0
        text += startSentence ? ". " : (random.next() % 13 == 0 ? ", " : " ")
      }
      text.removeLast()
      return Array((text + "</p>\n").utf8)
    }
  }()
}

/// A tiny deterministic generator (Steele, Lea & Flood's SplitMix64).
public struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
