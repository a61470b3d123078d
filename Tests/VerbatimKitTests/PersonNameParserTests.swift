import Testing

@testable import VerbatimKit

/// `PersonNameParser`: names as pages and notes write them, split into the parts citation styles sort and
/// abbreviate by; organisations kept whole.
@Suite("PersonNameParser")
struct PersonNameParserTests {
  static func person(_ family: String, given: String? = nil, particle: String? = nil, suffix: String? = nil)
    -> ReferenceName
  {
    .person(PersonName(family: family, given: given, particle: particle, suffix: suffix))
  }

  // MARK: Particles

  @Test("\"Pieter de Vries\": given Pieter, particle de, family Vries")
  func particleInNaturalOrder() {
    #expect(PersonNameParser.name("Pieter de Vries") == Self.person("Vries", given: "Pieter", particle: "de"))
  }

  @Test("\"de Vries, Pieter\": the inverted form gives the same parts")
  func particleInInvertedOrder() {
    #expect(PersonNameParser.name("de Vries, Pieter") == Self.person("Vries", given: "Pieter", particle: "de"))
  }

  @Test("\"Ludwig van Beethoven\": particle van")
  func particleVan() {
    #expect(
      PersonNameParser.name("Ludwig van Beethoven") == Self.person("Beethoven", given: "Ludwig", particle: "van"))
  }

  @Test("several particles form one particle: \"Juana Inés de la Cruz\"")
  func multiWordParticle() {
    #expect(
      PersonNameParser.name("Juana Inés de la Cruz") == Self.person("Cruz", given: "Juana Inés", particle: "de la"))
  }

  @Test(
    "a capitalised particle stays part of the family name (\"Van Damme\", \"Le Guin\")",
    arguments: [
      ("Jean-Claude Van Damme", "Van Damme", "Jean-Claude"),
      ("Ursula K. Le Guin", "Le Guin", "Ursula K."),
    ])
  func capitalisedParticleIsFamily(written: String, family: String, given: String) {
    // Suspected bug: the parser only knows lower-case particles, so "Van" is taken as a second given name
    // (given "Jean-Claude Van", family "Damme"): the key becomes damme…, APA prints "Damme, J.-C. V.".
    #expect(PersonNameParser.name(written) == Self.person(family, given: given))
  }

  @Test("the Dutch particle 't: \"Gerard 't Hooft\", \"Jacobus van 't Hoff\"")
  func apostropheParticle() {
    // Suspected bug: "'t" starts with an apostrophe, not a lower-case letter, so it is not a particle:
    // given "Gerard 't", family "Hooft".
    #expect(PersonNameParser.name("Gerard 't Hooft") == Self.person("Hooft", given: "Gerard", particle: "'t"))
    #expect(PersonNameParser.name("Jacobus van 't Hoff") == Self.person("Hoff", given: "Jacobus", particle: "van 't"))
  }

  @Test("a particle that would leave no family name is the family name: \"Anna de\"")
  func particleAtEndIsFamily() {
    #expect(PersonNameParser.name("Anna de") == Self.person("de", given: "Anna"))
  }

  // MARK: Suffixes

  @Test(
    "suffix Jr. in every written form",
    arguments: ["Martin Luther King Jr.", "King, Jr., Martin Luther", "Martin Luther King, Jr."])
  func suffixJunior(written: String) {
    #expect(PersonNameParser.name(written) == Self.person("King", given: "Martin Luther", suffix: "Jr."))
  }

  @Test("\"Gates, III, William Henry\": family, suffix, given")
  func invertedNameThenSuffix() {
    // Three comma parts "Family, Suffix, Given" (BibTeX's order) — the middle part is the suffix.
    #expect(
      PersonNameParser.name("Gates, III, William Henry")
        == Self.person("Gates", given: "William Henry", suffix: "III"))
  }

  // MARK: Plain names

  @Test(
    "given and family, non-ASCII letters and apostrophes kept",
    arguments: [("Chloé Lefèvre", "Lefèvre", "Chloé"), ("Siobhán O'Connor", "O'Connor", "Siobhán")])
  func givenFamily(written: String, family: String, given: String) {
    #expect(PersonNameParser.name(written) == Self.person(family, given: given))
  }

  @Test("a single capitalised word is a family name only: \"Madonna\"")
  func singleWord() {
    #expect(PersonNameParser.name("Madonna") == Self.person("Madonna"))
  }

  @Test("whitespace runs collapse before splitting")
  func whitespace() {
    #expect(
      PersonNameParser.name("  Pieter \t de\n Vries ") == Self.person("Vries", given: "Pieter", particle: "de"))
  }

  @Test("an empty or blank name is no name", arguments: ["", "   ", "\n\t"])
  func blank(written: String) {
    #expect(PersonNameParser.name(written) == nil)
  }

  @Test("person(_:) alone splits without the organisation check")
  func personDirect() {
    #expect(PersonNameParser.person("Ludwig van Beethoven") == PersonName(family: "Beethoven", given: "Ludwig", particle: "van"))
    #expect(PersonNameParser.person("Madonna") == PersonName(family: "Madonna"))
  }

  // MARK: Organisations

  @Test(
    "organisations are recognised and kept whole",
    arguments: ["OECD", "Associated Press", "Acme Inc.", "Ministry of Health"])
  func organisations(written: String) {
    #expect(PersonNameParser.name(written) == .organisation(written))
  }

  @Test(
    "isOrganisation: true keeps any string whole, even a person-like one",
    arguments: ["Pieter de Vries", "Martin Luther King Jr.", "Madonna", "de Vries, Pieter"])
  func forcedOrganisation(written: String) {
    #expect(PersonNameParser.name(written, isOrganisation: true) == .organisation(written))
  }

  @Test("a forced organisation's whitespace is collapsed too")
  func forcedOrganisationWhitespace() {
    #expect(PersonNameParser.name("  Example \n Lab ", isOrganisation: true) == .organisation("Example Lab"))
  }

  @Test("a person's name is not mistaken for an organisation")
  func personNotOrganisation() {
    #expect(PersonNameParser.looksLikeOrganisation("Pieter de Vries") == false)
    #expect(PersonNameParser.looksLikeOrganisation("Madonna") == false)
    #expect(PersonNameParser.looksLikeOrganisation("OECD") == true)
  }
}
