import Testing

@testable import VerbatimKit

@Test func graphFlattening() {
  let block = """
    {"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "@id": "https://ex.com/#site", "name": "Ex"},
      {"@type": "WebPage", "@id": "https://ex.com/p#page", "isPartOf": {"@id": "https://ex.com/#site"}},
      {"@type": "Article", "headline": "Hello", "publisher": {"@type": "Organization", "name": "Pub",
        "logo": {"@type": "ImageObject", "url": "https://ex.com/logo.png"}}}
    ]}
    """
  let ld = LinkedData(blocks: [block])
  #expect(ld.nodes.map(\.types) == [["website"], ["webpage"], ["article"], ["organization"], ["imageobject"]])
  #expect(ld.nodes.map(\.depth) == [0, 0, 0, 1, 2])
  #expect(ld.nodes.first?.id == "https://ex.com/#site")
}

@Test func graphMembersWithoutTypeAreNodes() {
  let ld = LinkedData(blocks: [##"{"@graph": [{"@id": "#a", "name": "A"}]}"##])
  #expect(ld.nodes.count == 1)
  #expect(ld.nodes.first?.types == [])
  #expect(ld.nodes.first?.id == "#a")
}

@Test func nestedAuthorArrays() {
  let block = """
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H",
     "author": [{"@type": "Person", "name": "A"}, {"@type": "Person", "name": "B",
                 "affiliation": {"@type": "Organization", "name": "Org"}}],
     "citation": [[{"@type": "CreativeWork", "name": "C"}]]}
    """
  let ld = LinkedData(blocks: [block])
  #expect(ld.nodes.map(\.types) == [["newsarticle"], ["person"], ["person"], ["organization"], ["creativework"]])
  #expect(ld.nodes.map(\.depth) == [0, 1, 1, 2, 1])
  #expect(ld.nodes[1].value["name"] == .string("A"))
}

@Test func mainEntityAndItemListNesting() {
  let block = """
    {"@type": "WebPage", "mainEntity": {"@type": "ItemList", "itemListElement": [
      {"@type": "ListItem", "position": 1, "item": {"@type": "Book", "name": "B1"}}]}}
    """
  let ld = LinkedData(blocks: [block])
  #expect(ld.nodes.map(\.types) == [["webpage"], ["itemlist"], ["listitem"], ["book"]])
  #expect(ld.nodes.map(\.depth) == [0, 1, 2, 3])
}

@Test func untypedIntermediateObjectsDoNotAddDepth() {
  let block = #"{"@type": "Event", "location": {"address": {"@type": "PostalAddress"}}}"#
  #expect(LinkedData(blocks: [block]).nodes.map(\.depth) == [0, 1])
}

@Test func topLevelArrayAndMultipleBlocksInOrder() {
  let ld = LinkedData(blocks: [
    #"[{"@type": "A"}, {"@type": "B"}]"#, "not json at all", #"{"@type": "C"}{"@type": "D"}"#,
  ])
  #expect(ld.nodes.map(\.types) == [["a"], ["b"], ["c"], ["d"]])
  #expect(ld.nodes.allSatisfy { $0.depth == 0 })
}

@Test func typeAsArrayAndAsURL() {
  let ld = LinkedData(blocks: [
    #"{"@type": ["Article", "http://schema.org/NewsArticle", "https://schema.org/BlogPosting", "schema:Report", 7]}"#,
    #"{"@type": "https://schema.org/ScholarlyArticle"}"#,
    #"{"@type": "http://purl.org/ontology/bibo/Book"}"#,
  ])
  #expect(
    ld.nodes.map(\.types) == [
      ["article", "newsarticle", "blogposting", "report", "7"],
      ["scholarlyarticle"], ["http://purl.org/ontology/bibo/book"],
    ])
}

@Test func contextIsNotTraversed() {
  let block =
    #"{"@context": {"@vocab": "https://schema.org/", "author": {"@id": "x", "@type": "@id"}}, "@type": "Book"}"#
  #expect(LinkedData(blocks: [block]).nodes.map(\.types) == [["book"]])
}

@Test func idResolution() {
  let block = """
    {"@graph": [
      {"@type": "Article", "@id": "#article", "author": [{"@id": "#p1"}, {"@id": "#p2"}], "publisher": {"@id": "#org"}},
      {"@type": "Person", "@id": "#p1", "name": "Ada"},
      {"@type": "Person", "@id": "#p2", "name": "Bob"}
    ]}
    """
  let ld = LinkedData(blocks: [block])
  let article = ld.nodes[0].value
  let authors = ld.resolve(article["author"] ?? .null).arrayValue
  #expect(authors.map { $0["name"]?.stringValue } == ["Ada", "Bob"])
  #expect(ld.resolve(authors[0]) == authors[0])
  // Unknown id and objects with more than "@id" are returned unchanged.
  #expect(ld.resolve(article["publisher"] ?? .null) == .object([("@id", .string("#org"))]))
  let mixed = JSONValue.object([("@id", .string("#p1")), ("name", .string("Override"))])
  #expect(ld.resolve(mixed) == mixed)
  #expect(ld.resolve(.string("#p1")) == .string("#p1"))
  #expect(ld.node(withID: "#p2")?.value["name"] == .string("Bob"))
}

@Test func idResolutionAcrossBlocksPrefersFullDefinition() {
  let ld = LinkedData(blocks: [
    ##"{"@graph": [{"@id": "#org"}]}"##,
    ##"{"@type": "Organization", "@id": "#org", "name": "Org"}"##,
  ])
  #expect(ld.resolve(.object([("@id", .string("#org"))]))["name"] == .string("Org"))
}

@Test func lenientBlocksStillProduceNodes() {
  let block = """
    <!--
    //<![CDATA[
    {
      "@context": "https://schema.org",
      "@type": "Article",   // the article
      "headline": "Line one
    line two",
      "author": {'@type': 'Person', 'name': 'O\\'Brien',},
    }
    //]]>
    -->
    """
  let ld = LinkedData(blocks: [block])
  #expect(ld.nodes.map(\.types) == [["article"], ["person"]])
  #expect(ld.nodes[1].value["name"] == .string("O'Brien"))
  #expect(LinkedData.decodeText(ld.nodes[0].value["headline"]?.stringValue ?? "") == "Line one line two")
}

@Test func decodeText() {
  #expect(LinkedData.decodeText("  Hello \n\t  world\u{00A0}!\r\n ") == "Hello world !")
  #expect(LinkedData.decodeText("") == "")
  #expect(LinkedData.decodeText(" \n\t ") == "")
  #expect(LinkedData.decodeText("plain") == "plain")
}

@Test func emptyInput() {
  #expect(LinkedData(blocks: []).nodes.isEmpty)
  #expect(LinkedData(blocks: ["", "{}", "[]", #"{"name": "no type"}"#]).nodes.isEmpty)
}
