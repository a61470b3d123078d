import FuzzSupport

// The `registry` fuzz target: see `FuzzEntry` for what it runs and checks.
FuzzInput.main { bytes throws(FuzzInvariantViolation) in _ = try FuzzEntry.loadRegistry(bytes) }
