// The Index module. See README.md for what it does.
