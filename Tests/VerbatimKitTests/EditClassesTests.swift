import Testing

@testable import VerbatimKit

/// Words from plain lower-case keys; a leading `^` marks a name.
private func w(_ words: [String]) -> [EditWord] {
  words.map { word in
    if word.hasPrefix("^") {
      let text = String(word.dropFirst())
      return EditWord(key: WordTokens.tokenize(text)[0].key, text: text, isName: true)
    }
    return EditWord(key: WordTokens.tokenize(word)[0].key, text: word, isName: false)
  }
}

private func classes(_ quote: [String], _ page: [String]) -> [WordEdit.Class] {
  EditClassifier.classify(quote: w(quote), page: w(page))
}

@Test func negationClass() {
  #expect(classes(["not"], []) == [.negation])
  #expect(classes(["don't"], ["do"]) == [.negation])
  #expect(classes(["never"], ["always"]) == [.negation])
  #expect(classes(["nicht"], []) == [.negation])
  #expect(classes(["pas"], []) == [.negation])
  #expect(classes(["nunca"], ["siempre"]) == [.negation])
  #expect(classes(["cannot"], ["can"]) == [.negation])
}

@Test func contractionExpansionIsSpelling() {
  #expect(classes(["don't"], ["do", "not"]) == [.spelling])
  #expect(classes(["won't"], ["will", "not"]) == [.spelling])
}

@Test func numberClass() {
  #expect(classes(["2", "3"], ["7", "10"]) == [.number])
  #expect(classes(["seven"], ["7"]) == [.number])
  #expect(classes(["km"], ["miles"]) == [.number])
  #expect(classes(["$"], ["€"]) == [.number])
  #expect(classes(["weeks"], ["months"]) == [.number])
  #expect(classes(["1000"], ["1,000"]) == [.punctuation])
  #expect(classes(["3.5"], ["35"]) == [.number, .punctuation])
}

@Test func quantifierModalComparison() {
  #expect(classes(["all"], ["some"]) == [.quantifier])
  #expect(classes(["much"], ["a", "good", "deal"]) == [.quantifier])
  #expect(classes(["might"], ["will"]) == [.modal])
  #expect(classes(["older"], ["old"]) == [.comparison])
  #expect(classes(["largest"], ["larger"]) == [.comparison])
  #expect(classes(["bigger"], ["big"]) == [.comparison])
  #expect(classes(["happier"], ["happy"]) == [.comparison])
  #expect(classes(["better"], ["good"]) == [.comparison])
  #expect(classes(["more"], ["less"]) == [.quantifier, .comparison])
}

@Test func nameAndPerson() {
  #expect(classes(["^Microsoft"], ["^Google"]) == [.name])
  #expect(classes(["^Smith"], []) == [.name])
  #expect(classes(["she"], ["he"]) == [.person])
  #expect(classes(["our"], ["their"]) == [.person])
  #expect(classes(["we'll"], ["they'll"]) == [.person])
  // The acronym US is a name, not the pronoun "us".
  #expect(classes(["^US"], ["^UK"]) == [.name])
}

@Test func minorClasses() {
  #expect(classes(["organise"], ["organize"]) == [.spelling])
  #expect(classes(["colour"], ["color"]) == [.spelling])
  #expect(classes(["centre"], ["center"]) == [.spelling])
  #expect(classes(["grey"], ["gray"]) == [.spelling])
  #expect(classes(["costs"], ["cost"]) == [.spelling])
  #expect(classes(["a"], ["the"]) == [.article])
  #expect(classes([], ["the"]) == [.article])
  #expect(classes(["an", "organised"], ["the", "organized"]) == [.spelling, .article])
  #expect(classes(["email"], ["e", "mail"]) == [.punctuation])
}

@Test func otherClass() {
  #expect(classes(["near"], ["close", "to"]) == [.other])
  #expect(classes(["cat"], ["dog"]) == [.other])
  #expect(classes(["trial"], []) == [.other])
  // Short words one edit apart are not spelling variants.
  #expect(classes(["form"], ["farm"]) == [.other])
}

@Test func materialFlag() {
  let edit = WordEdit(kind: .substitution, quoteWords: ["2"], pageWords: ["7"], classes: [.number])
  #expect(edit.isMaterial)
  let minor = WordEdit(kind: .substitution, quoteWords: ["a"], pageWords: ["the"], classes: [.article])
  #expect(!minor.isMaterial)
  #expect(
    WordEdit.Class.allCases.filter(\.isMaterial)
      == [.negation, .number, .quantifier, .modal, .comparison, .name, .person])
}

@Test func helperFunctions() {
  #expect(EditClassifier.expand("couldn't") == ["could", "not"])
  #expect(EditClassifier.expand("n'est") == ["ne", "est"])
  #expect(EditClassifier.expand("it's") == ["it", "'s"])
  #expect(EditClassifier.numberCanon("1,000,000") == "1000000")
  #expect(EditClassifier.numberCanon("3,5") == "3,5")
  #expect(EditClassifier.editDistanceAtMostOne(Array("organise"), Array("organize")))
  #expect(!EditClassifier.editDistanceAtMostOne(Array("centre"), Array("center")))
  #expect(!EditClassifier.degreeVariants("old", "old"))
}
