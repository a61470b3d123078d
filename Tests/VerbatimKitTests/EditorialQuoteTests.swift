import Testing

@testable import VerbatimKit

private func texts(_ q: EditorialQuote) -> [String] { q.segments.map(\.text) }

@Test func plainQuoteIsNotEditorial() {
  let q = EditorialQuote("\u{201C}The model was released.\u{201D}")
  #expect(!q.isEditorial)
  #expect(texts(q) == ["The model was released."])
  #expect(q.elisions == 0 && q.insertions.isEmpty && !q.hasSic && q.emphasisNote == nil)
}

@Test func everyElisionFormSplitsSegments() {
  for mark in ["\u{2026}", "...", ". . .", "[\u{2026}]", "[...]", "(...)", "(\u{2026})", "[ \u{2026} ]"] {
    let q = EditorialQuote("We will \(mark) release it")
    #expect(q.elisions == 1, "\(mark)")
    #expect(texts(q) == ["We will", "release it"], "\(mark)")
    #expect(!q.openStart && !q.openEnd && q.isEditorial)
  }
}

@Test func fourDotsAreOneElision() {
  let q = EditorialQuote("It ended.... Next year")
  #expect(q.elisions == 1)
  #expect(texts(q) == ["It ended", "Next year"])
}

@Test func leadingAndTrailingEllipsisOpenTheEdges() {
  let q = EditorialQuote("\u{2026} the model was released [...]")
  #expect(q.openStart && q.openEnd)
  #expect(q.elisions == 2)
  #expect(texts(q) == ["the model was released"])
}

@Test func twoElisionsGiveThreeSegments() {
  let q = EditorialQuote("one two \u{2026} three four [...] five")
  #expect(texts(q) == ["one two", "three four", "five"])
  #expect(q.elisions == 2)
}

@Test func dotsThatAreNotElisions() {
  for s in ["U.S. policy. It works", "wait.. what", "a. b. c"] {
    #expect(!EditorialQuote(s).isEditorial, "\(s)")
  }
}

@Test func bracketedInsertions() {
  let q = EditorialQuote("[The company] said [that] it works")
  #expect(q.insertions == ["The company", "that"])
  #expect(q.segments.count == 1)
  #expect(
    q.segments[0].parts == [
      .init(text: "The company", isInsertion: true), .init(text: "said", isInsertion: false),
      .init(text: "that", isInsertion: true), .init(text: "it works", isInsertion: false),
    ])
  #expect(q.segments[0].text == "[The company] said [that] it works")
  let single = EditorialQuote("he was [a] fool")
  #expect(single.insertions == ["a"] && single.caseChanges == 0)
}

@Test func longBracketIsLiteralText() {
  let long = "[" + String(repeating: "x", count: 41) + "] end"
  let q = EditorialQuote(long)
  #expect(!q.isEditorial)
  #expect(texts(q) == [long])
}

@Test func caseChangeBrackets() {
  let q = EditorialQuote("[T]he model, and [w]e agree")
  #expect(q.caseChanges == 2 && q.insertions.isEmpty && q.isEditorial)
  #expect(
    q.segments[0].parts == [
      .init(
        text: "The model, and we agree", isInsertion: false,
        caseChangeOffsets: [0, 15])
    ])
}

@Test func sicIsDeleted() {
  for s in ["Teh [sic] model", "Teh (sic) model", "Teh [sic!] model", "Teh [SIC] model"] {
    let q = EditorialQuote(s)
    #expect(q.hasSic && q.isEditorial, "\(s)")
    #expect(texts(q) == ["Teh model"], "\(s)")
  }
}

@Test func emphasisNotesAreDeleted() {
  for note in ["(emphasis added)", "[emphasis added]", "(emphasis in original)", "(italics mine)"] {
    let q = EditorialQuote("This is very important \(note)")
    #expect(q.emphasisNote == String(note.dropFirst().dropLast()), "\(note)")
    #expect(texts(q) == ["This is very important"])
    #expect(q.isEditorial)
  }
}

@Test func emptyQuoteKeepsOneSegment() {
  let q = EditorialQuote("\u{2026}")
  #expect(q.segments.count == 1 && q.segments[0].parts.isEmpty)
  #expect(q.elisions == 1)
}
