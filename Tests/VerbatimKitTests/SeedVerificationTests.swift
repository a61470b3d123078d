import Foundation
import Testing

@testable import VerbatimKit

/// The seed note's quotes checked against a copy of the essay's text set with the usual typographic
/// differences (curly vs straight quotes and apostrophes, dash styles, no-break spaces, soft hyphens),
/// written for this test in `Fixtures/seed-essay-page.html`.
@Suite("Seed note: quote verification")
struct SeedVerificationTests {
  static func verifier() throws -> QuoteVerifier {
    let url = try #require(
      Bundle.module.url(forResource: "seed-essay-page", withExtension: "html", subdirectory: "Fixtures"))
    return QuoteVerifier(page: PageExtractor.extract([UInt8](try Data(contentsOf: url))))
  }

  @Test("every quote attributed to the essay is verified (a two-word term is too short to check)")
  func seedQuotesVerified() throws {
    let harvest = try SeedNoteTests.harvest()
    let verifier = try Self.verifier()
    let quotes = harvest.quotes.filter { $0.source == SeedNoteTests.essay }
    #expect(quotes.count == 19)
    for quote in quotes {
      let verdict = verifier.verify(quote.text)
      if quote.text == "bipolar world" {
        #expect(verdict.status == .tooShort)
      } else {
        #expect(verdict.status == .verified, "\(quote.text): \(verdict.status) \(verdict.detail)")
        #expect(verdict.view == .main)
        #expect(verdict.occurrences == 1)
      }
    }
  }

  @Test("the nested straight quotes of the compute-multiplier line verify as one quote")
  func nestedStraightQuotes() throws {
    let verdict = try Self.verifier().verify(
      #"if the innovation is a 2x "compute multiplier" (CM), then it allows you to get 40% on a coding task for $5M instead of $10M; or 60% for $50M instead of $100M"#
    )
    #expect(verdict.status == .verified)
    #expect(verdict.detail == "typographic")
    #expect(verdict.differences.contains("quotes"))
  }

  @Test("7-10 changed to 2-3 months is altered, with a material number edit")
  func changedNumberIsMaterial() throws {
    let verdict = try Self.verifier().verify(
      "DeepSeek produced a model close to the performance of US models 2-3 months older, for a good deal less cost")
    #expect(verdict.status == .altered)
    #expect(verdict.detail == "material")
    let edit = try #require(verdict.edits.first { $0.isMaterial })
    #expect(edit.classes == ["number"])
    #expect(edit.quoteWords == ["2", "3"])
    #expect(edit.pageWords == ["7", "10"])
  }

  @Test("the garbled repost is never verified and points at the right sentence")
  func garbledRepost() throws {
    let verdict = try Self.verifier().verify(
      "near the performance of US models 7-10 months older, for much less costs")
    #expect(verdict.status != .verified)
    let passage = try #require(verdict.passage)
    #expect(passage.hasSuffix("months older, for a good deal less cost"))
    #expect(verdict.edits.contains { $0.isMaterial && $0.classes.contains("quantifier") })
  }
}
