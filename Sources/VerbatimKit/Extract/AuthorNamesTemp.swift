internal import Foundation
enum AuthorNames {
  static func split(_ byline: String) -> [String] {
    var s = byline.collapsingWhitespace()
    if s.lowercased().hasPrefix("by ") { s = String(s.dropFirst(3)) }
    return s.split(separator: ",").flatMap { $0.components(separatedBy: " and ") }.map { $0.collapsingWhitespace() }.filter { !$0.isEmpty && $0.count < 60 }
  }
  static func looksLikeOrganisation(_ name: String) -> Bool { false }
}
