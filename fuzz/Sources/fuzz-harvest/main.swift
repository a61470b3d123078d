import FuzzSupport

// The `harvest` fuzz target: see `FuzzEntry` for what it runs and checks.
FuzzInput.main { bytes throws(FuzzInvariantViolation) in _ = try FuzzEntry.harvest(note: bytes) }
