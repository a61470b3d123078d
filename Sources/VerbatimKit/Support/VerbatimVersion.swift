/// The version Verbatim reports (`--version`, and later its User-Agent).
public enum VerbatimVersion {
  public static let string = "0.1.0"
}
