import FuzzSupport

// The `quote-match` fuzz target: see `FuzzEntry` for what it runs and checks.
FuzzInput.main { bytes throws(FuzzInvariantViolation) in _ = try FuzzEntry.matchQuote(bytes) }
