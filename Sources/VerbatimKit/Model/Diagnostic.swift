/// Something a user should know about their input: always with the file, and the line when known.
///
/// Diagnostics are values collected during a run and printed by the front end; they never stop the
/// rest of the vault from being harvested.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Severity: String, Sendable, Codable { case warning, error }

  public var severity: Severity
  /// Path relative to the vault (or as given, for files outside it).
  public var file: String
  public var line: Int?
  public var message: String

  public init(_ severity: Severity, file: String, line: Int? = nil, _ message: String) {
    self.severity = severity
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: warning: message`, the format editors and CI annotators recognise.
  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    return "\(place): \(severity.rawValue): \(message)"
  }
}
