// The TextAnalysis module. See README.md for what it does.
