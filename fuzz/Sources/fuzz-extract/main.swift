import FuzzSupport

// The `extract` fuzz target: see `FuzzEntry` for what it runs and checks.
FuzzInput.main { bytes throws(FuzzInvariantViolation) in _ = try FuzzEntry.extract(page: bytes) }
