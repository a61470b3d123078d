import Foundation

/// The bibliography of a vault: its cited sources as references with stable keys, in one of six formats.
///
/// Exists as the bibliography stage's entry point: `ReferenceBuilder` chooses the values,
/// `CitationKeyLedger` gives the keys (and remembers them), and a writer renders them. Entries are sorted
/// by key and no output carries a timestamp, so the same vault and store give byte-identical files.
public enum Bibliography {
  public enum Format: String, Sendable, CaseIterable {
    case cslJSON = "csl-json"
    case biblatex, bibtex, ris, hayagriva, markdown

    /// The usual file name (`refs.json`, `refs.bib`, …).
    public var fileName: String {
      switch self {
      case .cslJSON: "refs.json"
      case .biblatex: "refs.bib"
      case .bibtex: "refs.bibtex"
      case .ris: "refs.ris"
      case .hayagriva: "refs.yml"
      case .markdown: "references.md"
      }
    }
  }

  /// The references of `report`'s cited sources, keyed through `ledger` (which records new keys), sorted by
  /// key; and the warnings to show.
  public static func references(
    report: AuditReport, harvest: VaultHarvest, registry: Registry?, ledger: inout CitationKeyLedger,
    options: ReferenceBuilder.Options = .init()
  ) -> (references: [Reference], warnings: [String]) {
    var draft = ReferenceBuilder(report: report, harvest: harvest, registry: registry, options: options).build()
    let keyWarnings = ledger.assign(&draft.references, claims: draft.claims)
    let sorted = draft.references.sorted { $0.key < $1.key }
    return (sorted, draft.warnings + keyWarnings)
  }

  public static func render(_ references: [Reference], as format: Format) -> String {
    switch format {
    case .cslJSON: CSLJSONWriter.render(references)
    case .biblatex: BibLaTeXWriter.render(references, flavour: .biblatex)
    case .bibtex: BibLaTeXWriter.render(references, flavour: .bibtex)
    case .ris: RISWriter.render(references)
    case .hayagriva: HayagrivaWriter.render(references)
    case .markdown: APAReferenceList.render(references)
    }
  }
}
