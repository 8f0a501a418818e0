// The MIME module. See README.md for what it does.
