// Micro benchmarks of checking a draft (filled in with the checker).
