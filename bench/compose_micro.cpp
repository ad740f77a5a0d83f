// Micro benchmarks of composing (filled in with the compose CLI).
