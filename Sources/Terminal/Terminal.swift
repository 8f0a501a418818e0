// The Terminal module. See README.md for what it does.
